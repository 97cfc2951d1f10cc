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
