import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agentSessions, auditEvents, digestItems, mailTokens, outbox, rateLimits, sessions, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { purgeExpiredData } from "@/lib/privacy/purge";
import { DAY_MS, RETENTION_DAYS } from "@/lib/privacy/retention";
import { actorFor, activeUser, pendingUser } from "../support/accounts";
import { administrator } from "../support/agents";

const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS);
const userId = (loginEmail: string) => getDb().select().from(users).where(eq(users.loginEmail, loginEmail)).get()?.id;

describe("npm run data:purge", () => {
  it("removes what outlived its retention and keeps the rest, in one audited step", async () => {
    const db = getDb();
    // Accounts: one never activated for too long, one never activated but recent, one active and old.
    const stale = pendingUser();
    const fresh = pendingUser();
    const active = await activeUser();
    db.update(users)
      .set({ createdAt: daysAgo(RETENTION_DAYS.unactivatedAccount + 1) })
      .where(eq(users.loginEmail, stale))
      .run();
    db.update(users)
      .set({ createdAt: daysAgo(RETENTION_DAYS.unactivatedAccount - 1) })
      .where(eq(users.loginEmail, fresh))
      .run();
    db.update(users)
      .set({ createdAt: daysAgo(400) })
      .where(eq(users.id, active.id))
      .run();
    const staleId = userId(stale)!;
    const freshId = userId(fresh)!;

    // Tokens: the active user's activation link was used long ago; the fresh one's is still live.
    db.update(mailTokens)
      .set({ usedAt: daysAgo(RETENTION_DAYS.spentMailToken + 1) })
      .where(eq(mailTokens.userId, active.id))
      .run();

    // Sessions: one ended long ago, one open now.
    await actorFor(active);
    await actorFor(active);
    const [oldSession, liveSession] = db.select().from(sessions).where(eq(sessions.userId, active.id)).all();
    db.update(sessions)
      .set({ expiresAt: daysAgo(RETENTION_DAYS.endedSession + 1) })
      .where(eq(sessions.id, oldSession!.id))
      .run();

    // Agents' sessions: closed, past their hard limit, or idle, long ago, go; those of the sign-in just made and a recent closed one stay.
    const agent = await administrator();
    const opened = db
      .select({ id: agentSessions.id })
      .from(agentSessions)
      .all()
      .map((r) => r.id);
    const old = daysAgo(RETENTION_DAYS.endedAgentSession + 1);
    const agentSession = (id: string, times: { lastSeenAt?: Date; expiresAt?: Date; revokedAt?: Date }) =>
      db
        .insert(agentSessions)
        .values({
          id,
          agentId: agent.agentId,
          createdAt: old,
          lastSeenAt: times.lastSeenAt ?? new Date(NOW),
          expiresAt: times.expiresAt ?? new Date(NOW + 3_600_000),
          revokedAt: times.revokedAt,
        })
        .run();
    agentSession("revoked-long-ago", { revokedAt: old });
    agentSession("expired-long-ago", { expiresAt: old });
    agentSession("idle-long-ago", { lastSeenAt: old });
    agentSession("revoked-yesterday", { revokedAt: daysAgo(1) });

    // Digest items: one carried by a digest long ago goes; a recent one and one still waiting stay.
    const item = (text: string, createdAt: Date, sentAt: Date | null) =>
      db.insert(digestItems).values({ userId: active.id, kind: "mandate-changed", text, link: "/mandats/1", createdAt, sentAt }).run();
    item("envoyé il y a longtemps", daysAgo(RETENTION_DAYS.sentDigestItem + 2), daysAgo(RETENTION_DAYS.sentDigestItem + 1));
    item("envoyé hier", daysAgo(2), daysAgo(1));
    item("en attente", daysAgo(RETENTION_DAYS.sentDigestItem + 2), null);

    // Attempt counters: an old one, a recent one, an old one still blocking.
    db.insert(rateLimits)
      .values([
        { key: "test:old", windowStart: daysAgo(2).getTime(), count: 3 },
        { key: "test:recent", windowStart: NOW - 60_000, count: 3 },
        { key: "test:blocked", windowStart: daysAgo(2).getTime(), count: 50, blockedUntil: NOW + 60_000 },
      ])
      .run();

    // Mails: an old sent one goes; an old unsent one stays (it is still to be delivered).
    const mail = (to: string, status: "sent" | "pending", at: Date) =>
      db
        .insert(outbox)
        .values({
          to,
          subject: "s",
          template: "activation",
          status,
          createdAt: at,
          nextAttemptAt: at,
          sentAt: status === "sent" ? at : null,
        })
        .run();
    mail("ancien@exemple.fr", "sent", daysAgo(RETENTION_DAYS.sentMail + 1));
    mail("recent@exemple.fr", "sent", daysAgo(1));
    mail("en-attente@exemple.fr", "pending", daysAgo(RETENTION_DAYS.sentMail + 1));

    // Journal: one event older than its retention.
    db.insert(auditEvents)
      .values({ at: daysAgo(RETENTION_DAYS.auditEvent + 1), action: "test.ancien" })
      .run();
    const auditBefore = db.select().from(auditEvents).all().length;

    const report = purgeExpiredData(new Date(NOW));

    expect(report).toEqual({
      spentMailToken: 1,
      unactivatedAccount: 1,
      endedInvitation: 0,
      endedSession: 1,
      endedAgentSession: 3,
      rateLimit: 1,
      sentMail: 1,
      sentDigestItem: 1,
      auditEvent: 1,
    });
    // Removed, with what hangs on it.
    expect(userId(stale)).toBeUndefined();
    expect(db.select().from(mailTokens).where(eq(mailTokens.userId, staleId)).all()).toHaveLength(0);
    expect(db.select().from(mailTokens).where(eq(mailTokens.userId, active.id)).all()).toHaveLength(0);
    expect(db.select().from(sessions).where(eq(sessions.id, oldSession!.id)).get()).toBeUndefined();
    expect(db.select().from(rateLimits).where(eq(rateLimits.key, "test:old")).get()).toBeUndefined();
    expect(db.select().from(outbox).where(eq(outbox.to, "ancien@exemple.fr")).all()).toHaveLength(0);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "test.ancien")).all()).toHaveLength(0);
    // Kept.
    expect(userId(fresh)).toBe(freshId);
    expect(db.select().from(mailTokens).where(eq(mailTokens.userId, freshId)).all()).toHaveLength(1);
    expect(userId(active.loginEmail)).toBe(active.id);
    expect(db.select().from(sessions).where(eq(sessions.id, liveSession!.id)).get()).toBeDefined();
    expect(
      db
        .select({ key: rateLimits.key })
        .from(rateLimits)
        .all()
        .map((r) => r.key)
        .filter((k) => k.startsWith("test:"))
        .sort(),
    ).toEqual(["test:blocked", "test:recent"]);
    expect(db.select().from(outbox).where(eq(outbox.to, "recent@exemple.fr")).all()).toHaveLength(1);
    expect(db.select().from(outbox).where(eq(outbox.to, "en-attente@exemple.fr")).all()).toHaveLength(1);
    expect(
      db
        .select({ id: agentSessions.id })
        .from(agentSessions)
        .all()
        .map((r) => r.id)
        .sort(),
    ).toEqual([...opened, "revoked-yesterday"].sort());
    expect(
      db
        .select({ text: digestItems.text })
        .from(digestItems)
        .all()
        .map((r) => r.text)
        .sort(),
    ).toEqual(["en attente", "envoyé hier"]);
    // Audited, in the same step: one event removed, one added with the counts.
    const audit = db.select().from(auditEvents).where(eq(auditEvents.action, "data.purged")).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toEqual(report);
    expect(db.select().from(auditEvents).all()).toHaveLength(auditBefore);

    // A second run finds nothing more to remove.
    expect(Object.values(purgeExpiredData(new Date(NOW))).every((count) => count === 0)).toBe(true);
  });
});
