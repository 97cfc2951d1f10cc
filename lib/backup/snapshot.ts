import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

/** Rows and a SHA-256 of their content, per table: what a backup holds, checked again after a restore. */
export type TableDigests = Record<string, { rows: number; sha256: string }>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Every table's row count and checksum, rows read in primary-key order (every column otherwise),
 * values hashed with their type (blobs as bytes), so that two files with the same rows agree
 * whatever their page layout.
 */
export function tableDigests(sqlite: Database.Database): TableDigests {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const digests: TableDigests = {};
  for (const table of tables) {
    const columns = sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; pk: number }[];
    const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const order = (key.length > 0 ? key : columns).map((c) => quote(c.name)).join(", ");
    const hash = createHash("sha256");
    let rows = 0;
    const statement = sqlite.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).raw();
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      rows++;
      for (const value of row) {
        if (value === null) hash.update("n;");
        else if (Buffer.isBuffer(value)) hash.update(`b${value.length};`).update(value);
        else {
          const text = String(value);
          hash.update(`${typeof value === "string" ? "s" : "i"}${Buffer.byteLength(text)};${text}`);
        }
      }
      hash.update("\n");
    }
    digests[table] = { rows, sha256: hash.digest("hex") };
  }
  return digests;
}

/** The migrations this code ships (db/migrations/meta/_journal.json), oldest first. */
export function shippedMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** The migrations applied to a database (Drizzle's table), as their journal times, oldest first. */
export function appliedMigrations(sqlite: Database.Database): number[] {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!exists) return [];
  return sqlite.prepare("SELECT created_at FROM __drizzle_migrations ORDER BY created_at").pluck().all() as number[];
}

export type MigrationLevel = { applied: number; shipped: number; last: string | null; unknown: number };

/** Where a database stands against this code's migrations: `unknown` counts migrations this code does not have. */
export function migrationLevel(sqlite: Database.Database): MigrationLevel {
  const shipped = shippedMigrations();
  const byTime = new Map(shipped.map((m) => [m.when, m.tag]));
  const applied = appliedMigrations(sqlite);
  const known = applied.filter((when) => byTime.has(when));
  return {
    applied: applied.length,
    shipped: shipped.length,
    last: known.length > 0 ? byTime.get(known[known.length - 1]!)! : null,
    unknown: applied.length - known.length,
  };
}
