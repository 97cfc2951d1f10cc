import { refundDeadlines, refundRates } from "@/db/schema";
import { getDb } from "@/lib/db";
import type { DeadlineRow, RateRow } from "./rate-table";

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
