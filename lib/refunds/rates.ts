import { and, eq, gte, lte } from "drizzle-orm";
import { refundRates } from "@/db/schema";
import { getDb } from "@/lib/db";
import { PRODUCTS, type Product } from "./products";

export type RateLookup =
  | { ok: true; rateMilliEuros: number; source: string }
  | { ok: false; message: string };

/** The sourced unit rate for a product delivered on that date (AAAA-MM-JJ), or why there is none. */
export function rateFor(product: Product, deliveryDate: string): RateLookup {
  const row = getDb()
    .select({ rate: refundRates.rateMilliEuros, source: refundRates.source })
    .from(refundRates)
    .where(and(eq(refundRates.product, product), lte(refundRates.validFrom, deliveryDate), gte(refundRates.validTo, deliveryDate)))
    .get();
  if (row) return { ok: true, rateMilliEuros: row.rate, source: row.source };
  return {
    ok: false,
    message: `Aucun taux sourcé n'est connu du portail pour « ${PRODUCTS[product].label} » livré le ${deliveryDate.split("-").reverse().join("/")} : cette ligne ne peut pas être calculée.`,
  };
}
