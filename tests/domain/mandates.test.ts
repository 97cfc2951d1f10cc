import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, mandates } from "@/db/schema";
import { AccessDenied, can, type Action, type UserAction } from "@/lib/access";
import { parisToday } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { askMandate, decideMandate, endMandate, giveMandate } from "@/lib/mandates/mandates";
import { mandateStatus } from "@/lib/mandates/presentation";
import { endedMandateOnRequest, mandatedFarms, pendingMandateCount } from "@/lib/mandates/queries";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine, createRequest, declareAdvance } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { openSpaces } from "@/lib/spaces/open-spaces";
import { spaceAccesses } from "@/lib/spaces/rights";
import { detachMember } from "@/lib/structures/members";
import { currentStructure } from "@/lib/structures/queries";
import { selectStructure } from "@/lib/structures/attachments";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

const DAY = 86_400_000;
const dateIn = (days: number, from = new Date()) => parisToday(new Date(from.getTime() + days * DAY));
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;
const FARM = SAMPLE_FIXTURES.gaec.siret;

/** A verified farm with its TIC space, a centre de gestion with one more member, and another farm. */
async function setting() {
  const farm = await managerWithStructure(FARM, false, { verified: true });
  openTicSpace(farm.actor, farm.structureId);
  const centre = await managerWithStructure(CENTRE, true);
  const accountant = await attachedMember(centre.actor, centre.structureId);
  const other = await managerWithStructure(SAMPLE_FIXTURES.cuma.siret, false, { verified: true });
  openTicSpace(other.actor, other.structureId);
  return { farm, centre, accountant, other };
}

type Setting = Awaited<ReturnType<typeof setting>>;
type Rights = { rights: "consultation" | "modification"; canTransmit: boolean; endDate: string | null };
const FULL: Rights = { rights: "modification", canTransmit: true, endDate: null };

function give(s: Setting, rights: Rights = FULL, now = new Date()) {
  const given = giveMandate(s.farm.actor, { farmStructureId: s.farm.structureId, agentSiret: CENTRE, ...rights }, META, now);
  if (!given.ok) throw new Error(JSON.stringify(given));
  return given.data.mandateId;
}

const auditOf = (mandateId: number) =>
  getDb()
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, String(mandateId)))
    .all()
    .map((e) => e.action)
    .filter((a) => a.startsWith("mandate."));

/** The TIC actions an accountant of the centre may take on the farm, and on the other farm. */
function ticRightsOf(s: Setting, structureId: number) {
  const actions: Action[] = ["refund.view", "refund.edit", "refund.transmit", "structure.select"];
  return actions.filter((action) => can(s.accountant.actor, action, { structureId }));
}

