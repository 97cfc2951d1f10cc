import { formatIsoDay, parisToday } from "@/lib/dates";
import { isInForce } from "./in-force";

/** How a mandate's dates and states read, on pages and in mails alike (its rights: lib/rights-wording.ts). */

export function untilText(endDate: string | null): string {
  return endDate === null ? "sans date de fin" : `jusqu'au ${formatIsoDay(endDate)} inclus`;
}

type MandateState = { status: "pending" | "active" | "refused" | "cancelled" | "ended"; endDate: string | null };

/** « Expiré » is not stored: a mandate in force whose end date has passed simply stops applying. */
export function mandateStatus(
  mandate: MandateState,
  now = new Date(),
): "pending" | "active" | "expired" | "refused" | "cancelled" | "ended" {
  if (mandate.status === "active" && !isInForce(mandate, parisToday(now))) return "expired";
  return mandate.status;
}

export const MANDATE_STATUS_LABELS = {
  pending: "En attente de décision",
  active: "En vigueur",
  expired: "Expiré",
  refused: "Refusé",
  cancelled: "Retiré",
  ended: "Terminé",
} as const;
