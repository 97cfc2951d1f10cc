import { statement } from "@/lib/portfolio/queries";
import type { Product } from "@/lib/refunds/products";

/**
 * The checks computed for the instructor (issue 20), each as one SQL condition on a request aliased
 * `r`: the list filters « signalées » with them in SQL, and the request file shows which fired and
 * where, from the same conditions (ADR 0026). Lines carry no supplier: a duplicate is the same
 * invoice number on another transmitted request, whatever the farm.
 */
export const CHECKS = ["duplicateInvoice", "volumeJump", "bankDetails", "missingInvoice", "rateKind"] as const;
export type Check = (typeof CHECKS)[number];

export const CHECK_LABELS: Record<Check, string> = {
  duplicateInvoice: "Même n° de facture sur une autre demande",
  volumeJump: "Volume plus de trois fois celui de l'année précédente",
  bankDetails: "Références bancaires récentes (moins de 30 jours avant la transmission) ou IBAN d'une autre structure",
  missingInvoice: "Ligne sans facture jointe",
  rateKind: "Taux calculé ou provisoire",
};

const DAY_MS = 86_400_000;

export const CHECK_SQL: Record<Check, (r: string) => string> = {
  duplicateInvoice: (r) =>
    `EXISTS (SELECT 1 FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number AND o.request_id <> l.request_id JOIN refund_requests q ON q.id = o.request_id AND q.status <> 'draft' WHERE l.request_id = ${r}.id)`,
  // The previous year's request first (one indexed read), then the request's lines by product.
  volumeJump: (r) =>
    `EXISTS (SELECT 1 FROM refund_requests p WHERE p.structure_id = ${r}.structure_id AND p.year = ${r}.year - 1 AND p.status <> 'draft' AND EXISTS (SELECT 1 FROM refund_lines cl WHERE cl.request_id = ${r}.id GROUP BY cl.product HAVING sum(cl.volume_milli) > 3 * (SELECT sum(pl.volume_milli) FROM refund_lines pl WHERE pl.request_id = p.id AND pl.product = cl.product)))`,
  bankDetails: (r) =>
    `EXISTS (SELECT 1 FROM bank_accounts b WHERE b.id = ${r}.bank_account_id AND (b.created_at > ${r}.transmitted_at - ${30 * DAY_MS} OR EXISTS (SELECT 1 FROM bank_accounts ob WHERE ob.iban = b.iban AND ob.structure_id <> b.structure_id)))`,
  missingInvoice: (r) => `EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = ${r}.id AND l.invoice_file_id IS NULL)`,
  rateKind: (r) => `EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = ${r}.id AND l.rate_kind IN ('calculated', 'provisional'))`,
};

/**
 * The checks that fire, as a bitmask (bit i: CHECKS[i]). Stored in refund_requests.checks_fired and
 * kept by the triggers of migration 0016, whose text is this expression for `r`
 * (tests/domain/stored-checks.test.ts holds them equal): the list filters « signalées » on the stored
 * mask, read from an index; the request file computes the checks live.
 */
export const CHECKS_FIRED_SQL = (r: string) => `(${CHECKS.map((check, i) => `((${CHECK_SQL[check](r)}) << ${i})`).join(" | ")})`;

export type CheckReport = {
  fired: Record<Check, boolean>;
  /** The lines whose invoice number is on another request, with those requests' references. */
  duplicates: { lineId: number; invoiceNumber: string; otherReference: string | null }[];
  volumeJumps: { product: Product; volumeMilli: number; previousMilli: number }[];
  bank: { recent: boolean; otherStructures: number } | null;
  /** Lines concerned by « sans facture » and « taux calculé ou provisoire ». */
  missingInvoiceLineIds: number[];
  rateKindLineIds: number[];
};

/** What fired on one request, and where: the same conditions as the list, then the details for the file. */
export function checksOf(requestId: number): CheckReport {
  // Prepared once per connection and text (the same cache as the list's statements).
  const row = statement(
    `SELECT ${CHECKS.map((check) => `${CHECK_SQL[check]("r")} AS ${check}`).join(", ")} FROM refund_requests r WHERE r.id = ?`,
  ).get(requestId) as Record<Check, number> | undefined;
  const fired = Object.fromEntries(CHECKS.map((check) => [check, row?.[check] === 1])) as Record<Check, boolean>;
  const duplicates = fired.duplicateInvoice
    ? (statement(
        `SELECT l.id AS lineId, l.invoice_number AS invoiceNumber, q.reference AS otherReference FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number AND o.request_id <> l.request_id JOIN refund_requests q ON q.id = o.request_id AND q.status <> 'draft' WHERE l.request_id = ? GROUP BY l.id, q.id ORDER BY l.id`,
      ).all(requestId) as CheckReport["duplicates"])
    : [];
  const volumeJumps = fired.volumeJump
    ? (statement(
        `SELECT pl.product AS product, (SELECT sum(cl.volume_milli) FROM refund_lines cl WHERE cl.request_id = r.id AND cl.product = pl.product) AS volumeMilli, sum(pl.volume_milli) AS previousMilli
           FROM refund_requests r JOIN refund_requests p ON p.structure_id = r.structure_id AND p.year = r.year - 1 AND p.status <> 'draft' JOIN refund_lines pl ON pl.request_id = p.id
           WHERE r.id = ? GROUP BY pl.product HAVING volumeMilli > 3 * previousMilli`,
      ).all(requestId) as CheckReport["volumeJumps"])
    : [];
  const bankRow = fired.bankDetails
    ? (statement(
        `SELECT b.created_at > r.transmitted_at - ${30 * DAY_MS} AS recent, (SELECT count(DISTINCT ob.structure_id) FROM bank_accounts ob WHERE ob.iban = b.iban AND ob.structure_id <> b.structure_id) AS otherStructures
           FROM refund_requests r JOIN bank_accounts b ON b.id = r.bank_account_id WHERE r.id = ?`,
      ).get(requestId) as { recent: number; otherStructures: number } | undefined)
    : undefined;
  const lineIds = (condition: string) =>
    (statement(`SELECT id FROM refund_lines WHERE request_id = ? AND ${condition} ORDER BY id`).all(requestId) as { id: number }[]).map(
      (l) => l.id,
    );
  return {
    fired,
    duplicates,
    volumeJumps,
    bank: bankRow ? { recent: bankRow.recent === 1, otherStructures: bankRow.otherStructures } : null,
    missingInvoiceLineIds: fired.missingInvoice ? lineIds("invoice_file_id IS NULL") : [],
    rateKindLineIds: fired.rateKind ? lineIds("rate_kind IN ('calculated', 'provisional')") : [],
  };
}
