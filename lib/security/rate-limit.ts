import "server-only";
import { eq, sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { getDb, inTransaction } from "@/lib/db";

/**
 * Counters kept in SQLite, so that limits hold across restarts and processes.
 * See docs/decisions/0005-rate-limits.md.
 */

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Fixed window: at most `limit` hits per `windowMs` for this key. One atomic statement. */
export function consume(key: string, limit: number, windowMs: number, now = Date.now()): LimitResult {
  const expiredBefore = now - windowMs;
  const row = getDb()
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} <= ${expiredBefore} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= ${expiredBefore} THEN ${now} ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .get();
  if (row.count <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((row.windowStart + windowMs - now) / 1000) };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const tooManyRequests = (seconds: number) => `Trop de demandes en peu de temps. Réessayez dans ${frenchDelay(seconds)}.`;
const tooManyTries = (seconds: number) => `Trop d'essais. Réessayez dans ${frenchDelay(seconds)}.`;
/** « 40 secondes », « 15 minutes », « 23 heures »: the wait, in words (a day's limits wait hours). */
export const waitText = (seconds: number) => (seconds < 2 * 3600 ? frenchDelay(seconds) : `${Math.ceil(seconds / 3600)} heures`);
/** A limit's own sentence, then the wait. */
const said = (sentence: string) => (seconds: number) => `${sentence} Réessayez dans ${waitText(seconds)}.`;

type Limit = {
  /** The counter's key for one subject (an address, an IP, a user…); the stored keys are unchanged. */
  key: (subject: string) => string;
  windowMs: number;
  limit: number;
  /** Per-IP limits are multiplied by RATE_LIMIT_IP_FACTOR (load tests from one address). */
  perIp?: true;
  /** What the person reads when refused; null for a limit that refuses silently (a mail not sent). */
  message: ((retryAfterSeconds: number) => string) | null;
};

/**
 * Every fixed-window limit of the portal, in one table (docs/decisions/0005-rate-limits.md): used by
 * name through `limit()`. The sign-in throttles (growing delays, locks) are `ThrottlePolicy`s below.
 */
export const RATE_LIMITS = {
  "signUp.ip": { key: (ip) => `signup:ip:${ip}`, windowMs: HOUR, limit: 20, perIp: true, message: tooManyRequests },
  "signUp.address": { key: (address) => `signup:address:${address}`, windowMs: HOUR, limit: 5, message: tooManyRequests },
  "activationResend.ip": { key: (ip) => `activation-resend:ip:${ip}`, windowMs: HOUR, limit: 20, perIp: true, message: tooManyRequests },
  "activationResend.address": {
    key: (address) => `activation-resend:address:${address}`,
    windowMs: HOUR,
    limit: 3,
    message: tooManyRequests,
  },
  "recovery.ip": { key: (ip) => `recovery:ip:${ip}`, windowMs: HOUR, limit: 20, perIp: true, message: tooManyRequests },
  "recovery.address": { key: (address) => `recovery:address:${address}`, windowMs: HOUR, limit: 3, message: tooManyRequests },
  /** « Renvoyer l'invitation » of an agent (ADR 0020): per invited agent, and per administrator. */
  "agentInvitationResend.agent": {
    key: (agentId) => `agent-invitation-resend:agent:${agentId}`,
    windowMs: DAY,
    limit: 3,
    message: said("Trop d'invitations renvoyées à cet agent aujourd'hui : 3 au plus par jour."),
  },
  "agentInvitationResend.administrator": {
    key: (agentId) => `agent-invitation-resend:by:${agentId}`,
    windowMs: HOUR,
    limit: 20,
    message: said("Trop d'invitations renvoyées en une heure."),
  },
  /** Guessing the current password from a stolen session. */
  "currentPassword.user": { key: (userId) => `current-password:user:${userId}`, windowMs: 15 * MINUTE, limit: 5, message: tooManyTries },
  /** Verification codes typed by one person, whatever the structure (ADR 0016). */
  "structureVerify.user": { key: (userId) => `structure-verify:user:${userId}`, windowMs: HOUR, limit: 10, message: tooManyTries },
  "structureContest.user": {
    key: (userId) => `structure-contest:user:${userId}`,
    windowMs: DAY,
    limit: 3,
    message: (seconds) => `Vous avez envoyé trop de contestations. Réessayez dans ${frenchDelay(seconds)}.`,
  },
  /** One mail to the manager per requester and structure a day, however often a request is made and cancelled. */
  "attachmentMail.requesterStructure": { key: (subject) => `attachment-mail:${subject}`, windowMs: DAY, limit: 1, message: null },
  /** SIRET look-ups by one person: enough for an accountant's whole client list in a day, not for a crawl. */
  "mandateLookup.user": {
    key: (userId) => `mandate-lookup:user:${userId}`,
    windowMs: DAY,
    limit: 200,
    message: () => "Trop de recherches de SIRET aujourd'hui. Réessayez demain.",
  },
  // Issue 22, points 2 and 3 (docs/decisions/0021).
  /** One mail a day per step, pair and recipient (subject `kind:pair:userId`); the next ones wait for the digest. */
  "stepMail.pairRecipient": { key: (subject) => `mail-pair:${subject}`, windowMs: DAY, limit: 1, message: null },
  /** A farm creates one structure; a centre de gestion too (its clients are mandates). Each creation posts a letter. */
  "structureCreation.user": {
    key: (userId) => `structure-create:user:${userId}`,
    windowMs: DAY,
    limit: 3,
    message: said(
      "Vous avez déjà inscrit 3 structures aujourd'hui : c'est le maximum par jour. Pour travailler sur les exploitations de vos clients, demandez-leur un mandat plutôt que d'inscrire leur structure.",
    ),
  },
  "structureCreation.ip": {
    key: (ip) => `structure-create:ip:${ip}`,
    windowMs: DAY,
    limit: 10,
    perIp: true,
    message: said("Trop de structures ont été inscrites depuis votre connexion aujourd'hui."),
  },
  /** Ask, give (what starts a mandate) between one farm and one structure, subject `farmId:agentId`. */
  "mandateSteps.pair": {
    key: (pair) => `mandate-step:pair:${pair}`,
    windowMs: DAY,
    limit: 6,
    message: said("Trop de demandes et de mandats donnés aujourd'hui entre ces deux structures."),
  },
  /** Every step of the mandates (ask, withdraw, give, end, decide) by one person. */
  "mandateSteps.user": {
    key: (userId) => `mandate-step:user:${userId}`,
    windowMs: HOUR,
    limit: 60,
    message: said("Trop de changements de mandats en une heure."),
  },
  /** Invitations mailed from a centre's files to farms not yet on the portal (ADR 0029), subject the centre's structure id. */
  "mandateInvitation.structure": {
    key: (structureId) => `mandate-invitation:structure:${structureId}`,
    windowMs: DAY,
    limit: 200,
    message: said("Trop d'invitations envoyées aujourd'hui par votre structure : 200 au plus par jour."),
  },
  /** Invitations to one address, whoever sends them: nobody's inbox is flooded through the portal. */
  "mandateInvitation.address": {
    key: (address) => `mandate-invitation:address:${address}`,
    windowMs: DAY,
    limit: 3,
    message: said("Trop d'invitations envoyées aujourd'hui à cette adresse : 3 au plus par jour."),
  },
  /** Request, cancel, request again… a subscription to one space, subject `userId:spaceId`. */
  "subscriptionRequest.userSpace": {
    key: (userAndSpace) => `subscription-request:${userAndSpace}`,
    windowMs: DAY,
    limit: 4,
    message: said("Vous avez déjà demandé 4 fois aujourd'hui un abonnement à cet espace."),
  },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof RATE_LIMITS;

/** The limit in force for that name (per-IP ones multiplied by the configured factor). */
export function limitOf(name: LimitName): number {
  const rule: Limit = RATE_LIMITS[name];
  return rule.perIp ? rule.limit * getConfig().rateLimitIpFactor : rule.limit;
}

export type Refused = { allowed: false; retryAfterSeconds: number; message: string };

/**
 * Counts one hit of `subject` against the named limits, in order, and stops at the first refused:
 * `{ allowed: true }` or the refusal with its French message.
 */
export function limit(hits: [LimitName, string | number | null][], now = Date.now()): { allowed: true } | Refused {
  for (const [name, subject] of hits) {
    const rule: Limit = RATE_LIMITS[name];
    const verdict = consume(rule.key(String(subject)), limitOf(name), rule.windowMs, now);
    if (!verdict.allowed) return { ...verdict, message: rule.message?.(verdict.retryAfterSeconds) ?? "" };
  }
  return { allowed: true };
}

/** Growing delay after repeated failures, then a temporary lock. */
export type ThrottlePolicy = {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** From this many failures on, the key is locked for `lockMs`. */
  lockAfter: number;
  lockMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
};

export function delayAfterFailures(policy: ThrottlePolicy, failures: number): number {
  if (failures >= policy.lockAfter) return policy.lockMs;
  if (failures <= policy.freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - policy.freeFailures - 1), policy.lockMs);
}

/** Seconds to wait before the next attempt for this key, or 0. */
export function throttleWait(key: string, now = Date.now()): number {
  const row = getDb().select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  if (!row || row.blockedUntil <= now) return 0;
  return Math.ceil((row.blockedUntil - now) / 1000);
}

export function recordFailure(key: string, policy: ThrottlePolicy, now = Date.now()): void {
  const forgotten = now - policy.forgetAfterMs;
  // Count and block in one transaction: a failure is never counted without its delay.
  inTransaction((tx) => {
    const row = tx
      .insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} <= ${forgotten} THEN 1 ELSE ${rateLimits.count} + 1 END`,
          windowStart: sql`${now}`,
        },
      })
      .returning({ count: rateLimits.count })
      .get();
    const delay = delayAfterFailures(policy, row.count);
    if (delay > 0)
      tx.update(rateLimits)
        .set({ blockedUntil: now + delay })
        .where(eq(rateLimits.key, key))
        .run();
  });
}

/**
 * Takes one try on every key at once, before the (slow) check of the secret: a burst of parallel
 * attempts is then counted as it arrives, not after each hash (issue 22, point 6). Refused, with
 * nothing counted, while any key waits; else each key counts the try as a failure and gets the
 * delay that follows. A try that turns out right is given back with `giveBackAttempt`.
 */
export function takeAttempt(keys: readonly (readonly [string, ThrottlePolicy])[], now = Date.now()): LimitResult {
  return inTransaction((): LimitResult => {
    const wait = Math.max(0, ...keys.map(([key]) => throttleWait(key, now)));
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    for (const [key, policy] of keys) recordFailure(key, policy, now);
    return { allowed: true };
  });
}

/** A try taken by `takeAttempt` that was not a failure: uncounted, and its delay lifted if the rest allows none. */
export function giveBackAttempt(key: string, policy: ThrottlePolicy): void {
  inTransaction((tx) => {
    const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
    if (!row) return;
    const count = Math.max(0, row.count - 1);
    tx.update(rateLimits)
      .set({ count, ...(delayAfterFailures(policy, count) === 0 ? { blockedUntil: 0 } : {}) })
      .where(eq(rateLimits.key, key))
      .run();
  });
}

export function clearFailures(key: string): void {
  getDb().delete(rateLimits).where(eq(rateLimits.key, key)).run();
}

/** "en 40 secondes", "en 15 minutes": for messages. */
export function frenchDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}
