import { formatIsoShortDay, parisToday } from "@/lib/dates";
import { PRODUCTS, PRODUCT_VALUES, type Product } from "./products";
import type { DeadlineRow, RateRow } from "./rate-table";
import { deadlineTable, rateTable } from "./rates";

/**
 * Which delivery years a request can be created for, from the data: a year is open while the
 * filing deadline of at least one product (db/rates/delais-depot.csv) is not past, and never the
 * current year (its deliveries are not over). It is offered only when at least one product has a
 * sourced rate in it.
 */
export type YearChoice = { year: number; fileBy: string; productsWithRate: Product[] };

const overlapsYear = (row: { validFrom: string; validTo: string }, year: number) =>
  row.validFrom <= `${year}-12-31` && row.validTo >= `${year}-01-01`;

/** The last filing day of a year, any product: null when none is known. */
function lastFilingDay(deadlines: readonly DeadlineRow[], year: number): string | null {
  const days = deadlines.filter((row) => overlapsYear(row, year)).map((row) => row.fileBy);
  return days.length > 0 ? days.sort().at(-1)! : null;
}

export function yearChoices(
  now = new Date(),
  deadlines: readonly DeadlineRow[] = deadlineTable(),
  rates: readonly RateRow[] = rateTable(),
) {
  const today = parisToday(now);
  const current = Number(today.slice(0, 4));
  const open: YearChoice[] = [];
  const years = [...new Set(deadlines.flatMap((row) => [Number(row.validFrom.slice(0, 4)), Number(row.validTo.slice(0, 4))]))].sort();
  for (const year of years) {
    const fileBy = lastFilingDay(deadlines, year);
    if (year >= current || !fileBy || fileBy < today) continue;
    const productsWithRate = PRODUCT_VALUES.filter((product) => rates.some((rate) => rate.product === product && overlapsYear(rate, year)));
    open.push({ year, fileBy, productsWithRate });
  }
  const offered = open.filter((choice) => choice.productsWithRate.length > 0);
  return {
    offered,
    withoutRate: open.filter((choice) => choice.productsWithRate.length === 0),
    defaultYear: offered.at(-1)?.year ?? null,
    current,
  };
}

/** The open years, oldest first (with or without rates). */
export function openYears(now = new Date(), deadlines?: readonly DeadlineRow[]): number[] {
  const { offered, withoutRate } = yearChoices(now, deadlines);
  return [...offered, ...withoutRate].map((choice) => choice.year).sort();
}

/**
 * The rates a farmer may still need: those of deliveries in a year that can still be filed (or
 * later). With `all`, every rate the portal knows, closed years included.
 */
export function ratesToShow(all: boolean, now = new Date(), rates: readonly RateRow[] = rateTable()): { rates: RateRow[]; hidden: number } {
  const oldest = openYears(now)[0] ?? Number(parisToday(now).slice(0, 4));
  const shown = all ? [...rates] : rates.filter((rate) => Number(rate.validTo.slice(0, 4)) >= oldest);
  return { rates: shown, hidden: rates.length - shown.length };
}

export function yearError(year: number, now = new Date()): string | null {
  const { offered, withoutRate, current } = yearChoices(now);
  if (offered.some((choice) => choice.year === year)) return null;
  if (withoutRate.some((choice) => choice.year === year))
    return `Aucun taux sourcé n'est connu pour les livraisons de ${year} : une demande pour ${year} ne pourrait rien calculer.`;
  if (year >= current)
    return `Les livraisons de ${year} ne sont pas terminées : la demande pour ${year} pourra être déposée à partir du 1er janvier ${year + 1}.`;
  const fileBy = lastFilingDay(deadlineTable(), year);
  return fileBy
    ? `Le délai pour les livraisons de ${year} est dépassé (demande possible jusqu'au ${formatIsoShortDay(fileBy)}).`
    : `Le portail ne connaît pas de délai de dépôt pour les livraisons de ${year}.`;
}

export const productList = (products: readonly Product[]) => products.map((p) => PRODUCTS[p].label).join(", ");
