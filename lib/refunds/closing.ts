import { parisToday } from "@/lib/dates";
import type { ClosingYear } from "./closing-sentence";
import { yearChoices } from "./years";

export { closingSentence, type ClosingYear } from "./closing-sentence";

/**
 * « Last days » (issue 21, point 7): an open delivery year whose last filing day comes within
 * CLOSING_WINDOW_DAYS is announced on « Accueil », the TIC space and the portfolio, which can
 * filter those farms. From the deadlines data, like everything about years.
 */
export const CLOSING_WINDOW_DAYS = 60;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function closingYears(now = new Date(), choices = yearChoices(now)): ClosingYear[] {
  const today = parisToday(now);
  return [...choices.offered, ...choices.withoutRate]
    .map(({ year, fileBy }) => ({ year, fileBy, daysLeft: daysBetween(today, fileBy) }))
    .filter((c) => c.daysLeft >= 0 && c.daysLeft <= CLOSING_WINDOW_DAYS)
    .sort((a, b) => a.year - b.year);
}

let cache: { day: string; at: number; years: ClosingYear[] } | undefined;

/** The same, remembered for a minute within a day: « Accueil » and the portfolio ask on every view. */
export function closingYearsNow(now = new Date()): ClosingYear[] {
  const day = parisToday(now);
  if (!cache || cache.day !== day || now.getTime() - cache.at > 60_000) cache = { day, at: now.getTime(), years: closingYears(now) };
  return cache.years;
}
