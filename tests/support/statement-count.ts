// Counts the SQL statements run through better-sqlite3 while a function runs: a page's reads are
// measured here rather than timed on a shared machine.
import { getDb } from "@/lib/db";

const METHODS = ["get", "all", "run", "iterate"] as const;

export function countStatements<T>(fn: () => T): { result: T; count: number; sql: string[] } {
  const client = getDb().$client;
  const proto = Object.getPrototypeOf(client.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
  const originals = METHODS.map((name) => [name, proto[name]!] as const);
  const sql: string[] = [];
  for (const [name, original] of originals) {
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      sql.push(this.source);
      return original.apply(this, args);
    };
  }
  try {
    const result = fn();
    return { result, count: sql.length, sql };
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
}
