import "server-only";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * The database holds password hashes, IBANs and unposted letters' codes: its folder (when the
 * portal creates it) is 0700, the file 0600 before SQLite opens it, and so are the WAL and SHM
 * files, which SQLite creates with the database file's mode (issue 22, point 8). Files left
 * readable by an older version are tightened.
 */
function ownerOnly(file: string): void {
  // The paths come from the configuration at run time: nothing for the bundler to trace.
  const folder = path.dirname(path.resolve(/*turbopackIgnore: true*/ file));
  if (!existsSync(/*turbopackIgnore: true*/ folder)) mkdirSync(/*turbopackIgnore: true*/ folder, { recursive: true, mode: 0o700 });
  if (!existsSync(/*turbopackIgnore: true*/ file)) closeSync(openSync(/*turbopackIgnore: true*/ file, "a", 0o600));
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(/*turbopackIgnore: true*/ existing) && (statSync(/*turbopackIgnore: true*/ existing).mode & 0o077) !== 0)
      chmodSync(/*turbopackIgnore: true*/ existing, 0o600);
  }
}

/**
 * SQLite's advice for long-lived connections (sqlite.org/lang_analyze.html): `PRAGMA optimize` when
 * the connection opens (0x10002: every table) and then now and then (the daily job), each ANALYZE
 * bounded by `analysis_limit`. Without statistics the planner guesses, and it guessed wrong: a
 * structure's requests waiting for a complement were read through the index of every request in
 * that status in the country (ADR 0032).
 */
export function refreshPlannerStatistics(sqlite: Database.Database, when: "open" | "daily"): void {
  sqlite.pragma("analysis_limit = 400");
  sqlite.pragma(when === "open" ? "optimize = 0x10002" : "optimize");
}

/** Opens a SQLite file with the pragmas this app relies on, and brings its schema up to date. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") ownerOnly(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // Writers wait for each other instead of failing with SQLITE_BUSY.
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  refreshPlannerStatistics(sqlite, "open");
  // db/ imports nothing from lib/: the shipped rates are loaded by lib/db.ts `openAppDatabase`.
  return db as Db;
}
