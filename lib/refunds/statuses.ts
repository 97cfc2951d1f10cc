import type { REFUND_STATUSES } from "@/db/schema";
import { formatEuros } from "./amounts";

export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** The words the user reads, in the order a request usually goes through them. */
export const STATUS_LABELS: Record<RefundStatus, string> = {
  draft: "Brouillon",
  submitted: "Mise à disposition",
  processing: "En instruction",
  incomplete: "À compléter",
  accepted: "Accordée",
  payment: "Mise en paiement",
  paid: "Payée",
  rejected: "Rejetée",
};

export const STATUS_EXPLANATIONS: Record<RefundStatus, string> = {
  draft: "La demande est en cours de saisie : elle n'est pas encore transmise.",
  submitted: "« Mise à disposition » : la demande est transmise à l'administration, qui ne l'a pas encore prise en charge.",
  processing: "L'administration examine la demande.",
  incomplete: "L'administration attend un complément : modifiez la demande puis transmettez-la de nouveau.",
  accepted: "Le remboursement est accordé : il sera mis en paiement prochainement.",
  payment: "Le remboursement est accordé et mis en paiement.",
  paid: "Le remboursement est payé sur le compte bancaire indiqué.",
  rejected: "La demande est rejetée : le motif est indiqué.",
};

/** « Payée le 12/12/2026 », from the execution date of the payment order (AAAA-MM-JJ). */
export const paidWords = (executedOn: string) => `${STATUS_LABELS.paid} le ${executedOn.split("-").reverse().join("/")}`;

/** The user writes in these statuses; every other one is read-only for them. */
export const EDITABLE_STATUSES: readonly RefundStatus[] = ["draft", "incomplete"];

export const isEditable = (status: RefundStatus) => EDITABLE_STATUSES.includes(status);

/**
 * A request's status as the farm's side reads it everywhere (the request, « Accueil », the TIC
 * space, the portfolio): « Accordée : 1 234,56 € » once an amount is accepted, « Payée le
 * 12/12/2026 : 1 234,56 € » once the payer gave the execution date (issue 20).
 */
export function statusWords(request: { status: RefundStatus; acceptedCents?: number | null; paidOn?: string | null }): string {
  const label = request.status === "paid" && request.paidOn ? paidWords(request.paidOn) : STATUS_LABELS[request.status];
  const decided = request.status === "accepted" || request.status === "payment" || request.status === "paid";
  return decided && request.acceptedCents != null ? `${label} : ${formatEuros(request.acceptedCents)}` : label;
}
