import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bankAccounts, refundRequests, services, structures, users } from "@/db/schema";
import { AccessDenied, authorize, can, type Action, type UserAction, type Right } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { addBankAccount, removeBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine, createRequest, removeLine } from "@/lib/refunds/requests";
import { addService, renameService } from "@/lib/spaces/services";
import { cancelAttachmentRequest, decideAttachments, requestAttachment } from "@/lib/structures/attachments";
import { createStructure } from "@/lib/structures/create-structure";
import { parisToday } from "@/lib/dates";
import { decideSubscriptions, requestSubscription } from "@/lib/subscriptions/subscriptions";
import { giveMandate } from "@/lib/mandates/mandates";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor, pendingUser } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { openTicSpace } from "../support/structures";

type ActorName =
  | "anonymous"
  | "pendingAccount"
  | "unattached"
  | "requester"
  | "member"
  | "otherMember"
  | "otherManager"
  | "mainManager"
  | "mandatedManager"
  | "mandatedMember";

async function world() {
  await importSample();
  const create = async (siret: string) => {
    const actor = await actorFor(await activeUser());
    const result = await createStructure(actor, { siret, rcs: null, isManagementCentre: false }, META);
    if (!result.ok) throw new Error(JSON.stringify(result));
    return { actor, structureId: result.data.structureId };
  };
  const main = await create(SAMPLE_FIXTURES.gaec.siret);
  const other = await create(SAMPLE_FIXTURES.cuma.siret);
  const attach = async (structure: { actor: Actor; structureId: number }) => {
    const actor = await actorFor(await activeUser());
    const r = requestAttachment(actor, structure.structureId, META);
    if (!r.ok) throw new Error("request failed");
    decideAttachments(structure.actor, { ids: [r.data.attachmentId], decision: "approve", reason: null }, META);
    return actor;
  };
  const member = await attach(main);
  const spaceId = openTicSpace(main.actor, main.structureId);
  const asked = requestSubscription(
    member,
    { structureId: main.structureId, spaceId, canView: true, canEdit: false, startDate: parisToday() },
    META,
  );
  if (!asked.ok) throw new Error("subscription failed");
  decideSubscriptions(main.actor, { ids: [asked.data.subscriptionId], decision: "approve", reason: null }, META);
  const otherMember = await attach(other);
  const requester = await actorFor(await activeUser());
  const pending = requestAttachment(requester, main.structureId, META);
  if (!pending.ok) throw new Error("request failed");
  // A centre de gestion holding a mandate on S: modification, without transmission.
  const centre = await create(SAMPLE_FIXTURES.managementCentre.siret);
  const mandatedMember = await attach(centre);
  const mandate = giveMandate(
    main.actor,
    {
      farmStructureId: main.structureId,
      agentSiret: SAMPLE_FIXTURES.managementCentre.siret,
      rights: "modification",
      canTransmit: false,
      endDate: null,
    },
    META,
  );
  if (!mandate.ok) throw new Error(JSON.stringify(mandate));
  const pendingLogin = pendingUser();
  const pendingRow = getDb().select().from(users).where(eq(users.loginEmail, pendingLogin)).get()!;
  // A pending account can never sign in; a forged actor for it must still be refused everything.
  const pendingAccount: Actor = {
    kind: "user",
    userId: pendingRow.id,
    sessionId: "forged",
    loginEmail: pendingLogin,
    contactEmail: pendingLogin,
    firstName: "P",
    lastName: "P",
  };
  const actors: Record<ActorName, Actor | null> = {
    anonymous: null,
    pendingAccount,
    unattached: await actorFor(await activeUser()),
    requester,
    member,
    otherMember,
    otherManager: other.actor,
    mainManager: main.actor,
    mandatedManager: centre.actor,
    mandatedMember,
  };
  const rib = addBankAccount(
    main.actor,
    {
      structureId: main.structureId,
      holder: "GAEC",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: true,
      rib: PNG_FILE,
    },
    META,
  );
  if (!rib.ok) throw new Error("bank account failed");
  const fileId = getDb().select({ id: bankAccounts.ribFileId }).from(bankAccounts).where(eq(bankAccounts.id, rib.data.bankAccountId)).get()!
    .id;
  return {
    actors,
    structureId: main.structureId,
    attachmentId: pending.data.attachmentId,
    spaceId,
    subscriptionId: asked.data.subscriptionId,
    memberId: member.userId,
    fileId,
    bankAccountId: rib.data.bankAccountId,
    manager: main.actor,
    mandateId: mandate.data.mandateId,
  };
}

