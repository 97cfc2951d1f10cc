import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDue, runScheduledBackup, takeBackup } from "@/lib/backup/backup";
import { readBackupHeader } from "@/lib/backup/encryption";
import { backupFileName, backupsToDelete, parseBackupFileName } from "@/lib/backup/retention";
import { DatabaseInUseError, restoreBackup } from "@/lib/backup/restore";
import { tableDigests } from "@/lib/backup/snapshot";
import { resetConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { activeUser, pendingUser } from "../support/accounts";

const KEY = "cle-de-test-des-sauvegardes-0123456789abcdef";
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "portail-tic-sauvegardes-"));
  process.env.BACKUP_DIR = dir;
  process.env.BACKUP_KEY = KEY;
  resetConfig();
});

afterEach(() => {
  delete process.env.BACKUP_DIR;
  delete process.env.BACKUP_KEY;
  resetConfig();
  rmSync(dir, { recursive: true, force: true });
});

const databaseFile = () => process.env.DATABASE_FILE!;
const backup = (now?: Date) => takeBackup({ databaseFile: databaseFile(), dir, key: KEY, now });
const digestsOf = (file: string) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return tableDigests(sqlite);
  } finally {
    sqlite.close();
  }
};
/** A database file of its own, not opened by anyone: where a backup is restored. */
const elsewhere = (name = "restauree.db") => path.join(dir, name);

describe("an encrypted backup", () => {
  it("is a checked, owner-only, encrypted copy that restores to the same rows", async () => {
    const { loginEmail } = await activeUser();
    pendingUser();
    const live = tableDigests(getDb().$client);

    const { file, metadata } = await backup();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("PTICSAUV");
    // Identities are not readable in the file, nor the SQLite header.
    expect(bytes.includes(Buffer.from(loginEmail))).toBe(false);
    expect(bytes.includes(Buffer.from("SQLite format 3"))).toBe(false);
    expect(metadata.tables).toEqual(live);
    expect(metadata.migrations.unknown).toBe(0);
    // Nothing but the backup is left behind (no plain copy, no partial file, no lock).
    expect(readdirSync(dir)).toEqual([path.basename(file)]);
    expect(readdirSync(path.dirname(databaseFile())).filter((n) => n.includes(".copie"))).toEqual([]);

    const report = await restoreBackup({ backupFile: file, databaseFile: elsewhere(), key: KEY });
    expect(report).toMatchObject({ previousKeptAs: null, tables: Object.keys(live).length });
    expect(statSync(elsewhere()).mode & 0o777).toBe(0o600);
    expect(digestsOf(elsewhere())).toEqual(live);
  });

  it("is refused when a byte was changed, in the data or in the header, or with another key; the database in place is kept", async () => {
    await activeUser();
    const { file } = await backup();
    const target = elsewhere();
    await restoreBackup({ backupFile: file, databaseFile: target, key: KEY });
    const before = readFileSync(target);

    const original = readFileSync(file);
    const { header } = await readBackupHeader(file);
    const tampered = (offset: number) => {
      const copy = Buffer.from(original);
      copy[offset] = copy[offset]! ^ 0x01;
      const name = path.join(dir, `altere-${offset}.sauvegarde`);
      writeFileSync(name, copy);
      return name;
    };
    // A byte of the encrypted data; a digit of a row count in the metadata (in clear, still valid JSON); the file cut short.
    const rowCount = header.indexOf('"rows":') + '"rows":'.length;
    expect(String.fromCharCode(header[rowCount]!)).toMatch(/\d/);
    for (const backupFile of [tampered(header.length + 5000), tampered(rowCount)]) {
      await expect(restoreBackup({ backupFile, databaseFile: target, key: KEY })).rejects.toThrow(/modifiée ou abîmée/);
    }
    const truncated = path.join(dir, "tronque.sauvegarde");
    writeFileSync(truncated, original.subarray(0, original.length - 100));
    await expect(restoreBackup({ backupFile: truncated, databaseFile: target, key: KEY })).rejects.toThrow(/modifiée ou abîmée/);
    await expect(restoreBackup({ backupFile: file, databaseFile: target, key: "une-autre-cle-de-sauvegarde-0123456789" })).rejects.toThrow(
      /n'est pas celle qui a chiffré/,
    );
    writeFileSync(path.join(dir, "pas-une-sauvegarde"), "SQLite format 3\0");
    await expect(restoreBackup({ backupFile: path.join(dir, "pas-une-sauvegarde"), databaseFile: target, key: KEY })).rejects.toThrow(
      /n'est pas une sauvegarde du Portail TIC/,
    );

    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes("restauration"))).toEqual([]);
  });
});

