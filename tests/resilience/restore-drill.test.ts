import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { BackupMetadata } from "@/lib/backup/backup";
import { readBackupHeader } from "@/lib/backup/encryption";
import { tableDigests } from "@/lib/backup/snapshot";
import { query, serverForThisFile } from "./support/app-server";
import { activePerson, signIn, signUp } from "../support/people";
import { Visitor } from "../support/visitor";

const BACKUP_KEY = "exercice-de-restauration-0123456789-abcdefgh";

/** `npm run db:backup` / `npm run db:restore` as an operator runs them: another process, its own output. */
function npmScript(script: "db-backup" | "db-restore", args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--import", "./scripts/lib/server-only-off.mjs", `scripts/${script}.ts`, ...args],
      {
        env: { ...process.env, BACKUP_KEY, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

function withDatabase<T>(file: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** The rows of an insert-only table up to an id, hashed: the same in the live database and in a copy of an instant. */
function prefixDigest(file: string, table: "users" | "audit_events", upTo: number): { rows: number; sha256: string } {
  const rows = query<Record<string, unknown>>(file, `SELECT * FROM ${table} WHERE id <= ? ORDER BY id`, upTo);
  return { rows: rows.length, sha256: createHash("sha256").update(JSON.stringify(rows)).digest("hex") };
}

type Backup = { file: string; taken: string; startedAt: number; finishedAt: number; acknowledgedBefore: string[] };

describe("restore drill: backups taken while people sign up, restored, served again", () => {
  const server = serverForThisFile(3419, "data/resilience-restore.log", { env: { BACKUP_KEY } });

  it("restores each backup to the exact rows of its instant, refuses to overwrite the live database, and the portal serves the restored file", async () => {
    const live = server.databaseFile;
    const backupDir = path.join(path.dirname(live), "sauvegardes");
    const scriptEnv = { DATABASE_FILE: live, BACKUP_DIR: backupDir };
    await activePerson(server.app.url, server.mailbox, "exercice.titulaire@exemple.fr");

    // Sign-ups over HTTP, all along; each acknowledged one is noted with when its request began.
    const acknowledged: { email: string; at: number }[] = [];
    const attempted: { email: string; startedAt: number }[] = [];
    let stop = false;
    let counter = 0;
    const worker = async () => {
      while (!stop) {
        const email = `exercice.${counter++}@exemple.fr`;
        const startedAt = Date.now();
        attempted.push({ email, startedAt });
        if (await signUp(new Visitor(server.app.url), email)) acknowledged.push({ email, at: Date.now() });
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, worker));

    const backups: Backup[] = [];
    for (let i = 0; i < 2; i++) {
      const before = acknowledged.length;
      await expect.poll(() => acknowledged.length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(before + 15);
      const startedAt = Date.now();
      const acknowledgedBefore = acknowledged.map((a) => a.email);
      const result = await npmScript("db-backup", [], scriptEnv);
      const finishedAt = Date.now();
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/^Sauvegarde chiffrée et vérifiée : /);
      const taken = result.output.match(/: (\S+\.sauvegarde)\n/)![1]!;
      // Copied aside, as an operator would off the host: the retention keeps only the newest of a day.
      const file = path.join(path.dirname(live), `copie-${i}.sauvegarde`);
      copyFileSync(taken, file);
      backups.push({ file, startedAt, finishedAt, acknowledgedBefore, taken });
    }
    const signUpsDuringBackups = acknowledged.filter((a) => a.at > backups[0]!.startedAt && a.at < backups[1]!.finishedAt).length;
    stop = true;
    await load;
    console.log(
      `${acknowledged.length} inscriptions confirmées, dont ${signUpsDuringBackups} pendant les sauvegardes ; ${backups.length} sauvegardes`,
    );
    // Two backups the same day: the second replaced the first (7 daily, 4 weekly).
    expect(readdirSync(backupDir)).toEqual([path.basename(backups[1]!.taken)]);

    // The live database cannot be overwritten while the server has it open.
    const refused = await npmScript("db-restore", [backups[0]!.file], scriptEnv);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("Restauration refusée : la base");
    expect(refused.output).toContain("est ouverte par un autre processus");
    expect(query(live, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);

    const restoredFiles: string[] = [];
    for (const [i, backup] of backups.entries()) {
      const restored = path.join(path.dirname(live), `restauree-${i}.db`);
      const result = await npmScript("db-restore", [backup.file], { ...scriptEnv, DATABASE_FILE: restored });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`Base restaurée : ${restored}`);
      expect(result.output).toContain("il n'y avait pas de base à cet endroit");
      restoredFiles.push(restored);

      // Every table: the rows and checksum recorded at the backup's instant.
      const { metadata } = await readBackupHeader<BackupMetadata>(backup.file);
      const digests = withDatabase(restored, tableDigests);
      expect(digests).toEqual(metadata.tables);
      expect(Object.keys(digests).length).toBeGreaterThan(20);
      expect(query(restored, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(query(restored, "PRAGMA foreign_key_check")).toEqual([]);

      // That instant is one point in time of the live database: the insert-only tables are exactly
      // its prefix (ids are given in commit order), every sign-up acknowledged before the backup
      // began is there, none begun after it ended.
      for (const table of ["users", "audit_events"] as const) {
        const last = query<{ id: number }>(restored, `SELECT max(id) AS id FROM ${table}`)[0]!.id;
        expect(prefixDigest(restored, table, last)).toEqual(prefixDigest(live, table, last));
      }
      const users = new Set(query<{ login_email: string }>(restored, "SELECT login_email FROM users").map((u) => u.login_email));
      expect(backup.acknowledgedBefore.filter((email) => !users.has(email))).toEqual([]);
      expect(attempted.filter((a) => a.startedAt > backup.finishedAt && users.has(a.email))).toEqual([]);
      // And no half-done sign-up: each account has its activation link and its mail.
      expect(
        query(
          restored,
          `SELECT u.login_email FROM users u WHERE u.status = 'pending' AND (
          NOT EXISTS (SELECT 1 FROM mail_tokens t WHERE t.user_id = u.id AND t.purpose = 'activation')
          OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o."to" = u.contact_email AND o.template IN ('activation', 'account-exists')))`,
        ),
      ).toEqual([]);
    }
    const [first, second] = restoredFiles.map((file) => query<{ n: number }>(file, "SELECT count(*) AS n FROM users")[0]!.n);
    expect(second!).toBeGreaterThan(first!);

    // The portal started on the restored file: the holder signs in and sees their home page.
    await server.app.stop();
    server.databaseFile = restoredFiles[1]!;
    await server.restart();
    const again = new Visitor(server.app.url);
    await signIn(again, "exercice.titulaire@exemple.fr");
    const home = await again.get("/accueil");
    expect(home.status).toBe(200);
    expect(home.$("h1").text()).toBe("Bonjour Claire");
  });
});
