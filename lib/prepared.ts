import "server-only";
import type { Db } from "@/db/client";
import { getDb } from "./db";

/**
 * A statement built and prepared once per database connection, then reused with placeholders:
 * the queries that run on every signed-in request (session, structures, rights) skip Drizzle's
 * SQL building and SQLite's parsing, which the CPU profile showed as a tenth of a page's cost.
 * Placeholder values go to the driver as they are (dates as epoch milliseconds).
 */
export function prepared<T>(build: (db: Db) => T): () => T {
  const byConnection = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let statement = byConnection.get(db);
    if (!statement) {
      statement = build(db);
      byConnection.set(db, statement);
    }
    return statement;
  };
}
