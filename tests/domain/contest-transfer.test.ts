// Issue 22, point 1: a contest decided against a structure's management takes back every right
// that management gave (docs/decisions/0021). The same sequence over HTTP: tests/resilience/security-round-two.test.ts.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { attachments, auditEvents, mandates, refundRequests, refundStatusEvents, subscriptions } from "@/db/schema";
import { AccessDenied, can } from "@/lib/access";
import { getDb } from "@/lib/db";
import { giveMandate } from "@/lib/mandates/mandates";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { createStructure } from "@/lib/structures/create-structure";
import { contestManagement } from "@/lib/structures/contests";
import { resolveContest } from "@/lib/structures/operator";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { managerWithStructure, openTicSpace, subscribedMember } from "../support/structures";

/** The receipt of a transmission waits for the test's signal: a contest can be decided in between. */
const gate = vi.hoisted(() => ({ wait: null as Promise<void> | null }));
vi.mock("@/lib/refunds/receipt", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/refunds/receipt")>();
  return {
    ...original,
    buildReceipt: async (...args: Parameters<typeof original.buildReceipt>) => {
      const bytes = await original.buildReceipt(...args);
      if (gate.wait) await gate.wait;
      return bytes;
    },
  };
});

beforeEach(async () => {
  await importSample();
  gate.wait = null;
});

const NOW = new Date("2025-06-15T10:00:00Z");
const FARM = SAMPLE_FIXTURES.gaec.siret;
const OTHER = SAMPLE_FIXTURES.managementCentre.siret;

/**
 * The squatter manages the farm (verified here, as after a code they intercepted) and another structure, to which the farm gives
 * everything.
 */
