import "server-only";
import { refreshPlannerStatistics } from "@/db/client";
import { runScheduledBackup } from "./backup/backup";
import { describeBackup } from "./backup/describe";
import { ConfigError, getConfig } from "./config";
import { getDb } from "./db";
import { startBackgroundWork, type ScheduledJob } from "./background/worker";
import { kickDelivery } from "./mail/deliver";
import { sendDueDigests } from "./mail/digest";
import { purgeExpiredData } from "./privacy/purge";

const DAY_MS = 86_400_000;

/**
 * The jobs run by the one process holding the background lease (lib/background/worker.ts), each
 * at most once per period across every process and restart. The retention stated on « Données
 * personnelles » holds while the server runs: one purge a day, the first an hour after the first
 * start (also `npm run data:purge`). A scheduled job (backups…) is one more entry here.
 */
export const SCHEDULED_JOBS: ScheduledJob[] = [
  { name: "purge", periodMs: DAY_MS, firstDelayMs: 3_600_000, run: () => purgeExpiredData() },
  // Nothing is lost when the disk is (docs/decisions/0022): checked every hour, five minutes after the
  // first start; `runScheduledBackup` takes the copy at night when the newest is 20 hours old (at once
  // when there is none, or after a missed night), so restarts neither skip nor repeat it.
  { name: "backup", periodMs: 3_600_000, firstDelayMs: 300_000, run: backupIfDue },
  // The daily digests (docs/decisions/0021): looked for every 10 minutes, each sent once the day it
  // covers is over (a digest is marked sent in the transaction that queues its mail).
  { name: "digests", periodMs: 10 * 60_000, firstDelayMs: 60_000, run: sendDigestsIfDue },
  // The query planner's statistics, as the data grows (db/client.ts, ADR 0032); each process also refreshes them when it opens.
  {
    name: "planner-statistics",
    periodMs: DAY_MS,
    firstDelayMs: 2 * 3_600_000,
    run: () => refreshPlannerStatistics(getDb().$client, "daily"),
  },
];

function sendDigestsIfDue(): void {
  if (sendDueDigests() > 0) kickDelivery();
}

async function backupIfDue(): Promise<void> {
  const result = await runScheduledBackup();
  if (result) console.log(describeBackup(result));
}

/**
 * At server start: check the configuration (refusing to start on a bad value), apply the
 * migrations, send the mails left waiting, and take part in the background lease: the process
 * holding it runs the mail retry worker and the scheduled jobs (several processes under `npm start`,
 * docs/decisions/0025-workers.md).
 */
export function startServer(): void {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\nLe portail ne démarre pas. Voir .env.example.\n`);
      process.exit(1);
    }
    throw error;
  }
  getDb();
  // Mails left waiting by a previous process go now, whoever holds the lease (each mail is claimed).
  kickDelivery();
  startBackgroundWork({ jobs: SCHEDULED_JOBS, mailRetryIntervalSeconds: config.mailRetryIntervalSeconds });
  console.log(`Portail TIC prêt sur ${config.appUrl} (courriels : ${config.mailTransport}).`);
}