const ALL: ActorName[] = [
  "anonymous",
  "pendingAccount",
  "unattached",
  "requester",
  "member",
  "otherMember",
  "otherManager",
  "mainManager",
  "mandatedManager",
  "mandatedMember",
];
const MANDATED: ActorName[] = ["mandatedManager", "mandatedMember"];
const SIGNED_IN = ALL.filter((a) => a !== "anonymous" && a !== "pendingAccount");

/** Who may do what to structure S and to the pending request P (of `requester`, to S). */
type TargetKind = "structure" | "attachment" | "none" | "space" | "subscription" | "member" | "file" | "mandate";
const MATRIX: Record<UserAction, { target: TargetKind; allowed: ActorName[] }> = {
  "structure.create": { target: "none", allowed: SIGNED_IN },
  "attachment.request": { target: "structure", allowed: SIGNED_IN },
  "attachment.cancel": { target: "attachment", allowed: ["requester"] },
  "attachment.decide": { target: "attachment", allowed: ["mainManager"] },
  "structure.manage": { target: "structure", allowed: ["mainManager"] },
  "structure.work": { target: "structure", allowed: ["mainManager", "member"] },
  // The code posted to the establishment: typed by its gestionnaire principal only.
  "structure.verify": { target: "structure", allowed: ["mainManager"] },
  // Contesting the management: anyone signed in but the gestionnaire principal.
  "structure.contest": { target: "structure", allowed: SIGNED_IN.filter((a) => a !== "mainManager") },
  "space.open": { target: "structure", allowed: ["mainManager"] },
  "space.update": { target: "space", allowed: ["mainManager"] },
  // The mandate (modification) reaches the TIC space, never its settings (space.update).
  "space.view": { target: "space", allowed: ["mainManager", "member", ...MANDATED] },
  "space.edit": { target: "space", allowed: ["mainManager", ...MANDATED] },
  "subscription.request": { target: "space", allowed: ["mainManager", "member"] },
  "subscription.decide": { target: "subscription", allowed: ["mainManager"] },
  "subscription.end": { target: "subscription", allowed: ["mainManager", "member"] },
  "member.detach": { target: "member", allowed: ["mainManager"] },
  "manager.handover": { target: "member", allowed: ["mainManager"] },
  // `member` has « Consultation » only on the TIC space.
  "refund.view": { target: "structure", allowed: ["mainManager", "member", ...MANDATED] },
  "refund.edit": { target: "structure", allowed: ["mainManager", ...MANDATED] },
  // The mandate was given without transmission.
  "refund.transmit": { target: "structure", allowed: ["mainManager"] },
  // A RIB recorded by the manager: the manager, and whoever sees the TIC space.
  // The file is a RIB: never a mandated structure (ADR 0018, issue 22 point 7).
  "file.download": { target: "file", allowed: ["mainManager", "member"] },
  "structure.select": { target: "structure", allowed: ["mainManager", "member", ...MANDATED] },
  "mandate.give": { target: "structure", allowed: ["mainManager"] },
  "mandate.request": { target: "structure", allowed: ["mainManager"] },
  // A centre de gestion's gestionnaire principal only; S is a farm (tests/domain/mandate-invitations.test.ts covers the centre).
  "mandate.askMany": { target: "structure", allowed: [] },
  "mandate.decide": { target: "mandate", allowed: ["mainManager"] },
  "mandate.end": { target: "mandate", allowed: ["mainManager", "mandatedManager"] },
  "mandate.view": { target: "mandate", allowed: ["mainManager", ...MANDATED] },
  // « Portefeuille »: the members of a structure holding a mandate in force (or of a centre de gestion).
  "portfolio.view": { target: "none", allowed: MANDATED },
  // A farm's bank details: its gestionnaire principal (a centre de gestion has none, see below).
  "bankDetails.manage": { target: "structure", allowed: ["mainManager"] },
  // …seen in full by its own people who see the TIC space; masked under a mandate (ADR 0018).
  "bankDetails.view": { target: "structure", allowed: ["mainManager", "member"] },
  // « Activités du gestionnaire »: whoever is gestionnaire principal of a structure.
  "managerDashboard.view": { target: "none", allowed: ["mainManager", "otherManager", "mandatedManager"] },
};

