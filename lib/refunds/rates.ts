import { and, eq, gte, lte } from "drizzle-orm";
import { refundDeadlines, refundRates } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { Product } from "./products";
import { missingRateMessage, type DeadlineRow, type RateRow } from "./rate-table";

export type RateLookup =
  | { ok: true; rateMilliEuros: number; source: string; kind: "official" | "calculated" }
  | { ok: false; message: string };

/** The sourced unit rate for a product delivered on that date (AAAA-MM-JJ), or why there is none. */
export function rateFor(product: Product, deliveryDate: string): RateLookup {
  const row = getDb()
    .select({ rate: refundRates.rateMilliEuros, source: refundRates.source, kind: refundRates.kind })
    .from(refundRates)
    .where(and(eq(refundRates.product, product), lte(refundRates.validFrom, deliveryDate), gte(refundRates.validTo, deliveryDate)))
    .get();
  if (row) return { ok: true, rateMilliEuros: row.rate, source: row.source, kind: row.kind };
  return { ok: false, message: missingRateMessage(product, deliveryDate) };
}

/** The whole table (a few dozen rows), for the form that shows the rate and amount as the user types. */
export function rateTable(): RateRow[] {
  return getDb()
    .select({
      product: refundRates.product,
      validFrom: refundRates.validFrom,
      validTo: refundRates.validTo,
      rateMilliEuros: refundRates.rateMilliEuros,
      kind: refundRates.kind,
      source: refundRates.source,
      sourceUrl: refundRates.sourceUrl,
    })
    .from(refundRates)
    .orderBy(refundRates.product, refundRates.validFrom)
    .all();
}

export function deadlineTable(): DeadlineRow[] {
  return getDb()
    .select({ product: refundDeadlines.product, validFrom: refundDeadlines.validFrom, validTo: refundDeadlines.validTo, fileBy: refundDeadlines.fileBy, source: refundDeadlines.source })
    .from(refundDeadlines)
    .orderBy(refundDeadlines.product, refundDeadlines.validFrom)
    .all();
}
