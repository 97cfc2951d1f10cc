import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bankAccounts, refundLines, refundRequests, structures } from "@/db/schema";
import { getDb } from "@/lib/db";
import { giveMandate } from "@/lib/mandates/mandates";
import { portfolioPage } from "@/lib/portfolio/queries";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { missingBeforeTransmission } from "@/lib/refunds/missing";
import { requestDetail } from "@/lib/refunds/queries";
import type { RefundStatus } from "@/lib/refunds/statuses";
import { transmissionProblems } from "@/lib/refunds/transmission";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

const NOW = new Date("2026-12-07T10:00:00Z");
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;

const VERIFICATIONS = ["unverified", "verified", "suspended"] as const;
const STATUSES: RefundStatus[] = ["draft", "incomplete", "submitted"];
const BANKS = ["none", "removed", "kept"] as const;
const LINES = ["none", "with invoice", "without invoice", "mixed"] as const;
/** Years and advances: a 2024 request answers whether the advance was received; « oui » stands for the lines. */
const YEARS = [
  { year: 2023, advanceCents: 50_000, advanceReceived: true },
  { year: 2024, advanceCents: null, advanceReceived: null },
  { year: 2024, advanceCents: null, advanceReceived: false },
  { year: 2024, advanceCents: 50_000, advanceReceived: true },
];

async function clientFarm() {
  await importSample();
  const centre = await managerWithStructure(CENTRE, true);
  const member = await attachedMember(centre.actor, centre.structureId);
  const farm = await managerWithStructure();
  openTicSpace(farm.actor, farm.structureId);
  const given = giveMandate(
    farm.actor,
    { farmStructureId: farm.structureId, agentSiret: CENTRE, rights: "modification", canTransmit: true, endDate: null },
    META,
    NOW,
  );
  if (!given.ok) throw new Error(JSON.stringify(given));
  const account = (holder: string) => {
    const added = addBankAccount(
      farm.actor,
      { structureId: farm.structureId, holder, iban: "FR7630006000011234567890189", bic: "AGRIFRPPXXX", makeDefault: false, rib: PNG_FILE },
      META,
    );
    if (!added.ok) throw new Error(JSON.stringify(added));
    return getDb().select().from(bankAccounts).where(eq(bankAccounts.id, added.data.bankAccountId)).get()!;
  };
  const kept = account("GAEC");
  const removed = account("Ancien compte");
  getDb().update(bankAccounts).set({ removedAt: NOW }).where(eq(bankAccounts.id, removed.id)).run();
  return { member: member.actor, farm, bank: { none: null, removed: removed.id, kept: kept.id }, fileId: kept.ribFileId };
}

describe("what a request lacks before « Transmettre »: one rule, in TypeScript and in the portfolio's SQL", () => {
  it("gives the same items both ways for requests in every state", async () => {
    const { member, farm, bank, fileId } = await clientFarm();
    const db = getDb();
    const portfolioRow = (year: number, filters = {}) =>
      portfolioPage(member.userId, [year], { year, ...filters }, 1, NOW).rows.find((row) => row.farmId === farm.structureId);
    let compared = 0;
    const seen = new Set<string>();
    const seenVerifications = new Set<string>();
    for (const verification of VERIFICATIONS) {
      db.update(structures).set({ verificationStatus: verification }).where(eq(structures.id, farm.structureId)).run();
      // No request yet for the year: only the verification can be missing already.
      expect(portfolioRow(2023)).toMatchObject({ requestId: null, missing: verification === "verified" ? [] : ["verification"] });
    }
    // Every state of a request; the structure's verification turns with each case (each meets every status).
    const cases = STATUSES.flatMap((status) =>
      BANKS.flatMap((bankCase) =>
        [false, true].flatMap((attested) =>
          LINES.flatMap((lines) => YEARS.map((year) => ({ status, bankCase, attested, lines, ...year }))),
        ),
      ),
    );
    for (const [i, { status, bankCase, attested, lines, year, advanceCents, advanceReceived }] of cases.entries()) {
      const verification = VERIFICATIONS[i % VERIFICATIONS.length]!;
      db.update(structures).set({ verificationStatus: verification }).where(eq(structures.id, farm.structureId)).run();
      const request = db
        .insert(refundRequests)
        .values({
          structureId: farm.structureId,
          year,
          status,
          bankAccountId: bank[bankCase],
          advanceCents,
          advanceReceived,
          notInDifficulty: attested,
          createdAt: NOW,
          createdBy: farm.user.id,
          updatedAt: NOW,
        })
        .returning()
        .get();
      const line = (n: number, invoiceFileId: number | null) => ({
        requestId: request.id,
        invoiceNumber: `FA-${n}`,
        deliveryDate: `${year}-03-15`,
        product: "gnr" as const,
        volumeMilli: 1_000_000,
        rateMilliEuros: 38_600,
        amountCents: 3_860,
        invoiceFileId,
        createdAt: NOW,
        createdBy: farm.user.id,
      });
      const rows = {
        none: [],
        "with invoice": [line(1, fileId)],
        "without invoice": [line(1, null)],
        mixed: [line(1, fileId), line(2, null)],
      }[lines];
      if (rows.length > 0) db.insert(refundLines).values(rows).run();

      const detail = requestDetail(request.id)!;
      const inTypeScript = missingBeforeTransmission(detail).map((m) => m.item);
      const label = `${verification} ${status} bank:${bankCase} attested:${attested} lines:${lines} ${year} advance:${advanceReceived}/${advanceCents}`;
      const row = portfolioRow(year);
      expect(row?.requestId, label).toBe(request.id);
      expect(row!.missing, label).toEqual(inTypeScript);
      // The filter path reads the lines of every row first: the same verdict.
      expect(portfolioRow(year, { missing: "any" })?.requestId ?? null, label).toBe(inTypeScript.length > 0 ? request.id : null);
      expect(transmissionProblems(detail).length, label).toBe(inTypeScript.length);
      inTypeScript.forEach((item) => seen.add(item));
      seenVerifications.add(`${verification} ${status}`);
      compared++;
      db.delete(refundRequests).where(eq(refundRequests.id, request.id)).run();
    }
    expect(compared).toBe(STATUSES.length * BANKS.length * 2 * LINES.length * YEARS.length);
    expect(seenVerifications.size).toBe(VERIFICATIONS.length * STATUSES.length);
    // Every item occurs, and so does a complete request: the comparison covers each branch.
    expect([...seen].sort()).toEqual(["advance", "attestation", "bank", "invoices", "lines", "verification"]);
  });

  it("lacks nothing once transmitted, and says each item in the user's words", () => {
    const base = {
      structure: { verificationStatus: "unverified" as const },
      bankAccount: null,
      lines: [{ invoiceNumber: "FA-1", invoiceFileId: null }],
    };
    const request = { status: "draft" as RefundStatus, year: 2024, notInDifficulty: false, advanceCents: null, advanceReceived: false };
    expect(missingBeforeTransmission({ ...base, request }).map((m) => m.message)).toEqual([
      expect.stringContaining("Structure non vérifiée"),
      "Choisissez les références bancaires sur lesquelles verser le remboursement.",
      "Cochez l'attestation sur l'honneur : l'entreprise n'est pas « en difficulté ».",
      "Joignez la copie de la facture : FA-1.",
    ]);
    expect(missingBeforeTransmission({ ...base, request: { ...request, status: "submitted" } })).toEqual([]);
    expect(missingBeforeTransmission({ ...base, lines: [], request: { ...request, notInDifficulty: true } }).map((m) => m.item)).toEqual([
      "verification",
      "bank",
      "lines",
    ]);
  });
});
