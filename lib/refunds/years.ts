import { parisToday } from "@/lib/dates";

/**
 * A request for delivery year N may be filed until 31 December of N+3, and not for the current
 * year (its deliveries are not over). Oldest first.
 */
export function openYears(now = new Date()): number[] {
  const current = Number(parisToday(now).slice(0, 4));
  return [current - 3, current - 2, current - 1];
}

export function yearError(year: number, now = new Date()): string | null {
  const years = openYears(now);
  if (years.includes(year)) return null;
  const current = years[2]! + 1;
  if (year >= current) return `Les livraisons de ${year} ne sont pas terminées : la demande pour ${year} pourra être déposée à partir du 1er janvier ${year + 1}.`;
  return `Le délai pour les livraisons de ${year} est dépassé (demande possible jusqu'au 31 décembre ${year + 3}).`;
}