async function squattedFarm() {
  const squatter = await managerWithStructure(FARM, false, { verified: true });
  const farmId = squatter.structureId;
  const spaceId = openTicSpace(squatter.actor, farmId);
  const other = await createStructure(squatter.actor, { siret: OTHER, rcs: null, isManagementCentre: true }, META);
  if (!other.ok) throw new Error(JSON.stringify(other));
  const given = giveMandate(
    squatter.actor,
    { farmStructureId: farmId, agentSiret: OTHER, rights: "modification", canTransmit: true, endDate: null },
    META,
  );
  if (!given.ok) throw new Error(JSON.stringify(given));
  const accomplice = await subscribedMember(squatter.actor, farmId, spaceId, { canView: true, canEdit: true });
  const account = addBankAccount(
    squatter.actor,
    {
      structureId: farmId,
      holder: "Usurpateur",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: true,
      rib: PNG_FILE,
    },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  const owner = await activeUser();
  return {
    squatter,
    farmId,
    bankAccountId: account.data.bankAccountId,
    mandateId: given.data.mandateId,
    accomplice,
    owner: { user: owner, actor: await actorFor(owner) },
  };
}

async function readyRequest(actor: Parameters<typeof createRequest>[0], structureId: number, year: number, bankAccountId: number) {
  const created = createRequest(actor, { structureId, year, bankAccountId, notInDifficulty: true }, META, NOW);
  if (!created.ok) throw new Error(JSON.stringify(created));
  const line = addLine(
    actor,
    {
      requestId: created.data.requestId,
      invoiceNumber: `FA-${year}`,
      deliveryDate: `${year}-03-15`,
      product: "gnr",
      volume: "10",
      billedFullTariff: "",
      invoice: PNG_FILE,
      then: "stay",
    },
    META,
    NOW,
  );
  if (!line.ok) throw new Error(JSON.stringify(line));
  return created.data.requestId;
}

describe("a contest decided for the real owner", () => {
  it("« transfer » ends the farm's mandates, the links its former manager approved, and puts back to draft what was transmitted since the contest", async () => {
    const { squatter, farmId, bankAccountId, mandateId, accomplice, owner } = await squattedFarm();
    const draftId = await readyRequest(squatter.actor, farmId, 2024, bankAccountId);
    const contest = contestManagement(owner.actor, { structureId: farmId, motif: "Je suis l'exploitant." }, META, NOW);
    if (!contest.ok) throw new Error(JSON.stringify(contest));
    // After the contest was filed, the squatter hurries a request through.
    const hurriedId = await readyRequest(squatter.actor, farmId, 2023, bankAccountId);
    const hurried = await transmitRequest(squatter.actor, hurriedId, META, new Date(NOW.getTime() + 3_600_000));
    expect(hurried, JSON.stringify(hurried)).toMatchObject({ ok: true });

    expect(
      await resolveContest(contest.data.contestId, {
        decision: "transfer",
        operator: "Bruno Opérateur",
        motif: "Kbis au nom du contestataire",
      }),
    ).toMatchObject({ ok: true });

    expect(getDb().select().from(mandates).where(eq(mandates.id, mandateId)).get()).toMatchObject({ status: "ended", endedBy: null });
    for (const action of ["refund.view", "refund.edit", "refund.transmit", "structure.select"] as const) {
      expect(can(squatter.actor, action, { structureId: farmId }), action).toBe(false);
      expect(can(accomplice.actor, action, { structureId: farmId }), action).toBe(false);
    }
    expect(
      getDb()
        .select()
        .from(attachments)
        .where(and(eq(attachments.structureId, farmId), eq(attachments.status, "approved")))
        .all()
        .map((a) => a.userId),
    ).toEqual([owner.actor.userId]);
    expect(
      getDb().select({ status: subscriptions.status }).from(subscriptions).where(eq(subscriptions.userId, accomplice.actor.userId)).all(),
    ).toEqual([{ status: "ended" }]);
    expect(mailsTo(accomplice.user.contactEmail).map((m) => m.template)).toContain("membership-changed");
    expect(mailsTo(squatter.user.contactEmail).find((m) => m.template === "mandate-changed")?.subject).toMatch(/^Fin de mandat/);

    const request = (id: number) => getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()!;
    expect(request(hurriedId)).toMatchObject({ status: "draft", notInDifficulty: false });
    expect(
      getDb()
        .select()
        .from(refundStatusEvents)
        .where(eq(refundStatusEvents.requestId, hurriedId))
        .all()
        .map((e) => e.status),
    ).toEqual(["draft", "submitted", "draft"]);
    expect(request(draftId)).toMatchObject({ status: "draft", notInDifficulty: false });
    await expect(transmitRequest(squatter.actor, draftId, META, NOW)).rejects.toThrow(AccessDenied);
    const withdrawn = getDb().select().from(auditEvents).where(eq(auditEvents.action, "operator.former_management_withdrawn")).get();
    expect(JSON.parse(withdrawn!.details!)).toMatchObject({ mandatesEnded: [mandateId], requestsBackToDraft: [hurriedId] });
  });

  it("« suspend » does the same, and a transmission prepared before the decision does not commit", async () => {
    const { squatter, farmId, bankAccountId, mandateId, owner } = await squattedFarm();
    const requestId = await readyRequest(squatter.actor, farmId, 2023, bankAccountId);
    const contest = contestManagement(owner.actor, { structureId: farmId, motif: "Usurpation." }, META);
    if (!contest.ok) throw new Error(JSON.stringify(contest));
    let release!: () => void;
    gate.wait = new Promise((resolve) => (release = resolve));
    // The right is checked, the receipt is being made…
    const transmitting = transmitRequest(squatter.actor, requestId, META, NOW);
    // …when the operator decides.
    expect(
      await resolveContest(contest.data.contestId, { decision: "suspend", operator: "Chloé Opératrice", motif: "Aucun justificatif" }),
    ).toMatchObject({ ok: true });
    release();
    expect(await transmitting).toMatchObject({ ok: false });
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.id, requestId)).get()).toMatchObject({
      status: "draft",
      reference: null,
    });
    expect(getDb().select().from(mandates).where(eq(mandates.id, mandateId)).get()!.status).toBe("ended");
  });
});
