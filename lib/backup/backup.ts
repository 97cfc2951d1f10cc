import "server-only";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { encryptFile } from "./encryption";
import { backupFileName, backupsToDelete, parseBackupFileName, type BackupEntry } from "./retention";
import { migrationLevel, tableDigests, type MigrationLevel, type TableDigests } from "./snapshot";

/** What a backup's header says about it (in clear, authenticated): see lib/backup/encryption.ts. */
export type BackupMetadata = {
  createdAt: string;
  migrations: MigrationLevel;
  tables: TableDigests;
  bytes: number;
};

export type BackupResult = { file: string; metadata: BackupMetadata; deleted: string[]; durationMs: number };

export type BackupOptions = { databaseFile: string; dir: string; key: string; now?: Date };

export class BackupError extends Error {
  override name = "BackupError";
}

/** A backup that does not check out is never kept: its temporary copy is removed and this is thrown. */
export class BackupCheckError extends BackupError {
  override name = "BackupCheckError";
}

/** The backups present in `dir`, oldest first (other files are ignored). */
export function listBackups(dir: string): BackupEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .map((name) => ({ name, takenAt: parseBackupFileName(name) }))
    .filter((e): e is BackupEntry => e.takenAt !== null)
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
}

const LOCK_NAME = ".sauvegarde-en-cours";
const STALE_LOCK_MS = 3_600_000;

/** One backup at a time per folder, across processes (the server and `npm run db:backup`). */
async function withFolderLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, LOCK_NAME);
  let handle;
  try {
    handle = await open(lock, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const age = Date.now() - (await stat(lock)).mtimeMs;
    if (age < STALE_LOCK_MS) throw new BackupError(`une autre sauvegarde est en cours dans ${dir} (fichier ${LOCK_NAME})`);
    // Left by a process killed in the middle of a backup an hour ago or more.
    await rm(lock, { force: true });
    handle = await open(lock, "wx", 0o600);
  }
  try {
    await handle.writeFile(String(process.pid));
    return await work();
  } finally {
    await handle.close();
    await rm(lock, { force: true });
  }
}

/**
 * An online, consistent copy of the database: `VACUUM INTO` from a read-only connection is one read
 * transaction (the copy is the database at one instant, writers are not blocked in WAL mode). The
 * copy is checked (`PRAGMA integrity_check`), its rows counted and hashed per table, encrypted into
 * `dir` (0600), and only then does it count; the plain copy, beside the database, is removed.
 * Then the retention applies (7 daily, 4 weekly). docs/decisions/0022-backups.md.
 */
export async function takeBackup({ databaseFile, dir, key, now = new Date() }: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return withFolderLock(dir, async () => {
    const name = backupFileName(now);
    // The plain copy lives beside the database, which holds the same data in clear anyway.
    const plain = path.join(path.dirname(path.resolve(databaseFile)), `.${name}.copie`);
    const partial = path.join(dir, `.${name}.partiel`);
    try {
      // VACUUM INTO writes into an empty file: created first, owner-only.
      await (await open(plain, "wx", 0o600)).close();
      const source = new Database(databaseFile, { readonly: true, fileMustExist: true });
      try {
        source.pragma("busy_timeout = 5000");
        source.prepare("VACUUM INTO ?").run(plain);
      } finally {
        source.close();
      }
      const copy = new Database(plain, { readonly: true, fileMustExist: true });
      let metadata: BackupMetadata;
      try {
        const integrity = copy.pragma("integrity_check") as { integrity_check: string }[];
        if (integrity.length !== 1 || integrity[0]!.integrity_check !== "ok") {
          throw new BackupCheckError(
            `la copie n'est pas intègre (PRAGMA integrity_check : ${integrity.map((r) => r.integrity_check).join(" ; ")})`,
          );
        }
        metadata = {
          createdAt: now.toISOString(),
          migrations: migrationLevel(copy),
          tables: tableDigests(copy),
          bytes: statSync(plain).size,
        };
      } finally {
        copy.close();
      }
      await encryptFile(plain, partial, key, metadata);
      const file = path.join(dir, name);
      await rename(partial, file);
      const deleted = backupsToDelete(listBackups(dir));
      for (const old of deleted) await rm(path.join(dir, old), { force: true });
      return { file, metadata, deleted, durationMs: Date.now() - started };
    } finally {
      await rm(plain, { force: true });
      await rm(partial, { force: true });
    }
  });
}

/** The configured backup: DATABASE_FILE into BACKUP_DIR with BACKUP_KEY. */
export function takeConfiguredBackup(now = new Date()): Promise<BackupResult> {
  const config = getConfig();
  return takeBackup({ databaseFile: config.databaseFile, dir: config.backup.dir, key: config.backup.key, now });
}

const HOUR_MS = 3_600_000;
/** Hours of Paris time when the daily backup is taken (the copy keeps one worker busy for its duration). */
export const BACKUP_HOURS = { from: 2, to: 6 };

const parisClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "numeric", hourCycle: "h23" });
const parisHour = (date: Date) => Number(parisClock.formatToParts(date).find((part) => part.type === "hour")!.value);

/**
 * Due when there is none yet; at night (2 h to 6 h, Paris) when the newest is 20 hours old or more;
 * at any hour when it is 47 hours old (a night was missed, e.g. the server was down).
 */
export function backupDue(newest: Date | undefined, now: Date): boolean {
  if (!newest) return true;
  const age = now.getTime() - newest.getTime();
  if (age >= 47 * HOUR_MS) return true;
  const hour = parisHour(now);
  return age >= 20 * HOUR_MS && hour >= BACKUP_HOURS.from && hour < BACKUP_HOURS.to;
}

/**
 * The server's scheduled job, one plain call (lib/server-start.ts checks hourly; a worker lease may
 * wrap it): takes a backup when one is due (backupDue), else does nothing (null). Deciding from the
 * files rather than from a timer makes a restart harmless either way.
 */
export async function runScheduledBackup(now = new Date()): Promise<BackupResult | null> {
  if (!backupDue(listBackups(getConfig().backup.dir).at(-1)?.takenAt, now)) return null;
  return takeConfiguredBackup(now);
}
