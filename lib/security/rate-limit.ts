import { eq, sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
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
    if (delay > 0) tx.update(rateLimits).set({ blockedUntil: now + delay }).where(eq(rateLimits.key, key)).run();
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
    tx.update(rateLimits).set({ count, ...(delayAfterFailures(policy, count) === 0 ? { blockedUntil: 0 } : {}) }).where(eq(rateLimits.key, key)).run();
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
