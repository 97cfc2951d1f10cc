/**
 * `npm run db:backup`: an encrypted, checked copy of DATABASE_FILE into BACKUP_DIR while the portal
 * serves (the server also takes one a day), then the retention (7 daily, 4 weekly).
 * docs/decisions/0022-backups.md; restore with `npm run db:restore <fichier>`.
 */
import { BackupError, takeConfiguredBackup } from "@/lib/backup/backup";
import { describeBackup } from "@/lib/backup/describe";
import { BackupFileError } from "@/lib/backup/encryption";
import { ConfigError } from "@/lib/config";

async function main(): Promise<number> {
  try {
    console.log(describeBackup(await takeConfiguredBackup()));
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof BackupError || error instanceof BackupFileError)) throw error;
    console.error(`\nSauvegarde impossible : ${error.message}\n`);
    return 1;
  }
}

main().then((code) => process.exit(code));
