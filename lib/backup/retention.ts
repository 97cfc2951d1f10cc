/**
 * Which backups to keep: the newest of each of the 7 most recent days that have one, and the newest
 * of each of the 4 most recent ISO weeks that have one (days and weeks in UTC). Counted in backups
 * taken, not in days since now: a server stopped for a month does not lose its last copies.
 */
export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;

export type BackupEntry = { name: string; takenAt: Date };

const FILE_PATTERN = /^portail-tic-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z\.sauvegarde$/;

/** `portail-tic-2026-12-07T030000.000Z.sauvegarde`: sorted by name is sorted by time. */
export function backupFileName(takenAt: Date): string {
  const iso = takenAt.toISOString(); // 2026-12-07T03:00:00.000Z
  return `portail-tic-${iso.slice(0, 10)}T${iso.slice(11, 19).replaceAll(":", "")}${iso.slice(19)}.sauvegarde`;
}

/** The time a backup's file name says, or null for any other file. */
export function parseBackupFileName(name: string): Date | null {
  const m = FILE_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dayKey = (date: Date) => date.toISOString().slice(0, 10);

/** The Monday (UTC) of the ISO week holding `date`. */
function weekKey(date: Date): string {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return dayKey(monday);
}

function newestPerPeriod(entries: BackupEntry[], key: (date: Date) => string, periods: number): BackupEntry[] {
  const kept = new Map<string, BackupEntry>();
  for (const entry of [...entries].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())) {
    const period = key(entry.takenAt);
    if (!kept.has(period)) {
      if (kept.size === periods) break;
      kept.set(period, entry);
    }
  }
  return [...kept.values()];
}

/** The names to delete, given every backup present. */
export function backupsToDelete(entries: BackupEntry[]): string[] {
  const keep = new Set(
    [...newestPerPeriod(entries, dayKey, KEEP_DAILY), ...newestPerPeriod(entries, weekKey, KEEP_WEEKLY)].map((e) => e.name),
  );
  return entries
    .filter((e) => !keep.has(e.name))
    .map((e) => e.name)
    .sort();
}