describe("npm run db:restore", () => {
  it("refuses to replace a database that a process has open, and says why", async () => {
    await activeUser();
    const { file } = await backup();
    // This process's own connection (getDb) has the database open, as a running server does.
    await expect(restoreBackup({ backupFile: file, databaseFile: databaseFile(), key: KEY })).rejects.toThrow(DatabaseInUseError);
    await expect(restoreBackup({ backupFile: file, databaseFile: databaseFile(), key: KEY })).rejects.toThrow(
      /est ouverte par un autre processus .* arrêtez-le/,
    );
    expect(getDb().$client.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("replaces a closed database atomically and keeps the one it replaced", async () => {
    await activeUser();
    const { file, metadata } = await backup();
    const target = elsewhere("en-place.db");
    // A database in place whose server was killed: its last write is still in the WAL.
    const killed = spawnSync(process.execPath, [
      "-e",
      `
      const db = new (require("better-sqlite3"))(${JSON.stringify(target)});
      db.pragma("journal_mode = WAL");
      db.exec("CREATE TABLE ancienne (x); INSERT INTO ancienne VALUES (1);");
      process.kill(process.pid, "SIGKILL");`,
    ]);
    expect(killed.signal).toBe("SIGKILL");
    expect(statSync(`${target}-wal`).size).toBeGreaterThan(0);

    const report = await restoreBackup({ backupFile: file, databaseFile: target, key: KEY, now: new Date("2026-12-07T10:00:00Z") });
    expect(report.previousKeptAs).toBe(`${target}.avant-restauration-2026-12-07T100000Z`);
    expect(digestsOf(report.previousKeptAs!)).toHaveProperty("ancienne");
    expect(digestsOf(target)).toEqual(metadata.tables);
    expect(readdirSync(dir).filter((n) => n.endsWith("-wal") || n.endsWith("-shm"))).toEqual([]);
  });

  it("refuses a backup made by a newer version of the portal (migrations it does not know)", async () => {
    getDb().$client.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 4102444800000)").run();
    const { file, metadata } = await backup();
    expect(metadata.migrations.unknown).toBe(1);
    await expect(restoreBackup({ backupFile: file, databaseFile: elsewhere(), key: KEY })).rejects.toThrow(/version plus récente/);
  });
});

describe("retention and schedule", () => {
  const at = (iso: string) => new Date(iso);

  it("keeps the newest backup of the last 7 days and of the last 4 weeks", () => {
    // One backup a night at 03:00 from 29 October to Monday 7 December 2026, and a second one on the 7th.
    const entries = Array.from({ length: 40 }, (_, i) => {
      const takenAt = new Date(Date.UTC(2026, 9, 29 + i, 3));
      return { name: backupFileName(takenAt), takenAt };
    });
    entries.push({ name: backupFileName(at("2026-12-07T15:00:00Z")), takenAt: at("2026-12-07T15:00:00Z") });
    const deleted = new Set(backupsToDelete(entries));
    const kept = entries.filter((e) => !deleted.has(e.name)).map((e) => e.takenAt.toISOString().slice(0, 13));
    expect(kept).toEqual([
      "2026-11-22T03", // Sunday: the newest of the week of 16 November
      "2026-11-29T03", // the week of 23 November
      "2026-12-01T03",
      "2026-12-02T03",
      "2026-12-03T03",
      "2026-12-04T03",
      "2026-12-05T03",
      "2026-12-06T03", // also the newest of the week of 30 November
      "2026-12-07T15", // the newest of today, and of this week
    ]);
    expect(parseBackupFileName(backupFileName(at("2026-12-07T15:00:00.250Z")))).toEqual(at("2026-12-07T15:00:00.250Z"));
    expect(parseBackupFileName("portail-tic.db")).toBeNull();
  });

  it("the server's job takes one a night (2 h to 6 h, Paris), at once when there is none or a night was missed, and deletes the old files", async () => {
    await activeUser();
    const start = at("2026-11-10T14:00:00Z"); // 15:00 in Paris
    const hours = (n: number) => new Date(start.getTime() + n * 3_600_000);
    expect(await runScheduledBackup(start)).not.toBeNull(); // none yet
    expect(await runScheduledBackup(hours(1))).toBeNull();
    expect(await runScheduledBackup(hours(11))).toBeNull(); // 02:00 in Paris, but 11 hours old
    // Then a check every hour for four weeks: one backup a night, at 02:00 in Paris (01:00 UTC in winter).
    const taken: Date[] = [];
    for (let n = 12; n <= 28 * 24; n++) {
      const result = await runScheduledBackup(hours(n));
      if (result) taken.push(new Date(result.metadata.createdAt));
    }
    expect(taken).toHaveLength(27);
    expect(new Set(taken.map((d) => d.toISOString().slice(11)))).toEqual(new Set(["01:00:00.000Z"]));
    // A missed night (server down from 03:00 UTC for two days): taken at once, at any hour.
    const last = taken.at(-1)!;
    expect(backupDue(last, new Date(last.getTime() + 46 * 3_600_000))).toBe(false);
    expect(backupDue(last, new Date(last.getTime() + 47 * 3_600_000))).toBe(true);

    const present = readdirSync(dir).map(parseBackupFileName);
    expect(present.every((d) => d !== null)).toBe(true);
    // The last 7 days, and the newest of the weeks of 16 and 23 November (those of 30 November and
    // 7 December end on days already kept).
    expect(present.map((d) => d!.toISOString().slice(0, 10))).toEqual([
      "2026-11-22",
      "2026-11-29",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
      "2026-12-07",
      "2026-12-08",
    ]);
  }, 60_000);
});
