import { startDeliveryWorker, stopDeliveryWorker } from "@/lib/mail/deliver";
import { claimScheduledRun, holdLease, PROCESS_HOLDER, releaseLease } from "./lease";

/** A job run by the lease holder every `periodMs`, first `firstDelayMs` after it is first seen. */
export type ScheduledJob = { name: string; periodMs: number; firstDelayMs: number; run: () => unknown };

/** Lease length and renewal period: a dead holder is replaced within LEASE_MS + RENEW_MS (40 s). */
export const LEASE_MS = 30_000;
export const RENEW_MS = 10_000;

export type BackgroundWork = { isHolder(): boolean; tick(now?: number): Promise<void>; stop(): void };

/**
 * Every server process calls this once. Every RENEW_MS each one tries to take or renew the lease;
 * the one holding it runs the mail retry worker and the scheduled jobs, and stops them as soon as
 * it fails to renew (it may have been paused longer than the lease). Mails written by a request
 * are still sent right after its commit by the process that served it (each mail is claimed).
 */
export function startBackgroundWork(options: {
  jobs: ScheduledJob[];
  mailRetryIntervalSeconds: number;
  holder?: string;
  leaseMs?: number;
  renewMs?: number;
  /** Tests drive `tick()` themselves. */
  timer?: boolean;
}): BackgroundWork {
  const holder = options.holder ?? PROCESS_HOLDER;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  let holding = false;
  let ticking: Promise<void> | undefined;

  const runJobs = async (now: number) => {
    for (const job of options.jobs) {
      if (!claimScheduledRun(job.name, job.periodMs, job.firstDelayMs, now)) continue;
      try {
        await job.run();
      } catch (error) {
        console.error(`[arrière-plan] tâche « ${job.name} » : échec, nouvel essai à la prochaine échéance.`, error);
      }
    }
  };

  const tick = async (now = Date.now()) => {
    let held: boolean;
    try {
      held = holdLease(holder, leaseMs, now);
    } catch (error) {
      // Unsure whether the lease is still ours: stop until a renewal succeeds.
      console.error("[arrière-plan] bail non renouvelé", error);
      held = false;
    }
    if (held && !holding) {
      console.log(`[arrière-plan] le processus ${process.pid} assure les tâches de fond (courriels, purge, tâches planifiées).`);
      startDeliveryWorker(options.mailRetryIntervalSeconds);
    } else if (!held && holding) {
      console.log(`[arrière-plan] le processus ${process.pid} n'assure plus les tâches de fond.`);
      stopDeliveryWorker();
    }
    holding = held;
    if (held) await runJobs(now);
  };

  // One tick at a time: a long job delays the next renewal rather than overlapping it.
  const guardedTick = () => {
    ticking ??= tick().finally(() => (ticking = undefined));
    return ticking;
  };
  let interval: NodeJS.Timeout | undefined;
  const onExit = () => {
    if (holding) releaseLease(holder);
  };
  if (options.timer !== false) {
    void guardedTick();
    interval = setInterval(guardedTick, options.renewMs ?? RENEW_MS);
    interval.unref();
    process.once("exit", onExit);
  }
  return {
    isHolder: () => holding,
    tick,
    stop() {
      clearInterval(interval);
      process.removeListener("exit", onExit);
      if (holding) {
        stopDeliveryWorker();
        releaseLease(holder);
        holding = false;
      }
    },
  };
}
