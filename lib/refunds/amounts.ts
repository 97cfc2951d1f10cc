/**
 * Money without floating point: volumes in thousandths of a unit, rates in thousandths of a euro,
 * amounts in cents. Each line is rounded to the cent, half away from zero (« arrondi commercial »);
 * the total is the sum of the rounded lines, so the receipt always adds up.
 */

/** « 1 234,5 » or « 1234.500 » → 1234500 (thousandths); null when it is not a positive number with at most 3 decimals. */
export function parseVolume(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0]/g, "").replace(",", ".");
  const match = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * 1000 + Number((match[2] ?? "").padEnd(3, "0"));
  return value > 0 ? value : null;
}

/**
 * Bounds that keep every figure exact: 1,000,000 units a line (10 million litres of GNR, far beyond
 * a farm's year) at a rate under 100 € is under 10^10 cents; 500 lines stay under 2^53.
 */
export const MAX_VOLUME_UNITS = 1_000_000;
export const MAX_VOLUME_MILLI = MAX_VOLUME_UNITS * 1000;
export const MAX_LINES_PER_REQUEST = 500;
export const MAX_IMPORTS_PER_REQUEST = 10;
/** The advance of 2024 was half of a refund: bounded like a request's total. */
export const MAX_ADVANCE_CENTS = 100_000_000_00;

/** Amount of a line in cents: volume (thousandths) × rate (thousandths of a euro). */
export function lineAmountCents(volumeMilli: number, rateMilliEuros: number): number {
  // volume × rate is in millionths of a euro; 10,000 of them make a cent.
  const product = BigInt(volumeMilli) * BigInt(rateMilliEuros);
  const cents = (product + 5_000n) / 10_000n;
  return Number(cents);
}

export function totalCents(lines: { amountCents: number }[]): number {
  return lines.reduce((total, line) => total + line.amountCents, 0);
}

const EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** 123456 → « 1 234,56 € » */
export function formatEuros(cents: number): string {
  return EUROS.format(cents / 100);
}

/** 13765 → « 13,765 » */
export function formatRate(rateMilliEuros: number): string {
  return new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(rateMilliEuros / 1000);
}

const VOLUME = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 3 });

/** 1250500 (thousandths) → « 1 250,5 » */
export function formatVolume(volumeMilli: number): string {
  return VOLUME.format(volumeMilli / 1000);
}

/** With its unit, never ambiguous: « 42 hl », « 1 250,5 MWh », but « 42 × 100 kg » (not « 42 100 kg »). */
export function formatQuantity(volumeMilli: number, unit: string): string {
  return /^\d/.test(unit) ? `${formatVolume(volumeMilli)} × ${unit}` : `${formatVolume(volumeMilli)} ${unit}`;
}

/** « 12 345,67 » or « 0 » → cents; null when not a non-negative amount with at most 2 decimals. */
export function parseEuros(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0€]/g, "").replace(",", ".");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 125050 → « 1250,50 », the way the user would type it back. */
export const formatEurosInput = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
