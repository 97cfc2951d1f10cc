// The shipped rate of a product delivered that day, found as a line is priced (lib/refunds/line-rules.ts
// `findRate` over `rateTable()`): the tests' look-up, not a second one in lib/.
import type { Product } from "@/lib/refunds/products";
import { findRate, missingRateMessage } from "@/lib/refunds/rate-table";
import { rateTable } from "@/lib/refunds/rates";

export function rateFor(product: Product, deliveryDate: string) {
  const row = findRate(rateTable(), product, deliveryDate);
  return row
    ? { ok: true as const, rateMilliEuros: row.rateMilliEuros, source: row.source, kind: row.kind }
    : { ok: false as const, message: missingRateMessage(product, deliveryDate) };
}
