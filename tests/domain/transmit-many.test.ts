import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, bankAccounts, refundRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { giveMandate } from "@/lib/mandates/mandates";
import { readyToTransmit, transmitMany, transmitManySchema } from "@/lib/portfolio/transmit-many";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { openYears } from "@/lib/refunds/years";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

/** Mid-2024: 2023 deliveries have sourced rates and are open. */
const NOW = new Date("2024-06-15T10:00:00Z");
const YEARS = openYears(NOW);
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;

function farmSirets(count: number): string[] {
  const used = Object.values(SAMPLE_FIXTURES).map((f) => f.siret);
  const rows = getDb()
    .$client.prepare(
      `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
       WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL ORDER BY e.siret`,
    )
    .all() as { siret: string }[];
  return rows
    .map((r) => r.siret)
    .filter((s) => !used.includes(s))
    .slice(0, count);
}

/** A verified farm with its space and bank details, a mandate to the centre, and a complete 2023 request filed by `accountant`. */
async function clientWithReadyRequest(siret: string, accountant: Actor, canTransmit: boolean) {
  const farm = await managerWithStructure(siret, false, { verified: true });
  openTicSpace(farm.actor, farm.structureId);
  const account = addBankAccount(
    farm.actor,
    {
      structureId: farm.structureId,
      holder: "Exploitation",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: true,
      rib: PNG_FILE,
    },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  const given = giveMandate(
    farm.actor,
    { farmStructureId: farm.structureId, agentSiret: CENTRE, rights: "modification", canTransmit, endDate: null },
    META,
    NOW,
  );
  if (!given.ok) throw new Error(JSON.stringify(given));
  const created = createRequest(
    accountant,
    { structureId: farm.structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
    META,
    NOW,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const line = addLine(
    accountant,
    {
      requestId: created.data.requestId,
      invoiceNumber: "FA-1",
      deliveryDate: "2023-03-15",
      product: "gnr",
      volume: "100",
      billedFullTariff: "",
      invoice: PNG_FILE,
      then: "stay",
    },
    META,
    NOW,
  );
  if (!line.ok) throw new Error(JSON.stringify(line));
  const { name } = getDb().$client.prepare("SELECT name FROM structures WHERE id = ?").get(farm.structureId) as { name: string };
  return { ...farm, name, requestId: created.data.requestId, bankAccountId: account.data.bankAccountId };
}

const statusOf = (requestId: number) =>
  getDb()
    .select({ status: refundRequests.status, reference: refundRequests.reference })
    .from(refundRequests)
    .where(eq(refundRequests.id, requestId))
    .get();

describe("transmettre plusieurs demandes depuis le portefeuille (issue 21, point 11)", () => {
  it("lists the ready requests the user may transmit, then transmits each in its own transaction, with a result per farm", async () => {
    await importSample();
    const centre = await managerWithStructure(CENTRE, true);
    const accountant = (await attachedMember(centre.actor, centre.structureId)).actor;
    const [s1, s2, s3, s4] = farmSirets(4);
    const a = await clientWithReadyRequest(s1!, accountant, true);
    const b = await clientWithReadyRequest(s2!, accountant, true);
    const noTransmission = await clientWithReadyRequest(s3!, accountant, false);
    const spoiled = await clientWithReadyRequest(s4!, accountant, true);

    const listed = readyToTransmit(accountant, YEARS, NOW);
    expect(listed.map((r) => r.requestId).sort()).toEqual([a.requestId, b.requestId, spoiled.requestId].sort());
    expect(listed.find((r) => r.requestId === a.requestId)).toMatchObject({ farmName: a.name, year: 2023, lineCount: 1 });

    // Between the confirmation page and the click, one farm withdraws the chosen bank details.
    getDb().update(bankAccounts).set({ removedAt: NOW }).where(eq(bankAccounts.id, spoiled.bankAccountId)).run();
    const parsed = parseForm(transmitManySchema, {
      requestIds: [
        String(a.requestId),
        String(spoiled.requestId),
        String(noTransmission.requestId),
        String(b.requestId),
        String(a.requestId),
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const result = await transmitMany(accountant, parsed.data, META, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const outcomes = result.data.outcomes;
    // Each chosen request once, in the order chosen.
    expect(outcomes.map((o) => o.requestId)).toEqual([a.requestId, spoiled.requestId, noTransmission.requestId, b.requestId]);
    expect(outcomes[0]).toMatchObject({ ok: true, farmName: a.name, reference: `TIC-2023-${String(a.requestId).padStart(6, "0")}` });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      farmName: spoiled.name,
      problems: expect.arrayContaining([expect.stringMatching(/références bancaires choisies ont été retirées/)]),
    });
    expect(outcomes[2]).toMatchObject({
      ok: false,
      farmName: noTransmission.name,
      problems: ["Vous n'avez pas le droit de transmettre cette demande."],
    });
    expect(outcomes[3]).toMatchObject({ ok: true, farmName: b.name });
    expect(result.message).toBe("2 demandes transmises sur 4 : voyez ci-dessous pourquoi les autres ne l'ont pas été.");

    // What was written: the two transmitted, with their audit event and receipt; the others untouched.
    expect(statusOf(a.requestId)).toMatchObject({ status: "submitted" });
    expect(statusOf(b.requestId)).toMatchObject({ status: "submitted" });
    expect(statusOf(spoiled.requestId)).toEqual({ status: "draft", reference: null });
    expect(statusOf(noTransmission.requestId)).toEqual({ status: "draft", reference: null });
    const transmitted = getDb()
      .select({ targetId: auditEvents.targetId, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "refund.transmitted"))
      .all();
    expect(transmitted.map((e) => Number(e.targetId)).sort()).toEqual([a.requestId, b.requestId].sort());
    expect(transmitted.every((e) => e.actor === accountant.userId)).toBe(true);
    // Each farm's gestionnaire principal gets its own mail.
    expect(mailsTo(a.user.contactEmail).some((m) => m.subject.includes("transmise"))).toBe(true);
    expect(mailsTo(spoiled.user.contactEmail).some((m) => m.subject.includes("transmise"))).toBe(false);

    // Transmitted ones leave the list; a second click changes nothing.
    expect(readyToTransmit(accountant, YEARS, NOW).map((r) => r.requestId)).toEqual([]);
    const again = await transmitMany(accountant, { requestIds: [a.requestId] }, META, NOW);
    expect(again.ok && again.data.outcomes[0]).toMatchObject({ ok: false, problems: ["Cette demande est déjà transmise."] });
  });

  it("refuses an empty or oversized choice with a French message, and a stranger's request as not theirs", async () => {
    await importSample();
    expect(parseForm(transmitManySchema, {})).toMatchObject({
      ok: false,
      fieldErrors: { requestIds: "Cochez au moins une demande à transmettre." },
    });
    expect(parseForm(transmitManySchema, { requestIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) })).toMatchObject({
      ok: false,
      fieldErrors: { requestIds: "Au plus 100 demandes à la fois." },
    });
    expect(parseForm(transmitManySchema, { requestIds: ["1; DROP TABLE"] }).ok).toBe(false);
    const centre = await managerWithStructure(CENTRE, true);
    const accountant = (await attachedMember(centre.actor, centre.structureId)).actor;
    const farmer = await managerWithStructure(farmSirets(1)[0]!, false, { verified: true });
    openTicSpace(farmer.actor, farmer.structureId);
    const own = createRequest(
      farmer.actor,
      { structureId: farmer.structureId, year: 2023, bankAccountId: null, notInDifficulty: true },
      META,
      NOW,
    );
    if (!own.ok) throw new Error(JSON.stringify(own));
    const result = await transmitMany(accountant, { requestIds: [own.data.requestId, 999_999] }, META, NOW);
    expect(result.ok && result.data.outcomes.map((o) => o.ok)).toEqual([false, false]);
    expect(result.ok && result.data.outcomes[0]).toMatchObject({ problems: ["Vous n'avez pas le droit de transmettre cette demande."] });
    expect(statusOf(own.data.requestId)).toMatchObject({ status: "draft" });
  });
});
