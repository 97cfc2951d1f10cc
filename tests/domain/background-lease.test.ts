import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { claimScheduledRun, holdLease, leaseHolder, releaseLease } from "@/lib/background/lease";
import { startBackgroundWork, type ScheduledJob } from "@/lib/background/worker";

const run = promisify(execFile);
const T0 = Date.UTC(2026, 11, 7, 8, 0, 0);
const TTL = 30_000;
const DAY = 86_400_000;

describe("the background lease (one server process runs the background work)", () => {
  it("is held by one process at a time, renewed by its holder, taken over once expired", () => {
    expect(holdLease("a", TTL, T0)).toBe(true);
    expect(holdLease("b", TTL, T0 + 1_000)).toBe(false);
    // The holder renews: the lease moves forward, its acquisition time stays.
    expect(holdLease("a", TTL, T0 + 10_000)).toBe(true);
    expect(holdLease("b", TTL, T0 + 39_999)).toBe(false);
    expect(leaseHolder(T0 + 39_999)).toBe("a");
    const row = getDb().$client.prepare("SELECT * FROM background_leases").get();
    expect(row).toEqual({ name: "background", holder: "a", acquired_at: T0, expires_at: T0 + 10_000 + TTL });
    // "a" stopped renewing (killed): "b" takes it at expiry, and "a" coming back does not get it.
    expect(holdLease("b", TTL, T0 + 40_000)).toBe(true);
    expect(holdLease("a", TTL, T0 + 41_000)).toBe(false);
    expect(leaseHolder(T0 + 41_000)).toBe("b");
    // A clean stop gives it up at once.
    releaseLease("a");
    expect(leaseHolder(T0 + 41_000)).toBe("b");
    releaseLease("b");
    expect(leaseHolder(T0 + 41_000)).toBeNull();
    expect(holdLease("a", TTL, T0 + 42_000)).toBe(true);
  });

  it("starts a scheduled job at most once per period, the first time after its first delay", () => {
    expect(claimScheduledRun("purge", DAY, 3_600_000, T0)).toBe(false);
    expect(claimScheduledRun("purge", DAY, 3_600_000, T0 + 3_599_999)).toBe(false);
    expect(claimScheduledRun("purge", DAY, 3_600_000, T0 + 3_600_000)).toBe(true);
    // Another process asking at the same moment, or a restart, does not run it again.
    expect(claimScheduledRun("purge", DAY, 3_600_000, T0 + 3_600_000)).toBe(false);
    expect(claimScheduledRun("purge", DAY, 3_600_000, T0 + 3_600_000 + DAY - 1)).toBe(false);
    expect(claimScheduledRun("purge", DAY, 3_600_000, T0 + 3_600_000 + DAY)).toBe(true);
    // Each job has its own schedule.
    expect(claimScheduledRun("backup", DAY, 0, T0)).toBe(true);
  });

  it("runs the jobs in the holder only, and in the process that takes over when the holder dies", async () => {
    const runs: string[] = [];
    const jobs = (who: string): ScheduledJob[] => [{ name: "job", periodMs: 60_000, firstDelayMs: 0, run: () => runs.push(who) }];
    const a = startBackgroundWork({ jobs: jobs("a"), mailRetryIntervalSeconds: 15, holder: "a", leaseMs: TTL, timer: false });
    const b = startBackgroundWork({ jobs: jobs("b"), mailRetryIntervalSeconds: 15, holder: "b", leaseMs: TTL, timer: false });
    try {
      await a.tick(T0);
      await b.tick(T0 + 1);
      expect([a.isHolder(), b.isHolder()]).toEqual([true, false]);
      await a.tick(T0 + 10_000);
      await b.tick(T0 + 10_001);
      expect(runs).toEqual(["a"]);
      // "a" dies (no more ticks): "b" is refused until the lease expires, then takes over and runs the job when due.
      await b.tick(T0 + 20_000);
      expect(b.isHolder()).toBe(false);
      await b.tick(T0 + 40_000);
      expect(b.isHolder()).toBe(true);
      await b.tick(T0 + 60_000);
      expect(runs).toEqual(["a", "b"]);
      // "a" wakes up (it was only paused): its renewal fails, it stops its work.
      await a.tick(T0 + 61_000);
      expect(a.isHolder()).toBe(false);
      await b.tick(T0 + 100_000);
      await a.tick(T0 + 110_000);
      expect([a.isHolder(), b.isHolder()]).toEqual([false, true]);
      await b.tick(T0 + 120_000);
      expect(runs).toEqual(["a", "b", "b"]);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it("keeps a failing job from stopping the others or the lease", async () => {
    const runs: string[] = [];
    const work = startBackgroundWork({
      jobs: [
        {
          name: "broken",
          periodMs: DAY,
          firstDelayMs: 0,
          run: () => {
            throw new Error("disque plein");
          },
        },
        { name: "fine", periodMs: DAY, firstDelayMs: 0, run: () => runs.push("fine") },
      ],
      mailRetryIntervalSeconds: 15,
      holder: "a",
      timer: false,
    });
    const errors = console.error;
    console.error = () => {};
    try {
      await work.tick(T0);
    } finally {
      console.error = errors;
      work.stop();
    }
    expect(runs).toEqual(["fine"]);
    expect(leaseHolder(T0)).toBeNull();
  });

  it("goes to exactly one of four processes starting at the same instant, which all read one auth secret", async () => {
    const secretFile = path.join(path.dirname(process.env.DATABASE_FILE!), "auth-secret");
    expect(existsSync(secretFile)).toBe(false);
    const race = JSON.stringify({ startAt: Date.now() + 4000 });
    const env = { ...process.env, AUTH_SECRET: undefined, RACE: race };
    const outputs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        run(process.execPath, ["--import", "./scripts/lib/server-only-off.mjs", "--import", "tsx", "tests/support/start-race-child.ts"], {
          env,
        }),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { secret: string; holds: boolean; holder: string });
    expect(results.filter((r) => r.holds)).toHaveLength(1);
    expect(leaseHolder()).toBe(results.find((r) => r.holds)!.holder);
    expect(new Set(results.map((r) => r.secret)).size).toBe(1);
    expect(results[0]!.secret).toMatch(/^[\w-]{43}$/);
  }, 40_000);
});