describe("mandates", () => {
  it("given by the farm: in force at once for every member of the centre, audited and mailed to both sides", async () => {
    const s = await setting();
    expect(ticRightsOf(s, s.farm.structureId)).toEqual([]);
    const mandateId = give(s);
    expect(ticRightsOf(s, s.farm.structureId)).toEqual(["refund.view", "refund.edit", "refund.transmit", "structure.select"]);
    expect(spaceAccesses(s.centre.actor.userId, s.farm.structureId)[0]).toMatchObject({ via: "mandate", canEdit: true, canTransmit: true });
    expect(auditOf(mandateId)).toEqual(["mandate.given"]);
    for (const who of [s.farm, s.centre]) {
      expect(mailsTo(who.user.contactEmail).find((m) => m.template === "mandate-changed")?.subject).toMatch(
        /^Mandat donné : GAEC DU MOULIN/,
      );
    }
    // The centre's people may work on the farm: chosen (from « Portefeuille »), it joins the selector, marked.
    expect(mandatedFarms(s.accountant.actor.userId).map((f) => f.name)).toEqual(["GAEC DU MOULIN"]);
    expect(currentStructure(s.accountant.actor.userId)).toMatchObject({
      hasClients: true,
      current: { name: "CENTRE DE GESTION AGRICOLE DU GERS" },
    });
    expect(selectStructure(s.accountant.actor, s.farm.structureId).ok).toBe(true);
    const chosen = currentStructure(s.accountant.actor.userId);
    expect(chosen.current).toMatchObject({ name: "GAEC DU MOULIN", via: "mandate" });
    expect(chosen.all.map((x) => [x.name, x.via])).toEqual([
      ["CENTRE DE GESTION AGRICOLE DU GERS", "member"],
      ["GAEC DU MOULIN", "mandate"],
    ]);
  });

  it.each([
    ["consultation", { rights: "consultation", canTransmit: false, endDate: null }, ["refund.view", "structure.select"]],
    [
      "modification sans transmission",
      { rights: "modification", canTransmit: false, endDate: null },
      ["refund.view", "refund.edit", "structure.select"],
    ],
    ["modification et transmission", FULL, ["refund.view", "refund.edit", "refund.transmit", "structure.select"]],
  ] as const)("grants exactly its rights (%s), on that farm only", async (_name, rights, expected) => {
    const s = await setting();
    give(s, rights);
    expect(ticRightsOf(s, s.farm.structureId)).toEqual(expected);
    expect(ticRightsOf(s, s.other.structureId)).toEqual([]);
  });

  // Every action of the policy: a new one fails to compile here until it is listed.
  const ALL_ACTIONS = Object.keys({
    "structure.create": true,
    "attachment.request": true,
    "attachment.cancel": true,
    "attachment.decide": true,
    "structure.manage": true,
    "structure.work": true,
    "structure.verify": true,
    "structure.contest": true,
    "space.open": true,
    "space.update": true,
    "space.view": true,
    "space.edit": true,
    "subscription.request": true,
    "subscription.decide": true,
    "subscription.end": true,
    "member.detach": true,
    "manager.handover": true,
    "refund.view": true,
    "refund.edit": true,
    "refund.transmit": true,
    "file.download": true,
    "structure.select": true,
    "mandate.give": true,
    "mandate.request": true,
    "mandate.askMany": true,
    "mandate.decide": true,
    "mandate.end": true,
    "mandate.view": true,
    "portfolio.view": true,
    "bankDetails.manage": true,
    "bankDetails.view": true,
    "managerDashboard.view": true,
  } satisfies Record<UserAction, true>) as Action[];
  // What anyone signed in may do to any structure, mandate or not, and what is the user's rather than the structure's.
  const ANYONE = ["structure.create", "attachment.request", "structure.contest", "portfolio.view", "managerDashboard.view"];

  it.each([
    ["consultation", { rights: "consultation", canTransmit: false, endDate: null }, ["refund.view", "space.view", "structure.select"]],
    [
      "modification",
      { rights: "modification", canTransmit: false, endDate: null },
      ["refund.view", "refund.edit", "space.view", "space.edit", "structure.select"],
    ],
    [
      "modification et transmission",
      FULL,
      ["refund.view", "refund.edit", "refund.transmit", "space.view", "space.edit", "structure.select"],
    ],
  ] as const)("every action × %s × in force, ended, expired × the other farm", async (_name, rights, granted) => {
    const s = await setting();
    const mandateId = give(s, rights);
    const spaceOf = (structureId: number) =>
      spaceAccesses(s.farm.actor.userId, structureId).concat(spaceAccesses(s.other.actor.userId, structureId))[0]!.spaceId;
    const allowed = (structureId: number) =>
      ALL_ACTIONS.filter((action) =>
        can(s.accountant.actor, action, {
          structureId,
          spaceId: action.startsWith("space.") || action.startsWith("subscription.") ? spaceOf(structureId) : undefined,
        }),
      )
        .filter((action) => !ANYONE.includes(action))
        .sort();
    expect(allowed(s.farm.structureId)).toEqual([...granted].sort());
    expect(allowed(s.other.structureId)).toEqual([]);
    // Expired: its last day was yesterday.
    getDb()
      .update(mandates)
      .set({ endDate: dateIn(-1) })
      .where(eq(mandates.id, mandateId))
      .run();
    expect(allowed(s.farm.structureId)).toEqual([]);
    getDb().update(mandates).set({ endDate: null }).where(eq(mandates.id, mandateId)).run();
    expect(allowed(s.farm.structureId)).toEqual([...granted].sort());
    endMandate(s.farm.actor, mandateId, META);
    expect(allowed(s.farm.structureId)).toEqual([]);
  });

  it("never lets the centre manage the farm: members, spaces, bank details, subscriptions, mandates", async () => {
    const s = await setting();
    const mandateId = give(s);
    const farmMember = await attachedMember(s.farm.actor, s.farm.structureId);
    const space = spaceAccesses(s.farm.actor.userId, s.farm.structureId)[0]!;
    for (const actor of [s.centre.actor, s.accountant.actor]) {
      for (const [action, target] of [
        ["structure.manage", { structureId: s.farm.structureId }],
        ["structure.work", { structureId: s.farm.structureId }],
        ["member.detach", { structureId: s.farm.structureId, userId: farmMember.actor.userId }],
        ["manager.handover", { structureId: s.farm.structureId, userId: farmMember.actor.userId }],
        ["space.open", { structureId: s.farm.structureId }],
        ["space.update", { spaceId: space.spaceId }],
        ["subscription.request", { spaceId: space.spaceId }],
        ["mandate.give", { structureId: s.farm.structureId }],
        ["mandate.decide", { mandateId }],
      ] as const) {
        expect(can(actor, action, target), `${action}`).toBe(false);
      }
    }
    expect(() =>
      addBankAccount(
        s.accountant.actor,
        {
          structureId: s.farm.structureId,
          holder: "X",
          iban: "FR7630006000011234567890189",
          bic: "AGRIFRPPXXX",
          makeDefault: true,
          rib: PNG_FILE,
        },
        META,
      ),
    ).toThrow(AccessDenied);
    expect(() => detachMember(s.centre.actor, { structureId: s.farm.structureId, userId: farmMember.actor.userId }, META)).toThrow(
      AccessDenied,
    );
    expect(() =>
      openSpaces(
        s.centre.actor,
        {
          structureId: s.farm.structureId,
          kinds: ["supportRequests"],
          serviceIds: [],
          canView: true,
          canEdit: true,
          pacage: null,
          beneficiaryCategory: undefined,
        },
        META,
      ),
    ).toThrow(AccessDenied);
  });

  it("asked by the centre: nothing until the farm accepts; refused, nothing at all", async () => {
    const s = await setting();
    const asked = askMandate(s.centre.actor, { agentStructureId: s.centre.structureId, farmSiret: FARM, ...FULL }, META);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    expect(mailsTo(s.farm.user.contactEmail)[0]).toMatchObject({
      template: "mandate-changed",
      subject: expect.stringMatching(/^Demande de mandat : GAEC DU MOULIN/),
    });
    expect(pendingMandateCount(s.farm.actor.userId)).toBe(1);
    expect(ticRightsOf(s, s.farm.structureId)).toEqual([]);
    // Only the farm's gestionnaire principal decides; the centre cannot accept its own request.
    expect(() => decideMandate(s.centre.actor, { mandateId: asked.data.mandateId, decision: "accept", reason: null }, META)).toThrow(
      AccessDenied,
    );
    expect(decideMandate(s.farm.actor, { mandateId: asked.data.mandateId, decision: "accept", reason: null }, META)).toMatchObject({
      ok: true,
    });
    expect(ticRightsOf(s, s.farm.structureId)).toContain("refund.transmit");
    // Decided once: a second click changes nothing.
    expect(decideMandate(s.farm.actor, { mandateId: asked.data.mandateId, decision: "refuse", reason: null }, META)).toMatchObject({
      ok: false,
    });
    expect(auditOf(asked.data.mandateId)).toEqual(["mandate.asked", "mandate.accepted"]);

    const other = askMandate(
      s.centre.actor,
      { agentStructureId: s.centre.structureId, farmSiret: SAMPLE_FIXTURES.cuma.siret, ...FULL },
      META,
    );
    if (!other.ok) throw new Error(JSON.stringify(other));
    expect(
      decideMandate(s.other.actor, { mandateId: other.data.mandateId, decision: "refuse", reason: "Nous déposons nous-mêmes." }, META),
    ).toMatchObject({ ok: true });
    expect(ticRightsOf(s, s.other.structureId)).toEqual([]);
    expect(JSON.parse(mailsTo(s.centre.user.contactEmail)[0]!.props!)).toMatchObject({
      event: "refused",
      reason: "Nous déposons nous-mêmes.",
    });
  });

  it("refuses what makes no sense, with a French message on the field", async () => {
    const s = await setting();
    const ask = (farmSiret: string, rights: Partial<Rights> = {}) =>
      askMandate(s.centre.actor, { agentStructureId: s.centre.structureId, farmSiret, ...FULL, ...rights }, META);
    expect(ask(SAMPLE_FIXTURES.earlDemo.siret)).toMatchObject({
      ok: false,
      fieldErrors: { farmSiret: expect.stringMatching(/Aucune exploitation/) },
    });
    expect(ask(CENTRE)).toMatchObject({ ok: false, fieldErrors: { farmSiret: expect.stringMatching(/elle-même/) } });
    expect(ask(FARM, { endDate: dateIn(-1) })).toMatchObject({ ok: false, fieldErrors: { endDate: expect.any(String) } });
    expect(ask(FARM)).toMatchObject({ ok: true });
    expect(ask(FARM)).toMatchObject({ ok: false, formError: expect.stringMatching(/attend déjà/) });
    // A centre de gestion has no TIC space to delegate.
    expect(can(s.centre.actor, "mandate.give", { structureId: s.centre.structureId })).toBe(false);
    // Only the gestionnaire principal asks in the centre's name.
    expect(() => askMandate(s.accountant.actor, { agentStructureId: s.centre.structureId, farmSiret: FARM, ...FULL }, META)).toThrow(
      AccessDenied,
    );
  });

  it("a mandate still asked: the farm refuses it, only the side that asked withdraws it (issue 21)", async () => {
    const s = await setting();
    const asked = askMandate(s.centre.actor, { agentStructureId: s.centre.structureId, farmSiret: FARM, ...FULL }, META);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    const id = asked.data.mandateId;
    expect(endMandate(s.farm.actor, id, META)).toMatchObject({ ok: false, formError: expect.stringMatching(/Refuser le mandat/) });
    expect(getDb().select({ status: mandates.status }).from(mandates).where(eq(mandates.id, id)).get()).toEqual({ status: "pending" });
    expect(auditOf(id)).toEqual(["mandate.asked"]);
    expect(endMandate(s.centre.actor, id, META)).toMatchObject({ ok: true, message: "La demande de mandat est retirée." });
    expect(auditOf(id)).toEqual(["mandate.asked", "mandate.cancelled"]);
  });

  it("ends at once when either side ends it, and by itself after its end date", async () => {
    const s = await setting();
    const byFarm = give(s);
    expect(endMandate(s.farm.actor, byFarm, META)).toMatchObject({ ok: true });
    expect(ticRightsOf(s, s.farm.structureId)).toEqual([]);
    expect(currentStructure(s.accountant.actor.userId)).toMatchObject({
      hasClients: false,
      all: [{ name: "CENTRE DE GESTION AGRICOLE DU GERS" }],
    });
    expect(auditOf(byFarm)).toEqual(["mandate.given", "mandate.ended"]);
    expect(mailsTo(s.centre.user.contactEmail)[0]?.subject).toMatch(/^Fin de mandat : GAEC DU MOULIN/);

    const byCentre = give(s);
    expect(() => endMandate(s.accountant.actor, byCentre, META)).toThrow(AccessDenied);
    expect(endMandate(s.centre.actor, byCentre, META)).toMatchObject({ ok: true });
    expect(ticRightsOf(s, s.farm.structureId)).toEqual([]);
    expect(endMandate(s.centre.actor, byCentre, META)).toMatchObject({ ok: false });

    const today = new Date();
    const dated = give(s, { ...FULL, endDate: dateIn(10, today) });
    expect(ticRightsOf(s, s.farm.structureId)).toContain("refund.edit");
    const later = new Date(today.getTime() + 11 * DAY);
    expect(spaceAccesses(s.accountant.actor.userId, s.farm.structureId, later)).toEqual([]);
    expect(spaceAccesses(s.accountant.actor.userId, s.farm.structureId, new Date(today.getTime() + 10 * DAY))).toHaveLength(1);
    expect(mandatedFarms(s.accountant.actor.userId, later)).toEqual([]);
    const row = getDb().select().from(mandates).where(eq(mandates.id, dated)).get()!;
    expect(mandateStatus(row, later)).toBe("expired");
  });

  it("after the mandate ends, its holder is told why the farm's request is closed; nobody else is (issue 21)", async () => {
    const s = await setting();
    const now = new Date("2025-06-15T10:00:00Z");
    const mandateId = give(s, { rights: "modification", canTransmit: false, endDate: null });
    const created = createRequest(
      s.accountant.actor,
      { structureId: s.farm.structureId, year: 2024, bankAccountId: null, notInDifficulty: false },
      META,
      now,
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    const requestId = created.data.requestId;
    // In force: nothing to explain.
    expect(endedMandateOnRequest(s.accountant.actor.userId, requestId)).toBeNull();
    endMandate(s.farm.actor, mandateId, META);
    expect(can(s.accountant.actor, "refund.view", { requestId })).toBe(false);
    expect(endedMandateOnRequest(s.accountant.actor.userId, requestId)).toMatchObject({
      mandateId,
      farmName: "GAEC DU MOULIN",
      agentName: "CENTRE DE GESTION AGRICOLE DU GERS",
      year: 2024,
      endedText: expect.stringMatching(/^a pris fin le \d{1,2} \p{L}+ \d{4}$/u),
    });
    // Someone whose structure never held it learns nothing.
    expect(endedMandateOnRequest(s.other.actor.userId, requestId)).toBeNull();
    // Past its last day.
    const dated = give(s, { rights: "modification", canTransmit: false, endDate: "2026-12-31" });
    getDb().update(mandates).set({ endDate: "2026-01-31" }).where(eq(mandates.id, dated)).run();
    expect(endedMandateOnRequest(s.accountant.actor.userId, requestId)).toMatchObject({
      mandateId: dated,
      endedText: "a pris fin après son dernier jour, le 31 janvier 2026",
    });
  });

  it("lets the centre file for the farm when granted, and the farm sees who did and gets the receipt", async () => {
    const s = await setting();
    // GNR delivered in March 2024 has a sourced rate; filed in June 2025.
    const now = new Date("2025-06-15T10:00:00Z");
    const year = 2024;
    const account = addBankAccount(
      s.farm.actor,
      {
        structureId: s.farm.structureId,
        holder: "GAEC",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPPXXX",
        makeDefault: true,
        rib: PNG_FILE,
      },
      META,
    );
    if (!account.ok) throw new Error(JSON.stringify(account));
    give(s, { rights: "modification", canTransmit: false, endDate: null });
    // The centre chooses among the farm's bank details; it cannot add any.
    const created = createRequest(
      s.accountant.actor,
      { structureId: s.farm.structureId, year, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
      META,
      now,
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    const requestId = created.data.requestId;
    const line = addLine(
      s.accountant.actor,
      {
        requestId,
        invoiceNumber: "FA-1",
        deliveryDate: `${year}-03-15`,
        product: "gnr",
        volume: "10",
        billedFullTariff: "",
        invoice: PNG_FILE,
        then: "stay",
      },
      META,
      now,
    );
    if (!line.ok) throw new Error(JSON.stringify(line));
    // A 2024 request says whether the advance was received (issue 21).
    expect(declareAdvance(s.accountant.actor, { requestId, received: "non", amount: "" }, META, now)).toMatchObject({ ok: true });
    await expect(transmitRequest(s.accountant.actor, requestId, META, now)).rejects.toThrow(AccessDenied);
    // The farm widens the mandate: end it, give it again with transmission.
    const live = getDb().select().from(mandates).where(eq(mandates.status, "active")).get()!;
    endMandate(s.farm.actor, live.id, META);
    give(s, FULL);
    const sent = await transmitRequest(s.accountant.actor, requestId, META, now);
    expect(sent).toMatchObject({ ok: true });
    expect(mailsTo(s.farm.user.contactEmail).some((m) => m.template === "refund-transmitted")).toBe(true);
    expect(mailsTo(s.accountant.user.contactEmail).some((m) => m.template === "refund-transmitted")).toBe(true);
    const transmitted = getDb()
      .select({ actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "refund.transmitted"))
      .get();
    expect(transmitted?.actor).toBe(s.accountant.actor.userId);
  });
});
