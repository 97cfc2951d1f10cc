/**
 * Demo data for « Demandes » (issue 20): a handful of farms of the demo département (31), each with
 * a 2023 request transmitted through the real services (structure, operator's verification, TIC
 * space, bank details, lines with invoices, « Transmettre »), so that the seeded instructor sees a
 * list. Local only, idempotent (called by scripts/seed.ts).
 */
import { eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { hashSecret } from "@/lib/security/password-hash";
import { openSpaces } from "@/lib/spaces/open-spaces";
import { createStructure } from "@/lib/structures/create-structure";
import { verifyByOperator } from "@/lib/structures/operator";
import { SAMPLE_FIXTURES } from "./sirene/generator";

const META = { ip: null };
const FARMS = 5;
const emailOf = (index: number) => `ferme-${index}@portail-tic.localhost`;

async function pdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

/** Farms of 31 nobody else uses: not the sample's named fixtures, nor the SIRET the demo account is offered. */
function farmSirets(reserved: string[]): string[] {
  const taken = new Set([...reserved, ...Object.values(SAMPLE_FIXTURES).map((f) => f.siret)]);
  return (
    getDb()
      .$client.prepare(
        `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
         WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL AND e.postal_code LIKE '31%'
           AND e.siret NOT IN (SELECT siret FROM structures) ORDER BY e.siret DESC`,
      )
      .all() as { siret: string }[]
  )
    .map((row) => row.siret)
    .filter((siret) => !taken.has(siret))
    .slice(0, FARMS);
}

export async function seedTransmittedRequests(password: string, reservedSirets: string[]): Promise<void> {
  if (
    getDb()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.loginEmail, emailOf(1)))
      .get()
  ) {
    console.log("Demandes transmises de démonstration déjà présentes.");
    return;
  }
  const passwordHash = await hashSecret(password);
  const references: string[] = [];
  for (const [index, siret] of farmSirets(reservedSirets).entries()) {
    const now = new Date();
    const email = emailOf(index + 1);
    const user = inTransaction((tx) =>
      tx
        .insert(users)
        .values({
          loginEmail: email,
          contactEmail: email,
          lastName: `Exploitant${index + 1}`,
          firstName: "Dominique",
          siret,
          addressStreet: "1 route de la Ferme",
          postalCode: "31450",
          city: "Montgiscard",
          termsAcceptedAt: now,
          status: "active",
          passwordHash,
          createdAt: now,
          activatedAt: now,
          passwordChangedAt: now,
        })
        .returning({ id: users.id, firstName: users.firstName, lastName: users.lastName })
        .get(),
    );
    const actor: Actor = {
      kind: "user",
      userId: user.id,
      sessionId: "seed",
      loginEmail: email,
      contactEmail: email,
      firstName: user.firstName,
      lastName: user.lastName,
    };
    const created = await createStructure(actor, { siret, rcs: null, isManagementCentre: false }, META);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const structureId = created.data.structureId;
    verifyByOperator(structureId, { operator: "Démonstration", motif: "Données de démonstration (npm run db:seed)" });
    const spaces = openSpaces(
      actor,
      {
        structureId,
        kinds: ["ticRefund"],
        serviceIds: [],
        canView: true,
        canEdit: true,
        pacage: `0311000${String(index + 1).padStart(2, "0")}`,
        beneficiaryCategory: "company",
      },
      META,
    );
    if (!spaces.ok) throw new Error(JSON.stringify(spaces));
    const account = addBankAccount(
      actor,
      {
        structureId,
        holder: `Exploitation ${index + 1}`,
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPPXXX",
        makeDefault: true,
        rib: { name: "rib.pdf", bytes: await pdf("RIB") },
      },
      META,
    );
    if (!account.ok) throw new Error(JSON.stringify(account));
    const request = createRequest(
      actor,
      { structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
      META,
    );
    if (!request.ok) throw new Error(JSON.stringify(request));
    for (const [n, volume] of [String(800 + 150 * index), String(120 + 40 * index)].entries()) {
      const invoiceNumber = `F-${index + 1}0${n + 1}`;
      const line = addLine(
        actor,
        {
          requestId: request.data.requestId,
          invoiceNumber,
          deliveryDate: `2023-0${3 + n}-15`,
          product: "gnr",
          volume,
          billedFullTariff: "",
          invoice: { name: `${invoiceNumber}.pdf`, bytes: await pdf(`Facture ${invoiceNumber}`) },
          then: "stay",
        },
        META,
      );
      if (!line.ok) throw new Error(JSON.stringify(line));
    }
    const sent = await transmitRequest(actor, request.data.requestId, META);
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    references.push(sent.data.reference);
  }
  console.log(
    `Demandes transmises de démonstration (département 31) : ${references.join(", ")} ; exploitants ferme-1…${FARMS}@portail-tic.localhost, même mot de passe que le compte de démonstration.`,
  );
}
