import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { attachments, structures, subscriptions } from "@/db/schema";
import { AccessDenied } from "@/lib/access";
import { getDb } from "@/lib/db";
import { parisToday } from "@/lib/dates";
import { spaceAccesses } from "@/lib/spaces/rights";
import { decideAttachments, requestAttachment } from "@/lib/structures/attachments";
import { detachMember, handOverMainManager } from "@/lib/structures/members";
import { decideSubscriptions, endSubscription, requestSubscription } from "@/lib/subscriptions/subscriptions";
import { META, activeUser, actorFor, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

const DAY = 86_400_000;
const dateIn = (days: number) => parisToday(new Date(Date.now() + days * DAY));

async function setting(rights = { canView: true, canEdit: true }) {
  const manager = await managerWithStructure();
  const spaceId = openTicSpace(manager.actor, manager.structureId, rights);
  const member = await attachedMember(manager.actor, manager.structureId);
  return { manager, member, spaceId, structureId: manager.structureId };
}

const ask = (s: Awaited<ReturnType<typeof setting>>, overrides: Partial<{ canView: boolean; canEdit: boolean; startDate: string }> = {}) =>
  requestSubscription(
    s.member.actor,
    { structureId: s.structureId, spaceId: s.spaceId, canView: true, canEdit: true, startDate: parisToday(), ...overrides },
    META,
  );

describe("subscriptions to a space", () => {
  it("go to the manager by mail; once approved the member has exactly the rights granted, at once", async () => {
    const s = await setting();
    const requested = ask(s, { canEdit: false });
    expect(requested).toMatchObject({ ok: true, message: "Votre demande est transmise à Claire Durand, gestionnaire principal." });
    expect(mailsTo(s.manager.user.contactEmail)[0]?.template).toBe("subscription-requested");
    expect(spaceAccesses(s.member.actor.userId, s.structureId)).toEqual([]);
    const id = requested.ok ? requested.data.subscriptionId : 0;
    expect(decideSubscriptions(s.manager.actor, { ids: [id], decision: "approve", reason: null }, META)).toMatchObject({
      ok: true,
      data: { decided: 1 },
    });
    expect(spaceAccesses(s.member.actor.userId, s.structureId)).toEqual([
      {
        spaceId: s.spaceId,
        structureId: s.structureId,
        kind: "ticRefund",
        canView: true,
        canEdit: false,
        canTransmit: false,
        via: "subscription",
      },
    ]);
    expect(JSON.parse(mailsTo(s.member.user.contactEmail)[0]!.props!)).toMatchObject({ approved: true, rights: "consultation" });
  });

  it("start on their start date, not before", async () => {
    const s = await setting();
    const requested = ask(s, { startDate: dateIn(3) });
    const id = requested.ok ? requested.data.subscriptionId : 0;
    decideSubscriptions(s.manager.actor, { ids: [id], decision: "approve", reason: null }, META);
    expect(spaceAccesses(s.member.actor.userId, s.structureId)).toEqual([]);
    expect(spaceAccesses(s.member.actor.userId, s.structureId, new Date(Date.now() + 4 * DAY))).toHaveLength(1);
  });

  it("never grant more than the space allows, never start in the past, one pending at a time", async () => {
    const s = await setting({ canView: true, canEdit: false });
    expect(ask(s, { canEdit: true })).toMatchObject({
      ok: false,
      fieldErrors: { canEdit: expect.stringMatching(/consultation seulement/) },
    });
    expect(ask(s, { canEdit: false, startDate: dateIn(-1) })).toMatchObject({ ok: false, fieldErrors: { startDate: expect.any(String) } });
    expect(ask(s, { canEdit: false }).ok).toBe(true);
    expect(ask(s, { canEdit: false })).toMatchObject({ ok: false, formError: expect.stringMatching(/déjà une demande/) });
  });

  it("are decided once, whatever the races", async () => {
    const s = await setting();
    const requested = ask(s);
    const id = requested.ok ? requested.data.subscriptionId : 0;
    const results = await Promise.all([
      Promise.resolve().then(() => decideSubscriptions(s.manager.actor, { ids: [id], decision: "approve", reason: null }, META)),
      Promise.resolve().then(() => decideSubscriptions(s.manager.actor, { ids: [id], decision: "refuse", reason: "non" }, META)),
    ]);
    expect(results.map((r) => r.ok && r.data.decided).sort()).toEqual([0, 1]);
    expect(mailsTo(s.member.user.contactEmail).filter((m) => m.template === "subscription-decided")).toHaveLength(1);
  });

  it("can be ended by the member, or by the manager", async () => {
    const s = await setting();
    const first = ask(s);
    const id = first.ok ? first.data.subscriptionId : 0;
    decideSubscriptions(s.manager.actor, { ids: [id], decision: "approve", reason: null }, META);
    expect(endSubscription(s.member.actor, id, META)).toMatchObject({ ok: true, message: "L'abonnement est terminé." });
    expect(spaceAccesses(s.member.actor.userId, s.structureId)).toEqual([]);
    const second = ask(s);
    const id2 = second.ok ? second.data.subscriptionId : 0;
    decideSubscriptions(s.manager.actor, { ids: [id2], decision: "approve", reason: null }, META);
    expect(endSubscription(s.manager.actor, id2, META).ok).toBe(true);
    const outsider = await actorFor(await activeUser());
    expect(() => endSubscription(outsider, id2, META)).toThrow(AccessDenied);
  });
});

describe("members", () => {
  it("detaching a member ends their subscriptions", async () => {
    const s = await setting();
    const requested = ask(s);
    const id = requested.ok ? requested.data.subscriptionId : 0;
    decideSubscriptions(s.manager.actor, { ids: [id], decision: "approve", reason: null }, META);
    expect(detachMember(s.manager.actor, { structureId: s.structureId, userId: s.member.actor.userId }, META).ok).toBe(true);
    expect(getDb().select().from(subscriptions).where(eq(subscriptions.id, id)).get()!.status).toBe("ended");
    expect(
      getDb()
        .select()
        .from(attachments)
        .where(and(eq(attachments.userId, s.member.actor.userId), eq(attachments.structureId, s.structureId)))
        .get()!.status,
    ).toBe("revoked");
    expect(spaceAccesses(s.member.actor.userId, s.structureId)).toEqual([]);
    expect(mailsTo(s.member.user.contactEmail)[0]?.template).toBe("membership-changed");
    // The manager cannot detach themself.
    expect(() => detachMember(s.manager.actor, { structureId: s.structureId, userId: s.manager.actor.userId }, META)).toThrow(AccessDenied);
  });

  it("hands the main manager role over to a member; both are told; the new one decides from now on", async () => {
    const s = await setting();
    expect(handOverMainManager(s.manager.actor, { structureId: s.structureId, userId: s.member.actor.userId }, META).ok).toBe(true);
    expect(getDb().select().from(structures).where(eq(structures.id, s.structureId)).get()!.mainManagerId).toBe(s.member.actor.userId);
    expect(mailsTo(s.member.user.contactEmail)[0]?.template).toBe("membership-changed");
    expect(mailsTo(s.manager.user.contactEmail)[0]?.template).toBe("membership-changed");
    // The former manager is still a member, and can no longer decide.
    const newcomer = await actorFor(await activeUser());
    const requested = requestAttachment(newcomer, s.structureId, META);
    const id = requested.ok ? requested.data.attachmentId : 0;
    expect(decideAttachments(s.manager.actor, { ids: [id], decision: "approve", reason: null }, META).ok).toBe(false);
    expect(decideAttachments(s.member.actor, { ids: [id], decision: "approve", reason: null }, META).ok).toBe(true);
    expect(() => handOverMainManager(s.manager.actor, { structureId: s.structureId, userId: newcomer.userId }, META)).toThrow(AccessDenied);
  });
});
