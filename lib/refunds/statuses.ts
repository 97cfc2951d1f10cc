import type { REFUND_STATUSES } from "@/db/schema";

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

/**
 * A request's status as the farm's side reads it everywhere (the request, its timeline, « Accueil »,
 * the portfolio): the label, or « Payée le … » once the payer gave the execution date.
 */
export const statusWords = (status: RefundStatus, paidOn: string | null | undefined) => (status === "paid" && paidOn ? paidWords(paidOn) : STATUS_LABELS[status]);

/** The user writes in these statuses; every other one is read-only for them. */
export const EDITABLE_STATUSES: readonly RefundStatus[] = ["draft", "incomplete"];

export const isEditable = (status: RefundStatus) => EDITABLE_STATUSES.includes(status);

/** What the administration may do from each status (the user's own step is « Transmettre »). */
export const ADMINISTRATION_TRANSITIONS: Record<RefundStatus, readonly RefundStatus[]> = {
  draft: [],
  submitted: ["processing", "incomplete", "rejected"],
  processing: ["incomplete", "payment", "rejected"],
  incomplete: ["rejected"],
  accepted: [],
  payment: [],
  paid: [],
  rejected: [],
};

/** A motif is owed to the user when something is asked of them or refused. */
export const MOTIF_REQUIRED: readonly RefundStatus[] = ["incomplete", "rejected"];

/** Names accepted by the command-line tool: the codes, and the French words without accents. */
export const STATUS_ALIASES: Record<string, RefundStatus> = {
  "en-instruction": "processing",
  "a-completer": "incomplete",
  "mise-en-paiement": "payment",
  rejetee: "rejected",
  processing: "processing",
  incomplete: "incomplete",
  payment: "payment",
  rejected: "rejected",
};
