import { ConfigError, getConfig } from "./config";
import { getDb } from "./db";
import { startDeliveryWorker } from "./mail/deliver";

/**
 * At server start: check the configuration (refusing to start on a bad value), apply the
 * migrations, start the mail delivery worker.
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
  console.log(`Portail TIC prêt sur ${config.appUrl} (courriels : ${config.mailTransport}).`);
}
