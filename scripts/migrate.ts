/** Applies the committed migrations to DATABASE_FILE (the server also does it when it starts). */
import { openDatabase } from "@/db/client";
import { ConfigError, getConfig } from "@/lib/config";

try {
  const { databaseFile } = getConfig();
  openDatabase(databaseFile).$client.close();
  console.log(`Base de données à jour : ${databaseFile}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\nLe portail ne démarre pas. Voir .env.example.\n`);
  process.exit(1);
}
