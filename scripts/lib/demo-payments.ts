/**
 * Demo data for « Paiements » and « Statistiques » (issue 20), local only and idempotent: three
 * farms of the SIRENE sample in département 31, each with a manager, a verified structure, its TIC
 * space, default bank details and a 2023 request of GNR lines, transmitted; two of them accepted by
 * the demo instructor (never the payer: separation of duties), the third followed by them. The
 * demo payer then has something to put in a payment order. Rows are written directly (the bench's
 * seed does the same): the farms' own steps are not the point of this demo.
 */
import { createHash } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { agents, auditEvents } from "@/db/schema";
import { REQUEST_ACCEPTED_ACTION } from "@/lib/access/agents";
import { recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction } from "@/lib/db";
import { referenceOf } from "@/lib/refunds/transmission";
import { SAMPLE_FIXTURES } from "../sirene/generator";

const MARKER = "seed.demo_payments";
const DAY = 86_400_000;
/** GNR delivered in 2023: 14,96 € per hl (official rate). */
const GNR_2023_MILLI_EUROS = 14_960;
const PDF = Buffer.from("%PDF-1.4\n% demo\n");

export function seedDemoPayments(instructorEmail: string, passwordHash: string, now = new Date()): void {
  const db = getDb();
  if (db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, MARKER)).get()) {
    console.log("Demandes accordées de démonstration déjà présentes.");
    return;
  }
  const instructor = db.select({ id: agents.id }).from(agents).where(eq(agents.email, instructorEmail)).get();
  if (!instructor) return;
  const client = db.$client;
  const farms = client
    .prepare(
      `SELECT e.siret, e.siren, u.name, e.street, e.postal_code AS postalCode, e.city, e.naf_code AS naf, u.legal_category AS legalCategory
       FROM directory_establishments e JOIN directory_legal_units u USING (siren)
       WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL AND e.postal_code LIKE '31%'
         AND e.siret <> '73282932000074' AND e.siret NOT IN (SELECT siret FROM structures)
       ORDER BY e.siret LIMIT 50`,
    )
    .all() as {
    siret: string;
    siren: string;
    name: string;
    street: string | null;
    postalCode: string;
    city: string | null;
    naf: string | null;
    legalCategory: string | null;
  }[];
  // Never a farm the e2e walks or the README's demo use by name (the sample's fixtures).
  const fixtures = new Set(Object.values(SAMPLE_FIXTURES).map((f) => f.siret));
  farms.splice(0, farms.length, ...farms.filter((farm) => !fixtures.has(farm.siret)).slice(0, 3));
  if (farms.length < 3) return;
  const plans = [
    { hl: [120, 45.5], accepted: true, transmittedDaysAgo: 40, decidedDaysAgo: 12 },
    { hl: [310], accepted: true, transmittedDaysAgo: 25, decidedDaysAgo: 6 },
    { hl: [80], accepted: false, transmittedDaysAgo: 9, decidedDaysAgo: 0 },
  ];
  const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
  inTransaction((tx) => {
    const run = (sql: string, ...params: unknown[]) => Number(tx.$client.prepare(sql).run(...params).lastInsertRowid);
    farms.forEach((farm, index) => {
      const plan = plans[index]!;
      const at = (daysAgo: number) => now.getTime() - daysAgo * DAY;
      const created = at(plan.transmittedDaysAgo + 5);
      const email = `exploitation${index + 1}.demo@portail-tic.localhost`;
      const userId = run(
        `INSERT INTO users (login_email, contact_email, last_name, first_name, siret, address_street, postal_code, city, terms_accepted_at, status, password_hash, secret_question, secret_answer_hash, created_at, activated_at, password_changed_at)
         VALUES (?, ?, ?, 'Dominique', ?, '1 chemin du Moulin', ?, ?, ?, 'active', ?, 'Question ?', ?, ?, ?, ?)`,
        email,
        email,
        `Exploitant${index + 1}`,
        farm.siret,
        farm.postalCode,
        farm.city ?? "MONTGISCARD",
        created,
        passwordHash,
        passwordHash,
        created,
        created,
        created,
      );
      const structureId = run(
        `INSERT INTO structures (siret, siren, name, street, postal_code, city, naf_code, legal_category, status, is_management_centre, verification_status, main_manager_id, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', 0, 'verified', ?, ?, ?)`,
        farm.siret,
        farm.siren,
        farm.name,
        farm.street,
        farm.postalCode,
        farm.city,
        farm.naf,
        farm.legalCategory,
        userId,
        created,
        userId,
      );
      run(
        `INSERT INTO attachments (user_id, structure_id, status, requested_at, decided_at, decided_by) VALUES (?, ?, 'approved', ?, ?, ?)`,
        userId,
        structureId,
        created,
        created,
        userId,
      );
      run(
        `INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by) VALUES (?, 'ticRefund', 1, 1, ?, 'company', ?, ?)`,
        structureId,
        `031${String(100_000 + index)}`,
        created,
        userId,
      );
      const fileOf = (kind: string, name: string) =>
        run(
          `INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by) VALUES (?, ?, 'application/pdf', ?, ?, ?, ?, ?, ?)`,
          structureId,
          kind,
          name,
          PDF.length,
          sha(PDF),
          PDF,
          created,
          userId,
        );
      const accountId = run(
        `INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by) VALUES (?, ?, 'FR7630006000011234567890189', 'AGRIFRPPXXX', ?, 1, ?, ?)`,
        structureId,
        farm.name.slice(0, 70),
        fileOf("rib", "rib.pdf"),
        created,
        userId,
      );
      const transmitted = at(plan.transmittedDaysAgo);
      const requestId = run(
        `INSERT INTO refund_requests (structure_id, year, status, bank_account_id, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at, transmitted_at, instructor_agent_id)
         VALUES (?, 2023, ?, ?, 1, ?, 'company', ?, ?, ?, ?, ?)`,
        structureId,
        plan.accepted ? "accepted" : "processing",
        accountId,
        `031${String(100_000 + index)}`,
        created,
        userId,
        transmitted,
        transmitted,
        instructor.id,
      );
      let total = 0;
      plan.hl.forEach((hl, line) => {
        const cents = Math.round(hl * 1496);
        total += cents;
        run(
          `INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, rate_kind, amount_cents, invoice_file_id, created_at, created_by)
           VALUES (?, ?, ?, 'gnr', ?, ?, 'official', ?, ?, ?, ?)`,
          requestId,
          `FA-2023-${index + 1}${line + 1}`,
          `2023-0${line + 3}-15`,
          Math.round(hl * 1000),
          GNR_2023_MILLI_EUROS,
          cents,
          fileOf("invoice", `FA-2023-${index + 1}${line + 1}.pdf`),
          created,
          userId,
        );
      });
      const reference = referenceOf({ id: requestId, year: 2023 });
      run(`UPDATE refund_requests SET reference = ? WHERE id = ?`, reference, requestId);
      run(
        `INSERT INTO refund_status_events (request_id, status, at, actor_user_id) VALUES (?, 'submitted', ?, ?)`,
        requestId,
        transmitted,
        userId,
      );
      run(
        `INSERT INTO refund_status_events (request_id, status, at, actor_agent_id) VALUES (?, 'processing', ?, ?)`,
        requestId,
        transmitted + DAY,
        instructor.id,
      );
      if (plan.accepted) {
        const decided = at(plan.decidedDaysAgo);
        run(
          `UPDATE refund_requests SET accepted_cents = ?, decided_at = ?, decided_by_agent_id = ?, updated_at = ? WHERE id = ?`,
          total,
          decided,
          instructor.id,
          decided,
          requestId,
        );
        run(
          `INSERT INTO refund_status_events (request_id, status, at, actor_agent_id) VALUES (?, 'accepted', ?, ?)`,
          requestId,
          decided,
          instructor.id,
        );
        recordAudit(
          tx,
          {
            action: REQUEST_ACCEPTED_ACTION,
            actorAgentId: instructor.id,
            targetType: "refund_request",
            targetId: requestId,
            details: { reference, acceptedCents: total, seed: true },
          },
          new Date(decided),
        );
      }
    });
    recordAudit(tx, { action: MARKER, details: { farms: farms.map((f) => f.siret) } }, now);
  });
  const accepted = db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(inArray(auditEvents.action, [REQUEST_ACCEPTED_ACTION]))
    .all().length;
  console.log(
    `Demandes de démonstration : 3 exploitations du 31, ${accepted} demandes accordées par l'instructeur, à mettre en paiement par le payeur.`,
  );
}
