import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getDb } from "@/lib/db";

/**
 * One lease in the database decides which server process runs the background work when
 * `npm start` runs several (docs/decisions/0025-workers.md). Taking and renewing it is one
 * statement under SQLite's write lock: two processes can never both hold it.
 */
export const BACKGROUND_LEASE = "background";

/** This process's name in the lease: host, pid and a random part (a pid is reused after a restart). */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/**
 * Takes the lease, or renews it when this holder has it already; true when this holder has it
 * until `now + ttlMs`. A lease whose holder stopped renewing is taken once it has expired.
 */
export function holdLease(holder: string, ttlMs: number, now = Date.now(), name = BACKGROUND_LEASE): boolean {
  const row = getDb()
    .$client.prepare(
      `INSERT INTO background_leases (name, holder, acquired_at, expires_at) VALUES (@name, @holder, @now, @until)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN background_leases.holder = excluded.holder THEN background_leases.acquired_at ELSE excluded.acquired_at END,
         holder = excluded.holder,
         expires_at = excluded.expires_at
       WHERE background_leases.holder = excluded.holder OR background_leases.expires_at <= @now
       RETURNING holder`,
    )
    .get({ name, holder, now, until: now + ttlMs }) as { holder: string } | undefined;
  return row?.holder === holder;
}

/** Gives the lease up (clean stop): another process takes it at its next try instead of waiting for expiry. */
export function releaseLease(holder: string, name = BACKGROUND_LEASE): void {
  getDb().$client.prepare("DELETE FROM background_leases WHERE name = ? AND holder = ?").run(name, holder);
}

/** Who holds the lease now, if anyone (for logs and tests). */
export function leaseHolder(now = Date.now(), name = BACKGROUND_LEASE): string | null {
  const row = getDb().$client.prepare("SELECT holder FROM background_leases WHERE name = ? AND expires_at > ?").get(name, now) as
    { holder: string } | undefined;
  return row?.holder ?? null;
}

/**
 * A job due every `periodMs` starts at most once per period whichever process runs it: the run is
 * claimed by moving `last_run_at` in one statement. A job never run before is first due
 * `firstDelayMs` after now (a restart loop does not run it in a loop).
 */
export function claimScheduledRun(name: string, periodMs: number, firstDelayMs: number, now = Date.now()): boolean {
  const db = getDb().$client;
  db.prepare("INSERT INTO scheduled_jobs (name, last_run_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING").run(
    name,
    now - periodMs + firstDelayMs,
  );
  return (
    db.prepare("UPDATE scheduled_jobs SET last_run_at = ? WHERE name = ? AND last_run_at <= ?").run(now, name, now - periodMs).changes === 1
  );
}
