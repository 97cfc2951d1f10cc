import { and, eq, gte, isNull, or, type Placeholder, type SQL } from "drizzle-orm";
import { mandates } from "@/db/schema";

/**
 * « A mandate in force » (ADR 0018), defined once: accepted (`active`) and its last day, if any, not
 * passed (`today` is the Paris day, YYYY-MM-DD; the last day is included). Three spellings of the
 * same rule, kept equal by tests/domain/mandate-in-force.test.ts: a Drizzle condition (rights,
 * mandate queries), a raw SQL fragment for the hand-written portfolio query, and a TypeScript
 * predicate for a row already read (the « Expiré » label).
 */
export function mandateInForce(today: SQL | SQL.Aliased | Placeholder | string): SQL {
  return and(eq(mandates.status, "active"), or(isNull(mandates.endDate), gte(mandates.endDate, today)))!;
}

/** The same rule for a hand-written query: `alias` names the mandates table, `today` a placeholder. */
export const mandateInForceSql = (alias: string, today = "@today") =>
  `(${alias}.status = 'active' AND (${alias}.end_date IS NULL OR ${alias}.end_date >= ${today}))`;

export function isInForce(mandate: { status: string; endDate: string | null }, today: string): boolean {
  return mandate.status === "active" && (mandate.endDate === null || mandate.endDate >= today);
}