/** The rights an actor holds on structure S: the structure's actions and the user's own, as the matrix lists them. */
const structureRights = (name: ActorName): Right[] =>
  (Object.entries(MATRIX) as [UserAction, (typeof MATRIX)[UserAction]][])
    .filter(([, rule]) => (rule.target === "structure" || rule.target === "none") && rule.allowed.includes(name))
    .map(([action]) => action as Right)
    .sort();

describe("access matrix", () => {
  it("allows exactly the listed actors for every action", async () => {
    const { actors, structureId, attachmentId, spaceId, subscriptionId, memberId, fileId, mandateId } = await world();
    const targets: Record<TargetKind, object> = {
      none: {},
      structure: { structureId },
      attachment: { attachmentId },
      space: { spaceId },
      subscription: { subscriptionId },
      member: { structureId, userId: memberId },
      file: { fileId },
      mandate: { mandateId },
    };
    const outcome: Record<string, ActorName[]> = {};
    for (const [action, rule] of Object.entries(MATRIX) as [UserAction, (typeof MATRIX)[UserAction]][]) {
      const target = targets[rule.target];
      outcome[action] = ALL.filter((name) => authorize(actors[name], action, target).ok).sort();
    }
    expect(outcome).toEqual(Object.fromEntries(Object.entries(MATRIX).map(([action, rule]) => [action, [...rule.allowed].sort()])));
  });

  it("returns, with a grant, the whole set of rights each actor holds on the structure and on a request, state included", async () => {
    const { actors, structureId, bankAccountId, manager } = await world();
    const NOW = new Date("2024-06-15T10:00:00Z");
    const created = createRequest(manager, { structureId, year: 2023, bankAccountId, notInDifficulty: true }, META, NOW);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const requestId = created.data.requestId;
    const rightsOn = (name: ActorName, target: object) => {
      const grant = authorize(actors[name], "structure.create", target);
      return grant.ok ? [...grant.rights].sort() : [];
    };
    // On a draft: who may edit may also edit, delete and transmit it (transmission if granted).
    const draftRights = (name: ActorName): Right[] => {
      const onStructure = structureRights(name);
      const extra: Right[] = [];
      if (onStructure.includes("refund.edit")) extra.push("request.edit", "request.delete");
      if (onStructure.includes("refund.transmit")) extra.push("request.transmit");
      return [...onStructure, ...extra].sort();
    };
    const expected = (rights: (name: ActorName) => Right[]) => Object.fromEntries(ALL.map((name) => [name, rights(name)]));
    expect(Object.fromEntries(ALL.map((name) => [name, rightsOn(name, { structureId })]))).toEqual(expected(structureRights));
    expect(Object.fromEntries(ALL.map((name) => [name, rightsOn(name, { requestId })]))).toEqual(expected(draftRights));
    // Transmitted, the request is no one's to edit, delete or transmit again: the space rights stay (view, and who may act at all).
    getDb().update(refundRequests).set({ status: "submitted", reference: "TIC-2023-000001" }).where(eq(refundRequests.id, requestId)).run();
    expect(Object.fromEntries(ALL.map((name) => [name, rightsOn(name, { requestId })]))).toEqual(expected(structureRights));
    // Back « à compléter »: editable and transmissible again, never deleted (it was transmitted once).
    getDb().update(refundRequests).set({ status: "incomplete" }).where(eq(refundRequests.id, requestId)).run();
    const grant = authorize(actors.mainManager, "refund.edit", { requestId });
    expect(grant.ok && [...grant.rights].filter((r) => r.startsWith("request."))).toEqual(["request.edit", "request.transmit"]);
    // The grant carries the row the policy read: the service acts on it.
    expect(grant.ok && grant.request).toMatchObject({ id: requestId, structureId, status: "incomplete" });
  });

  it("gives a centre de gestion no bank details: the service refuses a direct POST", async () => {
    const { actors } = await world();
    const centreId = getDb()
      .select({ id: structures.id })
      .from(structures)
      .where(eq(structures.siret, SAMPLE_FIXTURES.managementCentre.siret))
      .get()!.id;
    const centre = actors.mandatedManager!;
    // The world creates it as a plain structure; declared a centre de gestion, as at its creation.
    getDb().update(structures).set({ isManagementCentre: true }).where(eq(structures.id, centreId)).run();
    expect(authorize(centre, "structure.manage", { structureId: centreId }).ok).toBe(true);
    expect(authorize(centre, "bankDetails.manage", { structureId: centreId }).ok).toBe(false);
    expect(() =>
      addBankAccount(
        centre,
        { structureId: centreId, holder: "CER", iban: "FR7630006000011234567890189", bic: "AGRIFRPPXXX", makeDefault: true, rib: PNG_FILE },
        META,
      ),
    ).toThrow(AccessDenied);
  });

  it("finds the structure of what a target names (a line, a bank account, a service), and refuses what does not exist", async () => {
    const { actors, structureId, bankAccountId, manager } = await world();
    expect(addService(manager, { structureId, code: "ATELIER", label: "Atelier" }, META).ok).toBe(true);
    const serviceId = getDb().select({ id: services.id }).from(services).where(eq(services.structureId, structureId)).get()!.id;
    const NOW = new Date("2024-06-15T10:00:00Z");
    const created = createRequest(manager, { structureId, year: 2023, bankAccountId, notInDifficulty: true }, META, NOW);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const added = addLine(
      manager,
      {
        requestId: created.data.requestId,
        invoiceNumber: "FA-1",
        deliveryDate: "2023-03-15",
        product: "gnr",
        volume: "10",
        billedFullTariff: "",
        invoice: null,
        then: "stay",
      },
      META,
      NOW,
    );
    if (!added.ok) throw new Error(JSON.stringify(added));
    const allowed = (action: Action, target: object) => ALL.filter((name) => can(actors[name], action, target)).sort();
    expect(allowed("structure.manage", { bankAccountId })).toEqual(["mainManager"]);
    expect(allowed("structure.manage", { serviceId })).toEqual(["mainManager"]);
    expect(allowed("refund.edit", { lineId: added.data.lineId })).toEqual(["mainManager", ...MANDATED].sort());
    expect(allowed("refund.view", { lineId: added.data.lineId })).toEqual(["mainManager", "member", ...MANDATED].sort());
    for (const target of [{ bankAccountId: 999_999 }, { serviceId: 999_999 }, { lineId: 999_999 }]) {
      expect(allowed("structure.manage", target)).toEqual([]);
      expect(allowed("refund.edit", target)).toEqual([]);
    }
    // The thing named wins over a structure named beside it: another structure's id cannot lend its rights.
    expect(allowed("structure.manage", { structureId: 999_999, bankAccountId })).toEqual(["mainManager"]);
    expect(allowed("refund.edit", { structureId, lineId: 999_999 })).toEqual([]);
    expect(() => removeBankAccount(actors.otherManager!, bankAccountId, META)).toThrow(AccessDenied);
    expect(() => renameService(actors.member!, { serviceId, label: "X" }, META)).toThrow(AccessDenied);
    expect(() => removeLine(actors.member!, added.data.lineId, META, NOW)).toThrow(AccessDenied);
  });

  it("is enforced by the services themselves, whatever a page shows", async () => {
    const { actors, attachmentId } = await world();
    expect(decideAttachments(actors.otherManager!, { ids: [attachmentId], decision: "approve", reason: null }, META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/gestionnaire principal/),
    });
    expect(decideAttachments(actors.requester!, { ids: [attachmentId], decision: "approve", reason: null }, META).ok).toBe(false);
    expect(() => cancelAttachmentRequest(actors.member!, attachmentId, META)).toThrow(AccessDenied);
    expect(() => requestAttachment(actors.unattached!, 999_999, META)).toThrow(AccessDenied);
    await expect(
      createStructure(actors.pendingAccount!, { siret: SAMPLE_FIXTURES.earlDemo.siret, rcs: null, isManagementCentre: false }, META),
    ).rejects.toThrow(AccessDenied);
  });
});
