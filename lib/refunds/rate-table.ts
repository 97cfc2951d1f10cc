import { formatIsoShortDay } from "@/lib/dates";
import { PRODUCTS, type Product } from "./products";

/** One row of the rates table. Pure, so that the browser computes the same amount as the server. */
export type RateRow = { product: Product; validFrom: string; validTo: string; rateMilliEuros: number; kind: "official" | "calculated"; source: string; sourceUrl: string };

/** One row of the filing deadlines: deliveries of that product in that period are filed by `fileBy`. */
export type DeadlineRow = { product: Product; validFrom: string; validTo: string; fileBy: string; source: string };

export const RATE_KIND_LABELS = { official: "officiel", calculated: "calculé" } as const;

export function findRate(rows: readonly RateRow[], product: Product, deliveryDate: string): RateRow | undefined {
  return rows.find((row) => row.product === product && row.validFrom <= deliveryDate && deliveryDate <= row.validTo);
}

export function findDeadline(rows: readonly DeadlineRow[], product: Product, deliveryDate: string): DeadlineRow | undefined {
  return rows.find((row) => row.product === product && row.validFrom <= deliveryDate && deliveryDate <= row.validTo);
}

export function missingRateMessage(product: Product, deliveryDate: string): string {
  return `Aucun taux sourcé n'est connu du portail pour « ${PRODUCTS[product].label} » livré le ${formatIsoShortDay(deliveryDate)} : cette ligne ne peut pas être calculée.`;
}
