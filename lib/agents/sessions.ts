import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { agentRecoveryCodes, agentSessions, agents } from "@/db/schema";
import { maskEmail, recordAudit } from "@/lib/audit/record";
import { ACCOUNT_THROTTLE } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config";
import { getDb, inTransaction, type Db } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import type { RequestMeta } from "@/lib/request-meta";
import { dummyVerify, verifySecret } from "@/lib/security/password-hash";
import { clearFailures, recordFailure, throttleWait, type ThrottlePolicy } from "@/lib/security/rate-limit";
import { hashToken } from "@/lib/security/tokens";
import { agentActor, type AgentActor } from "./identity";
import { normalizeRecoveryCode } from "./recovery-codes";
import { unseal } from "./secret-box";
import { totpStep } from "./totp";

/** ADR 0020: 30 minutes without a request ends a session; 10 hours after sign-in at most. */
export const AGENT_IDLE_MS = 30 * 60_000;
export const AGENT_MAX_MS = 10 * 3_600_000;
/** Between the password and the second factor. */
export const SECOND_FACTOR_WINDOW_MS = 5 * 60_000;
/** lastSeenAt is written at most once a minute. */
const TOUCH_EVERY_MS = 60_000;

/** Wrong second factors: three free, then growing delays, locked for 15 minutes at five. */
export const SECOND_FACTOR_THROTTLE: ThrottlePolicy = { freeFailures: 3, lockAfter: 5, lockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

function ipThrottle(): ThrottlePolicy {
  const factor = getConfig().rateLimitIpFactor;
  return { freeFailures: 20 * factor, lockAfter: 50 * factor, lockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
}

export type AgentSignInResult =
  { ok: true; token: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

function newSessionToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, id: hashToken(token) };
}

/**
 * First factor: the password. Success opens a half session that only allows typing the second
 * factor for five minutes. The same answer for an unknown address, a wrong password, an invited
 * or a deactivated agent (no enumeration).
 */
export async function signInAgentWithPassword(
  credentials: { email: string; password: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<AgentSignInResult> {
  const keys: [string, ThrottlePolicy][] = [
    [`agent-signin:address:${credentials.email}`, ACCOUNT_THROTTLE],
    [`agent-signin:ip:${meta.ip}`, ipThrottle()],
  ];
  const wait = Math.max(...keys.map(([key]) => throttleWait(key, now.getTime())));
  if (wait > 0) {
    inTransaction((tx) =>
      recordAudit(tx, { action: "agent.sign_in_throttled", ip: meta.ip, details: { email: maskEmail(credentials.email) } }, now),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  }
  const agent = getDb().select().from(agents).where(eq(agents.email, credentials.email)).get();
  const passwordOk = agent?.passwordHash
    ? await verifySecret(agent.passwordHash, credentials.password)
    : await dummyVerify(credentials.password);
  if (!agent || !passwordOk || agent.status !== "active" || agent.identityProvider !== "local") {
    inTransaction((tx) => {
      for (const [key, policy] of keys) recordFailure(key, policy, now.getTime());
      recordAudit(
        tx,
        {
          action: "agent.sign_in_failed",
          actorAgentId: agent?.id ?? null,
          ip: meta.ip,
          details: { email: maskEmail(credentials.email), passwordOk: agent ? passwordOk : undefined },
        },
        now,
      );
    });
    return { ok: false, reason: "invalid" };
  }
  clearFailures(keys[0]![0]);
  const { token, id } = newSessionToken();
  inTransaction((tx) => {
    tx.insert(agentSessions)
      .values({
        id,
        agentId: agent.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SECOND_FACTOR_WINDOW_MS),
        ip: meta.ip,
      })
      .run();
    recordAudit(tx, { action: "agent.password_accepted", actorAgentId: agent.id, targetType: "agent_session", ip: meta.ip }, now);
  });
  return { ok: true, token };
}

const halfSession = (tx: Db, id: string, now: Date) =>
  tx
    .select({ agentId: agentSessions.agentId, email: agents.email, totpSecret: agents.totpSecret })
    .from(agentSessions)
    .innerJoin(agents, eq(agents.id, agentSessions.agentId))
    .where(
      and(
        eq(agentSessions.id, id),
        isNull(agentSessions.secondFactorAt),
        isNull(agentSessions.revokedAt),
        gt(agentSessions.expiresAt, now),
        eq(agents.status, "active"),
      ),
    )
    .get();

/** Whether this cookie is a half session waiting for its second factor (the code page). */
export function awaitsSecondFactor(token: string | undefined, now = new Date()): boolean {
  return token !== undefined && halfSession(getDb(), hashToken(token), now) !== undefined;
}

/**
 * Second factor: a TOTP code of a step later than the last accepted (no replay), or an unused
 * recovery code. Wrong codes are counted per agent (SECOND_FACTOR_THROTTLE). Success replaces the
 * half session by a full one (a new token).
 */
export function completeAgentSignIn(
  token: string | undefined,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): AgentSignInResult | { ok: false; reason: "expired" } {
  if (!token) return { ok: false, reason: "expired" };
  const id = hashToken(token);
  return inTransaction((tx) => {
    const half = halfSession(tx, id, now);
    if (!half) return { ok: false, reason: "expired" } as const;
    const key = `agent-2fa:${half.agentId}`;
    const wait = throttleWait(key, now.getTime());
    if (wait > 0) {
      recordAudit(tx, { action: "agent.second_factor_throttled", actorAgentId: half.agentId, ip: meta.ip }, now);
      return { ok: false, reason: "throttled", retryAfterSeconds: wait } as const;
    }
    const method = acceptSecondFactor(tx, half.agentId, half.totpSecret, code, now);
    if (method === "replayed" || method === null) {
      recordFailure(key, SECOND_FACTOR_THROTTLE, now.getTime());
      recordAudit(
        tx,
        { action: method === "replayed" ? "agent.totp_replayed" : "agent.second_factor_failed", actorAgentId: half.agentId, ip: meta.ip },
        now,
      );
      return { ok: false, reason: "invalid" } as const;
    }
    clearFailures(key);
    tx.update(agentSessions).set({ revokedAt: now }).where(eq(agentSessions.id, id)).run();
    const full = newSessionToken();
    tx.insert(agentSessions)
      .values({
        id: full.id,
        agentId: half.agentId,
        createdAt: now,
        secondFactorAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + AGENT_MAX_MS),
        ip: meta.ip,
      })
      .run();
    recordAudit(
      tx,
      { action: "agent.sign_in", actorAgentId: half.agentId, targetType: "agent_session", ip: meta.ip, details: { method } },
      now,
    );
    return { ok: true, token: full.token } as const;
  });
}

function acceptSecondFactor(
  tx: Db,
  agentId: number,
  sealedSecret: string | null,
  code: string,
  now: Date,
): "totp" | "recovery" | "replayed" | null {
  const secret = sealedSecret ? unseal(sealedSecret) : null;
  const step = secret ? totpStep(secret, code, now) : null;
  if (step !== null) {
    const moved = tx
      .update(agents)
      .set({ totpLastStep: step })
      .where(and(eq(agents.id, agentId), or(isNull(agents.totpLastStep), lt(agents.totpLastStep, step))))
      .run().changes;
    return moved === 1 ? "totp" : "replayed";
  }
  const recovery = normalizeRecoveryCode(code);
  if (!recovery) return null;
  const used = tx
    .update(agentRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(eq(agentRecoveryCodes.agentId, agentId), eq(agentRecoveryCodes.codeHash, hashToken(recovery)), isNull(agentRecoveryCodes.usedAt)),
    )
    .run().changes;
  return used === 1 ? "recovery" : null;
}

/** A live agent session (second factor passed, not revoked, not expired, not idle) of an active agent: read on every page. */
const agentSessionQuery = prepared((db) =>
  db
    .select({ agentId: agentSessions.agentId, lastSeenAt: agentSessions.lastSeenAt })
    .from(agentSessions)
    .innerJoin(agents, eq(agents.id, agentSessions.agentId))
    .where(
      and(
        eq(agentSessions.id, sql.placeholder("id")),
        isNotNull(agentSessions.secondFactorAt),
        isNull(agentSessions.revokedAt),
        gt(agentSessions.expiresAt, sql.placeholder("now")),
        gt(agentSessions.lastSeenAt, sql.placeholder("idleSince")),
        eq(agents.status, "active"),
      ),
    )
    .prepare(),
);

/**
 * The agent behind a session cookie, or null: second factor given, not revoked, within 10 hours
 * and 30 minutes of the last request, agent active. Each request keeps it alive.
 */
export function resolveAgentSession(token: string, now = new Date()): AgentActor | null {
  const id = hashToken(token);
  const row = agentSessionQuery().get({ id, now: now.getTime(), idleSince: now.getTime() - AGENT_IDLE_MS });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    getDb().update(agentSessions).set({ lastSeenAt: now }).where(eq(agentSessions.id, id)).run();
  }
  return agentActor(row.agentId, id);
}

/** « Se déconnecter ». */
export function endAgentSession(actor: AgentActor, meta: RequestMeta, now = new Date()): void {
  if (!actor.sessionId) return;
  inTransaction((tx) => {
    tx.update(agentSessions)
      .set({ revokedAt: now })
      .where(and(eq(agentSessions.id, actor.sessionId!), isNull(agentSessions.revokedAt)))
      .run();
    recordAudit(tx, { action: "agent.sign_out", actorAgentId: actor.agentId, targetType: "agent_session", ip: meta.ip }, now);
  });
}

export function revokeAgentSessions(tx: Db, agentId: number, now: Date): number {
  return tx
    .update(agentSessions)
    .set({ revokedAt: now })
    .where(and(eq(agentSessions.agentId, agentId), isNull(agentSessions.revokedAt)))
    .run().changes;
}
