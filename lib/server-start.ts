import { runScheduledBackup } from "./backup/backup";
import { describeBackup } from "./backup/describe";
import { ConfigError, getConfig } from "./config";
import { getDb } from "./db";
import { startDeliveryWorker } from "./mail/deliver";
import { purgeExpiredData } from "./privacy/purge";

const DAY_MS = 86_400_000;

/** The retention stated on « Données personnelles » holds while the server runs: one purge a day. */
function startDailyPurge(): void {
  const purge = () => {
    try {
      purgeExpiredData();
    } catch (error) {
      console.error("Purge des données expirées : échec, nouvel essai demain.", error);
    }
  };
  // First pass an hour after start, so that a restart loop does not purge in a loop either.
  setTimeout(() => {
    purge();
    setInterval(purge, DAY_MS).unref();
  }, 3_600_000).unref();
}

/**
 * Nothing is lost when the disk is: an encrypted backup a day into BACKUP_DIR (also
 * `npm run db:backup`). Checked every hour, taken at night when the newest is 20 hours old (at once
 * when there is none, or after a missed night), so that restarts neither skip nor repeat it.
 * `runScheduledBackup` is the job itself, for a lease to wrap.
 */
function startDailyBackups(): void {
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runScheduledBackup();
      if (result) console.log(describeBackup(result));
    } catch (error) {
      console.error("Sauvegarde quotidienne : échec, nouvel essai dans une heure.", error);
    } finally {
      running = false;
    }
  };
  // First check five minutes after start: the server is serving by then.
  setTimeout(() => {
    void check();
    setInterval(() => void check(), 3_600_000).unref();
  }, 300_000).unref();
}

/**
 * At server start: check the configuration (refusing to start on a bad value), apply the
 * migrations, start the mail delivery worker, the daily purge (also `npm run data:purge`) and the
 * daily backup (also `npm run db:backup`).
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
  startDeliveryWorker(config.mailRetryIntervalSeconds);
  startDailyPurge();
  startDailyBackups();
  console.log(`Portail TIC prêt sur ${config.appUrl} (courriels : ${config.mailTransport}).`);
}
