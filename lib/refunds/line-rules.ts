import { lineAmountCents, parseVolume } from "./amounts";
import { PRODUCTS, PRODUCT_VALUES, type Product } from "./products";
import { findRate, missingRateMessage, type RateRow } from "./rate-table";

/**
 * The rules of one refund line, pure: the form, the CSV import and the browser's live preview all
 * use them, so a line is judged the same way everywhere.
 */
export type RawLine = { invoiceNumber: string; deliveryDate: string; product: string; volume: string };
export type LineField = keyof RawLine;
export type CheckedLine = {
  invoiceNumber: string;
  deliveryDate: string;
  product: Product;
  volumeMilli: number;
  rateMilliEuros: number;
  amountCents: number;
};

export const INVOICE_NUMBER_MAX = 50;

/** Codes used in the CSV file; the product's label is accepted too. */
export const PRODUCT_CODES: Record<Product, string> = {
  gnr: "GNR",
  heavyFuelOil: "FIOUL_LOURD",
  lpg: "GPL",
  naturalGasHeating: "GAZ_NATUREL_COMBUSTIBLE",
  naturalGasFuel: "GAZ_NATUREL_CARBURANT",
};

const normalize = (value: string) =>
  value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");

export function parseProduct(raw: string): Product | null {
  const wanted = normalize(raw);
  if (wanted === "") return null;
  return PRODUCT_VALUES.find((p) => p === raw || PRODUCT_CODES[p] === wanted || normalize(PRODUCTS[p].label) === wanted) ?? null;
}

/** « 15/03/2024 » or « 2024-03-15 » → « 2024-03-15 », if that day exists. */
export function parseDeliveryDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

export function checkLine(raw: RawLine, year: number, rates: readonly RateRow[]): { ok: true; line: CheckedLine } | { ok: false; errors: Partial<Record<LineField, string>> } {
  const errors: Partial<Record<LineField, string>> = {};
  const invoiceNumber = raw.invoiceNumber.trim();
  if (invoiceNumber === "") errors.invoiceNumber = "Saisissez le numéro de la facture.";
  else if (invoiceNumber.length > INVOICE_NUMBER_MAX) errors.invoiceNumber = `Le numéro de facture compte ${INVOICE_NUMBER_MAX} caractères au plus.`;

  const deliveryDate = parseDeliveryDate(raw.deliveryDate);
  if (raw.deliveryDate.trim() === "") errors.deliveryDate = "Saisissez la date de livraison.";
  else if (!deliveryDate) errors.deliveryDate = "Saisissez une date de livraison valide, au format JJ/MM/AAAA.";
  else if (!deliveryDate.startsWith(`${year}-`)) errors.deliveryDate = `La date de livraison doit être en ${year}, l'année de la demande.`;

  const product = parseProduct(raw.product);
  if (!product) errors.product = raw.product.trim() === "" ? "Choisissez le produit." : `Produit inconnu : utilisez ${Object.values(PRODUCT_CODES).join(", ")}.`;

  const volumeMilli = parseVolume(raw.volume);
  if (raw.volume.trim() === "") errors.volume = "Saisissez le volume.";
  else if (volumeMilli === null) errors.volume = "Le volume est un nombre positif, avec au plus 3 décimales (ex. 1 250,5).";

  if (Object.keys(errors).length > 0 || !product || !deliveryDate || volumeMilli === null) return { ok: false, errors };
  const rate = findRate(rates, product, deliveryDate);
  if (!rate) return { ok: false, errors: { product: missingRateMessage(product, deliveryDate) } };
  return {
    ok: true,
    line: { invoiceNumber, deliveryDate, product, volumeMilli, rateMilliEuros: rate.rateMilliEuros, amountCents: lineAmountCents(volumeMilli, rate.rateMilliEuros) },
  };
}
