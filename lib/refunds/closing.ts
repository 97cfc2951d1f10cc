import { formatIsoDay, parisToday } from "@/lib/dates";
import { yearChoices } from "./years";

/**
 * « Last days » (issue 21, point 7): an open delivery year whose last filing day comes within
 * CLOSING_WINDOW_DAYS is announced on « Accueil », the TIC space and the portfolio, which can
 * filter those farms. From the deadlines data, like everything about years.
 */
export const CLOSING_WINDOW_DAYS = 60;

export type ClosingYear = { year: number; fileBy: string; daysLeft: number };

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function closingYears(now = new Date(), choices = yearChoices(now)): ClosingYear[] {
  const today = parisToday(now);
  return [...choices.offered, ...choices.withoutRate]
    .map(({ year, fileBy }) => ({ year, fileBy, daysLeft: daysBetween(today, fileBy) }))
    .filter((c) => c.daysLeft >= 0 && c.daysLeft <= CLOSING_WINDOW_DAYS)
    .sort((a, b) => a.year - b.year);
}

/** « Livraisons 2023 : dernier jour le 31 décembre 2026 (dans 24 jours). » */
export function closingSentence(closing: ClosingYear): string {
  const when = closing.daysLeft === 0 ? "aujourd'hui" : closing.daysLeft === 1 ? "demain" : `dans ${closing.daysLeft} jours`;
  return `Livraisons ${closing.year} : dernier jour le ${formatIsoDay(closing.fileBy)} (${when}).`;
}

let cache: { day: string; at: number; years: ClosingYear[] } | undefined;

/** The same, remembered for a minute within a day: « Accueil » and the portfolio ask on every view. */
export function closingYearsNow(now = new Date()): ClosingYear[] {
  const day = parisToday(now);
  if (!cache || cache.day !== day || now.getTime() - cache.at > 60_000) cache = { day, at: now.getTime(), years: closingYears(now) };
  return cache.years;
}
