import { SUSPENDED_PROBLEM, UNVERIFIED_PROBLEM } from "@/lib/structures/verification";
import { ADVANCE_QUESTION, ADVANCE_YEARS, hasAdvance } from "./advance";
import { EDITABLE_STATUSES, isEditable, type RefundStatus } from "./statuses";

/**
 * What a request still lacks before « Transmettre », defined once (issue 18). Two spellings of the
 * same rule, kept equal by tests/domain/missing-items.test.ts over requests in every state:
 * - `missingBeforeTransmission` for a request already read (the request page, « Transmettre » and
 *   the transmit service), with the sentence the user reads for each item;
 * - `MISSING_SQL`, fragments of the portfolio's hand-written query, one flag (0/1) per item over
 *   many rows at once.
 * A request no longer editable (transmitted) lacks nothing: there is nothing left to do on it.
 */
export const MISSING_ITEMS = ["verification", "bank", "attestation", "advance", "lines", "invoices"] as const;
export type MissingItem = (typeof MISSING_ITEMS)[number];

/** The short words of the portfolio (a column, a filter). */
export const MISSING_LABELS: Record<MissingItem, string> = {
  verification: "Structure non vérifiée",
  bank: "Références bancaires",
  attestation: "Attestation « non en difficulté »",
  advance: "Réponse sur l'avance de 2024",
  lines: "Aucune ligne",
  invoices: "Factures à joindre",
};

export type MissingInput = {
  request: { status: RefundStatus; year: number; notInDifficulty: boolean; advanceCents: number | null; advanceReceived: boolean | null };
  structure: { verificationStatus: "unverified" | "verified" | "suspended" };
  bankAccount: { removedAt: Date | null } | null;
  lines: readonly { invoiceNumber: string; invoiceFileId: number | null }[];
};

export type Missing = { item: MissingItem; message: string };

/**
 * A 2024 request says whether the advance was received (« oui » / « non »); a holder files even with
 * nothing to claim (arrêté of 21 December 2024): with « oui », no line is needed (décret 2024-76).
 */
const advanceStandsForLines = (request: MissingInput["request"]) => hasAdvance(request.year) && request.advanceReceived === true;

/** What the request lacks, in the order of the page, each with the user's sentence; empty when complete. */
export function missingBeforeTransmission({ request, structure, bankAccount, lines }: MissingInput): Missing[] {
  if (!isEditable(request.status)) return [];
  const missing: Missing[] = [];
  if (structure.verificationStatus !== "verified") {
    missing.push({ item: "verification", message: structure.verificationStatus === "suspended" ? SUSPENDED_PROBLEM : UNVERIFIED_PROBLEM });
  }
  if (!bankAccount) missing.push({ item: "bank", message: "Choisissez les références bancaires sur lesquelles verser le remboursement." });
  else if (bankAccount.removedAt)
    missing.push({ item: "bank", message: "Les références bancaires choisies ont été retirées : choisissez-en d'autres." });
  if (!request.notInDifficulty)
    missing.push({ item: "attestation", message: "Cochez l'attestation sur l'honneur : l'entreprise n'est pas « en difficulté »." });
  if (hasAdvance(request.year) && request.advanceReceived === null)
    missing.push({ item: "advance", message: `Répondez à la question « ${ADVANCE_QUESTION} ».` });
  if (lines.length === 0 && !advanceStandsForLines(request)) {
    const message = hasAdvance(request.year)
      ? "Ajoutez au moins une ligne (une par facture) ; sans ligne, seule une exploitation qui a perçu l'avance de 2024 transmet sa demande."
      : "Ajoutez au moins une ligne (une par facture).";
    missing.push({ item: "lines", message });
  }
  const numbers = lines.filter((line) => line.invoiceFileId === null).map((line) => line.invoiceNumber);
  if (numbers.length > 0) {
    const listed = `${numbers.slice(0, 10).join(", ")}${numbers.length > 10 ? "…" : ""}`;
    missing.push({ item: "invoices", message: `Joignez la copie de ${numbers.length > 1 ? "chaque facture" : "la facture"} : ${listed}.` });
  }
  return missing;
}

const sqlList = (values: readonly (string | number)[]) =>
  values.map((v) => (typeof v === "number" ? String(Math.trunc(v)) : `'${v.replaceAll("'", "''")}'`)).join(", ");

/** 1 when the request `r` (an alias, possibly NULL in an outer join) is still being written. */
export const editableSql = (r: string) => `coalesce(${r}.status IN (${sqlList(EDITABLE_STATUSES)}), 0)`;

/**
 * The same rule in SQL. Each fragment is 0 or 1. `r` is the alias of `refund_requests` (NULL when
 * the farm has no request for the year), `s` of `structures`. The line items read columns of the
 * row computed beforehand: `editable` (`editableSql`), `year`, `advance_received`, `line_count` and
 * `without_invoice` (`lineCountsSql`): the portfolio counts lines for its page only.
 * A farm with no request yet for a year already lacks its verification: creating it will not help.
 */
export const MISSING_SQL = {
  verification: (r: string, s: string) => `((${r}.id IS NULL OR ${editableSql(r)}) AND ${s}.verification_status <> 'verified')`,
  bank: (r: string) =>
    `coalesce(${editableSql(r)} AND NOT EXISTS (SELECT 1 FROM bank_accounts b WHERE b.id = ${r}.bank_account_id AND b.removed_at IS NULL), 0)`,
  attestation: (r: string) => `coalesce(${editableSql(r)} AND NOT ${r}.not_in_difficulty, 0)`,
  advance: (r: string) => `coalesce(${editableSql(r)} AND ${r}.year IN (${sqlList(ADVANCE_YEARS)}) AND ${r}.advance_received IS NULL, 0)`,
  lines: () => `(editable AND line_count = 0 AND NOT (year IN (${sqlList(ADVANCE_YEARS)}) AND coalesce(advance_received, 0) = 1))`,
  invoices: () => `(editable AND without_invoice > 0)`,
} as const;

/** The line columns `MISSING_SQL.lines` and `.invoices` read, for the request whose id is `request`. */
export const lineCountsSql = (request: string) => `
    (SELECT count(*) FROM refund_lines l WHERE l.request_id = ${request}) AS line_count,
    (SELECT count(*) FROM refund_lines l WHERE l.request_id = ${request} AND l.invoice_file_id IS NULL) AS without_invoice`;
