// npm run bench, « Demandes » (issue 20): an instructor of the Haute-Garonne (31) whose départements
// hold 20,000 transmitted requests (the bench's 3,000 structures are all in 31), with their lines,
// some of them flagged by the checks, and an agent's session straight in the database.
import { createHash, randomBytes } from "node:crypto";

export const INSTRUCTION_REQUESTS = 20_000;

/** Seeds the requests and the instructor; returns the session cookie and one request to open. */
export function seedInstruction(db, now, structureCount) {
  let random = 7;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const agent = db
    .prepare(
      "INSERT INTO agents (email, first_name, last_name, status, created_at, activated_at, totp_confirmed_at) VALUES ('instructeur.bench@administration.gouv.fr', 'Ivan', 'Bench', 'active', ?, ?, ?)",
    )
    .run(now, now, now).lastInsertRowid;
  db.prepare("INSERT INTO agent_roles (agent_id, role, granted_at) VALUES (?, 'instructor', ?)").run(agent, now);
  db.prepare("INSERT INTO agent_departements (agent_id, departement, granted_at) VALUES (?, '31', ?)").run(agent, now);
  const token = randomBytes(32).toString("base64url");
  db.prepare(
    "INSERT INTO agent_sessions (id, agent_id, created_at, second_factor_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(createHash("sha256").update(token).digest("hex"), agent, now, now, now, now + 10 * 3_600_000);
  const insertFile =
    db.prepare(`INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by)
    VALUES (?, ?, 'application/pdf', ?, 4, 'bench', X'25504446', ?, ?)`);
  const insertAccount =
    db.prepare(`INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by)
    VALUES (?, 'EARL BENCH', ?, 'AGRIFRPPXXX', ?, 0, ?, ?)`);
  const insertRequest =
    db.prepare(`INSERT INTO refund_requests (structure_id, year, status, reference, bank_account_id, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at, transmitted_at, instructor_agent_id)
    VALUES (?, ?, ?, ?, ?, 1, '031123456', 'company', ?, ?, ?, ?, ?)`);
  const insertEvent = db.prepare("INSERT INTO refund_status_events (request_id, status, at, actor_user_id) VALUES (?, 'submitted', ?, ?)");
  const insertLine =
    db.prepare(`INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, rate_kind, amount_cents, invoice_file_id, created_at, created_by)
    VALUES (?, ?, ?, 'gnr', ?, ?, ?, ?, ?, ?, ?)`);
  const statuses = ["submitted", "submitted", "submitted", "processing", "incomplete", "accepted", "rejected"];
  const thisYear = new Date(now).getFullYear();
  // Years the portfolio's requests (the three last) do not use: one request per structure and year.
  const years = Array.from({ length: 7 }, (_, i) => thisYear - 10 + i);
  let first = null;
  db.transaction(() => {
    let count = 0;
    for (let s = 1; s <= structureCount && count < INSTRUCTION_REQUESTS; s++) {
      const rib = insertFile.run(s, "rib", "rib.pdf", now, s).lastInsertRowid;
      // One IBAN in fifty shared with the structure before: the « IBAN d'une autre structure » check.
      const iban = next() < 0.02 ? "FR7630006000011234567890189" : `FR76300060000${String(s).padStart(11, "0")}89`;
      const account = insertAccount.run(s, iban, rib, now - 400 * 86_400_000, s).lastInsertRowid;
      const invoice = insertFile.run(s, "invoice", "facture.pdf", now, s).lastInsertRowid;
      for (const year of years) {
        if (count >= INSTRUCTION_REQUESTS) break;
        const status = statuses[Math.floor(next() * statuses.length)];
        const transmitted = now - Math.floor(next() * 300 * 86_400_000);
        const request = insertRequest.run(
          s,
          year,
          status,
          `TIC-${year}-${String(100_000 + count).padStart(6, "0")}`,
          account,
          transmitted,
          s,
          transmitted,
          transmitted,
          status === "submitted" ? null : agent,
        ).lastInsertRowid;
        first ??= request;
        insertEvent.run(request, transmitted, s);
        const lines = 1 + Math.floor(next() * 3);
        for (let n = 1; n <= lines; n++) {
          const volume = 500_000 + Math.floor(next() * 5_000_000);
          const rate = 14_960;
          insertLine.run(
            request,
            `B-${s}-${year}-${n}`,
            `${year}-0${n}-15`,
            volume,
            rate,
            next() < 0.05 ? "calculated" : "official",
            Math.round((volume * rate) / 10_000),
            next() < 0.97 ? invoice : null,
            transmitted,
            s,
          );
        }
        count++;
      }
    }
  })();
  return { cookie: `portail-tic-agent=${token}`, requestId: first };
}
