/**
 * Page and number parameters of a URL, read strictly (issue 22, point 5): « page=Infinity » or
 * « page=1e308 » reached SQLite's OFFSET as a float and gave a 500. Only digits make a number
 * here: a positive integer within bounds, or nothing (then the caller's default, e.g. page 1).
 */
const DIGITS = /^[1-9][0-9]{0,14}$/;

/** « 12 » → 12; « 1e3 », « Infinity », « 1.5 », « -1 », « 0 », « 12abc », a repeated parameter → null. */
export function positiveInteger(raw: unknown, max = 999_999_999_999_999): number | null {
  if (typeof raw !== "string" || !DIGITS.test(raw)) return null;
  const value = Number(raw);
  return value <= max ? value : null;
}

/** The most pages a list is ever paged into: beyond, page 1. */
export const MAX_PAGE = 100_000;

/** A page number: a positive integer up to MAX_PAGE, else 1. */
export const pageNumber = (raw: unknown) => positiveInteger(raw, MAX_PAGE) ?? 1;
