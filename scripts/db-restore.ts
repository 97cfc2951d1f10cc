/**
 * `npm run db:restore <fichier>`: puts an encrypted backup in place of DATABASE_FILE, once every
 * server using it is stopped (refused otherwise), after checking it (key, integrity, migrations,
 * checksums). The replaced database is kept beside it. docs/decisions/0022-backups.md.
 */
import { describeRestore } from "@/lib/backup/describe";
import { BackupFileError, DatabaseInUseError, restoreBackup } from "@/lib/backup/restore";
import { ConfigError, getConfig } from "@/lib/config";

async function main(): Promise<number> {
  const [backupFile, ...rest] = process.argv.slice(2);
  if (!backupFile || rest.length > 0) {
    console.error("Usage : npm run db:restore -- <fichier .sauvegarde>   (la base visée est DATABASE_FILE)");
    return 2;
  }
  try {
    const config = getConfig();
    const report = await restoreBackup({ backupFile, databaseFile: config.databaseFile, key: config.backup.key });
    console.log(describeRestore(backupFile, report));
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof BackupFileError || error instanceof DatabaseInUseError)) throw error;
    console.error(`\nRestauration refusée : ${error.message}\nLa base en place n'a pas été modifiée.\n`);
    return 1;
  }
}

main().then((code) => process.exit(code));
