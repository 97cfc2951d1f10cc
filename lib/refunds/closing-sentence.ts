import { formatIsoDay } from "@/lib/dates";

/** An open delivery year whose last filing day is near (lib/refunds/closing.ts computes them from the deadlines data). */
export type ClosingYear = { year: number; fileBy: string; daysLeft: number };

/**
 * « Livraisons 2023 : dernier jour le 31 décembre 2026 (dans 24 jours). » Kept apart from the
 * computation, which reads the deadlines from the database, so that the notice (app/_components)
 * stays inside the server fence.
 */
export function closingSentence(closing: ClosingYear): string {
  const when = closing.daysLeft === 0 ? "aujourd'hui" : closing.daysLeft === 1 ? "demain" : `dans ${closing.daysLeft} jours`;
  return `Livraisons ${closing.year} : dernier jour le ${formatIsoDay(closing.fileBy)} (${when}).`;
}
