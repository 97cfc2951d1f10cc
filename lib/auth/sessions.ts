import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import { maskEmail, recordAudit } from "@/lib/audit/record";
import { getConfig } from "@/lib/config";
import { getDb, inTransaction, type Db } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import type { RequestMeta } from "@/lib/request-meta";
import { issueDeviceCookie, verifyDeviceCookie } from "@/lib/security/device-cookie";
import { dummyVerify, verifySecret } from "@/lib/security/password-hash";
import { clearFailures, giveBackAttempt, takeAttempt, type ThrottlePolicy } from "@/lib/security/rate-limit";

/** Sessions last 8 hours at most; see docs/decisions/0001-sessions.md. */
export const SESSION_HOURS = 8;
/** next-auth must bind a new session row within this delay. */
const BIND_WINDOW_MS = 60_000;

export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** A browser that proved itself before: its own counter, and a lock of its own (0014). */
export const DEVICE_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

function ipThrottle(): ThrottlePolicy {
  const factor = getConfig().rateLimitIpFactor;
  return { freeFailures: 20 * factor, lockAfter: 50 * factor, lockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
}

/**
 * Who acts. `kind` says which rules of the access policy apply (lib/access.ts, ADR 0019): a person
 * with a user account today; the administration's agents will be another member of this union,
 * with their own sessions and rules.
 */
export type Actor = {
  kind: "user";
  userId: number;
  sessionId: string;
  loginEmail: string;
  contactEmail: string;
  firstName: string;
  lastName: string;
};

export type AuthenticationResult =
  | { ok: true; sessionId: string; userId: number; deviceCookie: string }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a login/password pair, with a growing delay and then a lock after repeated failures.
 * A browser with a valid device cookie for this login is judged by its own counter only, so that
 * strangers locking the account or the address do not lock its owner out (0014).
 */
export async function authenticate(
  credentials: { loginEmail: string; password: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<AuthenticationResult> {
  const device = verifyDeviceCookie(meta.deviceCookie, credentials.loginEmail, now);
  const accountKey = `signin:address:${credentials.loginEmail}`;
  const ipKey = `signin:ip:${meta.ip}`;
  const deviceKey = `signin:device:${device}`;
  const keys: [string, ThrottlePolicy][] = device
    ? [[deviceKey, DEVICE_THROTTLE]]
    : [
        [accountKey, ACCOUNT_THROTTLE],
        [ipKey, ipThrottle()],
      ];
  // The try is taken before the password is hashed: 80 parallel posts are 4 checked, not 14.
  const taken = takeAttempt(keys, now.getTime());
  if (!taken.allowed) {
    inTransaction((tx) =>
      recordAudit(
        tx,
        {
          action: "auth.sign_in_throttled",
          ip: meta.ip,
          details: { loginEmail: maskEmail(credentials.loginEmail), device: Boolean(device) },
        },
        now,
      ),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds: taken.retryAfterSeconds };
  }

  const user = getDb().select().from(users).where(eq(users.loginEmail, credentials.loginEmail)).get();
  const passwordOk = user?.passwordHash
    ? await verifySecret(user.passwordHash, credentials.password)
    : await dummyVerify(credentials.password);

  if (!user || !passwordOk) {
    // Already counted by takeAttempt: the audit event of the failed attempt.
    inTransaction((tx) => {
      recordAudit(
        tx,
        {
          action: "auth.sign_in_failed",
          actorUserId: user?.id ?? null,
          ip: meta.ip,
          details: { loginEmail: maskEmail(credentials.loginEmail), device: Boolean(device) },
        },
        now,
      );
    });
    return { ok: false, reason: "invalid" };
  }
  // A right password was not a failure: the address's try is given back (the account's and the
  // device's counters are cleared below, as before).
  if (!device) giveBackAttempt(ipKey, ipThrottle());
  // The owner's device succeeding must not hand strangers a fresh set of tries on the account.
  if (device) clearFailures(deviceKey);
  else clearFailures(accountKey);
  if (user.status !== "active") {
    inTransaction((tx) => recordAudit(tx, { action: "auth.sign_in_refused_disabled", actorUserId: user.id, ip: meta.ip }, now));
    return { ok: false, reason: "disabled" };
  }

  const sessionId = randomBytes(32).toString("base64url");
  inTransaction((tx) => {
    tx.insert(sessions)
      .values({
        id: sessionId,
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
        ip: meta.ip,
      })
      .run();
    recordAudit(
      tx,
      { action: "auth.sign_in", actorUserId: user.id, targetType: "session", ip: meta.ip, details: { device: Boolean(device) } },
      now,
    );
  });
  return { ok: true, sessionId, userId: user.id, deviceCookie: issueDeviceCookie(user.loginEmail, now) };
}

/** Called by next-auth when it issues the cookie: a session row is bound once, right after sign-in. */
export function bindSession(sessionId: string, now = new Date()): { userId: number } | null {
  const row = getDb()
    .update(sessions)
    .set({ boundAt: now })
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.boundAt),
        isNull(sessions.revokedAt),
        gt(sessions.createdAt, new Date(now.getTime() - BIND_WINDOW_MS)),
      ),
    )
    .returning({ userId: sessions.userId })
    .get();
  return row ?? null;
}

/** The signed-in person behind a session id, read from the database on every request. */
const sessionQuery = prepared((db) =>
  db
    .select({
      userId: users.id,
      loginEmail: users.loginEmail,
      contactEmail: users.contactEmail,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("sessionId")),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder("now")),
        eq(users.status, "active"),
      ),
    )
    .prepare(),
);

export function resolveSession(sessionId: string, now = new Date()): Actor | null {
  const row = sessionQuery().get({ sessionId, now: now.getTime() });
  return row ? { kind: "user", ...row, sessionId } : null;
}

/** « Se déconnecter ». */
export function endSession(actor: Actor, meta: RequestMeta, now = new Date()): void {
  inTransaction((tx) => {
    tx.update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)))
      .run();
    recordAudit(tx, { action: "auth.sign_out", actorUserId: actor.userId, targetType: "session", ip: meta.ip }, now);
  });
}

/** Ends every session of a user except `keep` (after a password change). Returns how many. */
export function revokeSessions(tx: Db, userId: number, now: Date, keep?: string): number {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keep) conditions.push(ne(sessions.id, keep));
  return tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .run().changes;
}
