import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import { chmod, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import type { BackupMetadata } from "./backup";
import { BackupFileError, decryptFile } from "./encryption";
import { migrationLevel, tableDigests, type MigrationLevel } from "./snapshot";

/** The target database is open in another process (a server of the portal, most likely). */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

export { BackupFileError };

export type RestoreReport = {
  databaseFile: string;
  backupCreatedAt: string;
  tables: number;
  rows: number;
  migrations: MigrationLevel;
  /** Where the database that was replaced now is (null when there was none). */
  previousKeptAs: string | null;
};

export type RestoreOptions = { backupFile: string; databaseFile: string; key: string; now?: Date };

/**
 * Takes the database for this process alone, or refuses. SQLite's own locks are the signal: every
 * connection of a running server holds a shared lock on the file as long as it is open (WAL mode),
 * so an exclusive lock is granted only when no process has it open; and a crashed server holds
 * none. Once granted, the lock is kept (locking_mode EXCLUSIVE) until the restore is over, so no
 * server can start on the old file meanwhile; the WAL is folded into the file (journal_mode DELETE).
 */
function lockDatabase(databaseFile: string): Database.Database {
  const sqlite = new Database(databaseFile, { fileMustExist: true, timeout: 0 });
  try {
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE; COMMIT;");
    sqlite.pragma("journal_mode = DELETE");
    return sqlite;
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") {
      throw new DatabaseInUseError(
        `la base ${databaseFile} est ouverte par un autre processus (un serveur du portail ?) : arrêtez-le, puis relancez la restauration`,
      );
    }
    throw error;
  }
}

const stamp = (date: Date) =>
  date
    .toISOString()
    .replaceAll(":", "")
    .replace(/\.\d{3}Z$/, "Z");

/** Checks the decrypted copy before it replaces anything. */
function checkCopy(file: string, metadata: BackupMetadata): { migrations: MigrationLevel; rows: number; tables: number } {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma("integrity_check") as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== "ok") {
      throw new BackupFileError(
        `la copie déchiffrée n'est pas intègre (PRAGMA integrity_check : ${integrity.map((r) => r.integrity_check).join(" ; ")})`,
      );
    }
    const migrations = migrationLevel(copy);
    if (migrations.applied === 0) throw new BackupFileError("la copie n'est pas une base du Portail TIC (aucune migration)");
    if (migrations.unknown > 0) {
      throw new BackupFileError(
        `la sauvegarde vient d'une version plus récente du portail (${migrations.unknown} migration(s) inconnue(s) de celle-ci) : restaurez avec cette version-là`,
      );
    }
    const digests = tableDigests(copy);
    for (const [table, expected] of Object.entries(metadata.tables)) {
      const found = digests[table];
      if (!found || found.rows !== expected.rows || found.sha256 !== expected.sha256) {
        throw new BackupFileError(`la table ${table} ne correspond pas à l'empreinte enregistrée dans la sauvegarde`);
      }
    }
    return { migrations, tables: Object.keys(digests).length, rows: Object.values(digests).reduce((sum, d) => sum + d.rows, 0) };
  } finally {
    copy.close();
  }
}

/**
 * `npm run db:restore <fichier>`: decrypts and checks the backup beside the database, then puts it
 * in place by a rename (atomic), the replaced file kept as `<base>.avant-restauration-<date>`.
 * Refuses while any process has the database open. Nothing is replaced unless every check passed.
 */
export async function restoreBackup({ backupFile, databaseFile, key, now = new Date() }: RestoreOptions): Promise<RestoreReport> {
  if (!existsSync(backupFile)) throw new BackupFileError(`fichier introuvable : ${backupFile}`);
  const target = path.resolve(databaseFile);
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const lock = existsSync(target) ? lockDatabase(target) : null;
  const incoming = `${target}.restauration-${stamp(now)}`;
  try {
    const metadata = await decryptFile<BackupMetadata>(backupFile, incoming, key);
    const checked = checkCopy(incoming, metadata);
    let previousKeptAs: string | null = null;
    if (lock) {
      previousKeptAs = `${target}.avant-restauration-${stamp(now)}`;
      await rename(target, previousKeptAs);
    }
    // No WAL or shared-memory file of the old database may meet the new one.
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await rename(incoming, target);
    await chmod(target, 0o600);
    const folder = await open(path.dirname(target), "r");
    await folder.sync().finally(() => folder.close());
    return {
      databaseFile: target,
      backupCreatedAt: metadata.createdAt,
      tables: checked.tables,
      rows: checked.rows,
      migrations: checked.migrations,
      previousKeptAs,
    };
  } finally {
    lock?.close();
    await rm(incoming, { force: true });
  }
}
