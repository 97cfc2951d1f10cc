import { ConfigError, getConfig } from "./config";
import { getDb } from "./db";
import { kickDelivery, startDeliveryWorker } from "./mail/deliver";
import { sendDueDigests } from "./mail/digest";
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

/** The daily digests (docs/decisions/0021): looked for every 10 minutes, sent once the day they cover is over. */
function startDigests(): void {
  const run = () => {
    try {
      if (sendDueDigests() > 0) kickDelivery();
    } catch (error) {
      console.error("Récapitulatifs quotidiens : échec, nouvel essai dans 10 minutes.", error);
    }
  };
  setTimeout(run, 60_000).unref();
  setInterval(run, 10 * 60_000).unref();
}

/**
 * At server start: check the configuration (refusing to start on a bad value), apply the
 * migrations, start the mail delivery worker and the daily purge (also `npm run data:purge`).
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
  startDigests();
  console.log(`Portail TIC prêt sur ${config.appUrl} (courriels : ${config.mailTransport}).`);
}
