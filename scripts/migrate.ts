/** Applies the committed migrations to DATABASE_FILE and loads the shipped rates (the server also does both when it starts). */
import { openAppDatabase } from "@/lib/db";
import { ConfigError, getConfig } from "@/lib/config";

try {
  const { databaseFile } = getConfig();
  openAppDatabase(databaseFile).$client.close();
  console.log(`Base de données à jour : ${databaseFile}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\nLe portail ne démarre pas. Voir .env.example.\n`);
  process.exit(1);
}
