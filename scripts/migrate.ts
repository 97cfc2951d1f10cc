/** Applies the committed migrations to DATABASE_FILE (the server also does it when it starts). */
import { openDatabase } from "@/db/client";
import { getConfig } from "@/lib/config";

const { databaseFile } = getConfig();
openDatabase(databaseFile).$client.close();
console.log(`Base de données à jour : ${databaseFile}`);
