import "server-only";
import { openDatabase, type Db } from "@/db/client";
import { getConfig } from "./config";
import { loadShippedRates } from "./refunds/rates-file";

export type { Db };

const holder = globalThis as unknown as { __portailDb?: Db };

/** One connection per process, kept on globalThis so that Next's module copies share it. */
export function getDb(): Db {
  holder.__portailDb ??= openAppDatabase(getConfig().databaseFile);
  return holder.__portailDb;
}

/**
 * The application's database: migrated (db/client.ts), then the rates and deadlines shipped as CSV
 * (db/rates/) loaded, at every start (`npm start` migrates through this too).
 */
export function openAppDatabase(file: string): Db {
  const db = openDatabase(file);
  loadShippedRates(db);
  return db;
}

/** Tests give each case its own database. */
export function setDatabase(db: Db | undefined): void {
  if (holder.__portailDb && holder.__portailDb !== db) holder.__portailDb.$client.close();
  holder.__portailDb = db;
}

/** Runs `work` in one write transaction (BEGIN IMMEDIATE: no upgrade deadlock between writers). */
export function inTransaction<T>(work: (tx: Db) => T): T {
  const db = getDb();
  return db.$client.transaction(() => work(db)).immediate();
}
