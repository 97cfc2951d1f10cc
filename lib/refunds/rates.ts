import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { refundDeadlines, refundRates } from "@/db/schema";
import { getDb } from "@/lib/db";
import { parseProduct } from "./line-rules";
import type { DeadlineRow, PlausibilityRow, RateRow } from "./rate-table";

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
    .select({
      product: refundDeadlines.product,
      validFrom: refundDeadlines.validFrom,
      validTo: refundDeadlines.validTo,
      fileBy: refundDeadlines.fileBy,
      source: refundDeadlines.source,
    })
    .from(refundDeadlines)
    .orderBy(refundDeadlines.product, refundDeadlines.validFrom)
    .all();
}

export const PLAUSIBILITY_FILE = path.join(process.cwd(), "db", "rates", "seuils-vraisemblance.csv");
let thresholds: PlausibilityRow[] | null = null;

/** The plausibility thresholds, read once from the shipped file (a malformed row stops with its number). */
export function plausibilityTable(): PlausibilityRow[] {
  if (thresholds) return thresholds;
  const [header, ...rows] = parse(readFileSync(PLAUSIBILITY_FILE, "utf8").replace(/^\uFEFF/, ""), {
    delimiter: ";",
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
  if (header?.join(";") !== "produit;volume_max;montant_max;explication") throw new Error(`${PLAUSIBILITY_FILE} : en-tête inattendu`);
  thresholds = rows.map((cells, i) => {
    const product = parseProduct(cells[0] ?? "");
    const volume = Number(cells[1]);
    const amount = Number(cells[2]);
    if (!product || !(volume > 0) || !(amount > 0) || !cells[3])
      throw new Error(`${PLAUSIBILITY_FILE}, ligne ${i + 2} : produit, seuils positifs et explication attendus`);
    return { product, volumeMaxMilli: Math.round(volume * 1000), amountMaxCents: Math.round(amount * 100), explanation: cells[3] };
  });
  return thresholds;
}
