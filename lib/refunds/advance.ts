/**
 * The 2024 advance (décret n° 2024-76 of 2 February 2024): half of the refund, paid in 2024 to the
 * farms that asked, and regularised by the request for 2024 deliveries: the request declares it,
 * it is deducted from the lines, and an excess is paid back.
 */
export const ADVANCE_YEARS: readonly number[] = [2024];

export const hasAdvance = (year: number) => ADVANCE_YEARS.includes(year);

/** Lines total, advance, and what remains: to be paid when positive, to be paid back when negative. */
export function balanceOf(totalCents: number, advanceCents: number | null): { totalCents: number; advanceCents: number; balanceCents: number } {
  const advance = advanceCents ?? 0;
  return { totalCents, advanceCents: advance, balanceCents: totalCents - advance };
}
