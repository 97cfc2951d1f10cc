import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions, users } from "@/db/schema";
import { changePassword } from "@/lib/accounts/profile";
import { ACCOUNT_THROTTLE, authenticate, bindSession, endSession, resolveSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { GOOD_PASSWORD, META, activeUser, mailsTo, pendingUser } from "../support/accounts";

async function signIn(loginEmail: string, ip = META.ip) {
  const result = await authenticate({ loginEmail, password: GOOD_PASSWORD }, { ip });
  if (!result.ok) throw new Error(JSON.stringify(result));
  bindSession(result.sessionId);
  return resolveSession(result.sessionId)!;
}

const openSessions = (userId: number) =>
  getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .all();

describe("sign-in", () => {
  it("opens a session for the right pair and audits it", async () => {
    const user = await activeUser();
    const actor = await signIn(user.loginEmail);
    expect(actor).toMatchObject({ userId: user.id, firstName: "Claire" });
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in")).all()).toHaveLength(1);
  });

  it("gives the same answer for a wrong password, an unknown address and a pending account", async () => {
    const user = await activeUser();
    const pending = pendingUser();
    const wrong = await authenticate({ loginEmail: user.loginEmail, password: "pas le bon mot de passe" }, META);
    const unknown = await authenticate({ loginEmail: "inconnu@exemple.fr", password: GOOD_PASSWORD }, META);
    const notActivated = await authenticate({ loginEmail: pending, password: GOOD_PASSWORD }, META);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(notActivated).toEqual(wrong);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed")).all()).toHaveLength(3);
  });

  it("refuses a disabled account", async () => {
    const user = await activeUser();
    getDb().update(users).set({ status: "disabled" }).where(eq(users.id, user.id)).run();
    expect(await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META)).toEqual({ ok: false, reason: "disabled" });
  });

  it("slows down, then locks an address after repeated failures, even with the right password", async () => {
    const user = await activeUser();
    const t0 = Date.now();
    for (let i = 1; i <= ACCOUNT_THROTTLE.freeFailures; i++) {
      await authenticate({ loginEmail: user.loginEmail, password: "mauvais" }, META, new Date(t0 + i));
    }
    // Still free: the right password works after 3 failures.
    const fourth = await authenticate({ loginEmail: user.loginEmail, password: "mauvais" }, META, new Date(t0 + 10));
    expect(fourth).toEqual({ ok: false, reason: "invalid" });
    const blocked = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META, new Date(t0 + 20));
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    // Each further failure doubles the wait, up to a 15-minute lock after 10 failures.
    let at = t0 + 2_000;
    for (let failures = 5; failures <= ACCOUNT_THROTTLE.lockAfter; failures++) {
      at += 60_000; // past the previous delay: a refused attempt is not examined, so not counted
      await authenticate({ loginEmail: user.loginEmail, password: "mauvais" }, META, new Date(at));
    }
    const locked = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META, new Date(at + 1_000));
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    expect(locked.ok === false && locked.reason === "throttled" && locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
    const afterLock = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META, new Date(at + 16 * 60_000));
    expect(afterLock.ok).toBe(true);
  });

  it("takes each try before hashing: 80 wrong passwords at once are 4 checked, the rest refused without a look (issue 22, point 6)", async () => {
    const user = await activeUser();
    const now = new Date();
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => authenticate({ loginEmail: user.loginEmail, password: "mauvais" }, META, now)),
    );
    expect(answers.filter((a) => a.ok === false && a.reason === "invalid")).toHaveLength(ACCOUNT_THROTTLE.freeFailures + 1);
    expect(answers.filter((a) => a.ok === false && a.reason === "throttled")).toHaveLength(80 - ACCOUNT_THROTTLE.freeFailures - 1);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "auth.sign_in_failed")).all()).toHaveLength(
      ACCOUNT_THROTTLE.freeFailures + 1,
    );
    // A right password given back its try: the address is not charged for its owner's sign-ins.
    const other = await activeUser();
    for (let i = 0; i < 30; i++)
      expect((await authenticate({ loginEmail: other.loginEmail, password: GOOD_PASSWORD }, { ip: "198.51.100.7" })).ok).toBe(true);
  });

  it("binds a session row to a cookie only once", async () => {
    const user = await activeUser();
    const result = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META);
    if (!result.ok) throw new Error("sign-in should succeed");
    expect(bindSession(result.sessionId)).toEqual({ userId: user.id });
    expect(bindSession(result.sessionId)).toBeNull();
    expect(bindSession("unknown")).toBeNull();
  });

  it("ends the session on sign-out", async () => {
    const user = await activeUser();
    const actor = await signIn(user.loginEmail);
    endSession(actor, META);
    expect(resolveSession(actor.sessionId)).toBeNull();
  });
});

describe("password change", () => {
  it("ends every other session of the user, keeps this one, and tells the user by mail", async () => {
    const user = await activeUser();
    const here = await signIn(user.loginEmail);
    const elsewhere = await signIn(user.loginEmail, "198.51.100.20");
    const other = await activeUser();
    const otherSession = await signIn(other.loginEmail);

    const result = await changePassword(
      here,
      {
        currentPassword: GOOD_PASSWORD,
        password: "Nouvelle phrase secrète du verger",
        passwordConfirmation: "Nouvelle phrase secrète du verger",
      },
      META,
    );
    expect(result.ok).toBe(true);
    expect(resolveSession(here.sessionId)).not.toBeNull();
    expect(resolveSession(elsewhere.sessionId)).toBeNull();
    expect(resolveSession(otherSession.sessionId)).not.toBeNull();
    expect(openSessions(user.id).map((s) => s.id)).toEqual([here.sessionId]);
    expect(mailsTo(user.contactEmail)[0]?.template).toBe("password-changed");
  });

  it("requires the current password", async () => {
    const user = await activeUser();
    const actor = await signIn(user.loginEmail);
    const result = await changePassword(
      actor,
      { currentPassword: "faux", password: "Une autre phrase longue", passwordConfirmation: "Une autre phrase longue" },
      META,
    );
    expect(result).toEqual({ ok: false, fieldErrors: { currentPassword: "Le mot de passe actuel est incorrect." } });
  });
});
