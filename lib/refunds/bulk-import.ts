import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { bankAccounts, refundRequests, structures } from "@/db/schema";
import { authorize } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult, UploadedFile } from "@/lib/forms";
import { digitsOnly, siretError } from "@/lib/identifiers";
import type { RequestMeta } from "@/lib/request-meta";
import { MAX_IMPORTS_PER_REQUEST, MAX_LINES_PER_REQUEST, formatEuros } from "./amounts";
import { CSV_COLUMNS, byRow, checkCsvLine, lineKey, readCsvRows, repeatedInFile, type CsvColumn, type CsvError } from "./csv-lines";
import { parseDeliveryDate, type CheckedLine, type LineContext } from "./line-rules";
import {
  IMPORT_ACTION,
  duplicateLine,
  importCount,
  insertDraft,
  insertLine,
  lineContext,
  lineCount,
  lineKeysOf,
  touchRequest,
} from "./requests";
import { STATUS_LABELS, isEditable } from "./statuses";
import { yearError } from "./years";

/**
 * The import across farms (issue 12): a user of a mandated structure (a centre de gestion) sends
 * one CSV file whose first column names the farm by its SIRET; it creates or fills the drafts of
 * many client farms at once. The per-request reader and line rules apply (csv-lines.ts), plus, per
 * row: a farm the user may edit (the one access policy), a year that can be filed (the year of the
 * delivery date), an editable request. All rows or none, in one transaction.
 */
export const BULK_CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: "siret",
    description:
      "n° de SIRET de l'exploitation (14 chiffres, espaces acceptés) : une exploitation de votre portefeuille sur laquelle vous avez le droit de modification",
  },
  ...CSV_COLUMNS,
  {
    name: "attestation",
    description:
      "facultative : « oui » si l'exploitation vous a déclaré sur l'honneur ne pas être une entreprise « en difficulté » (l'attestation de sa demande est alors cochée en votre nom) ; permis seulement sous un mandat avec transmission ; vide sinon",
  },
];

/** Files written before the column « attestation » existed are still read. */
const BULK_REQUIRED_COLUMNS = BULK_CSV_COLUMNS.length - 1;

/** The sworn statement ticked by a mandated structure: only a mandate « avec transmission » allows it (issue 21, point 11). */
export const ATTESTATION_NEEDS_TRANSMISSION =
  "L'attestation sur l'honneur ne peut être cochée en votre nom que sous un mandat avec transmission : laissez la colonne vide, l'exploitation la cochera elle-même.";

/** The same words whether the SIRET is unknown or not the user's: the import tells no one which farms exist. */
export const NOT_IN_PORTFOLIO = "Aucune exploitation de votre portefeuille avec droit de modification n'a ce SIRET.";

export type FarmImport = {
  structureId: number;
  name: string;
  siret: string;
  year: number;
  requestId: number;
  created: boolean;
  lines: number;
  amountCents: number;
};

/** A farm of the file, with what the policy granted on it (one resolution per SIRET). */
type Farm = { id: number; name: string; siret: string; mayAttest: boolean; isMember: boolean };
type Planned = { row: number; farm: Farm; year: number; line: CheckedLine; attests: boolean };

/** « oui » / « non » / empty, in any case. */
function attestationOf(cell: string): boolean | null {
  const value = cell.trim().toLowerCase();
  return value === "oui" ? true : value === "" || value === "non" ? false : null;
}

/** The farm with this SIRET if the actor may edit its refund requests (same policy as every service), else null. */
function editableFarm(actor: Actor, siret: string, now: Date): Farm | null {
  const farm = getDb()
    .select({ id: structures.id, name: structures.name, siret: structures.siret })
    .from(structures)
    .where(eq(structures.siret, siret))
    .get();
  if (!farm) return null;
  const grant = authorize(actor, "refund.edit", { structureId: farm.id }, now);
  if (!grant.ok) return null;
  // The sworn statement is ticked by whoever may transmit; a member of the farm acts in its own name, anyone else under mandate.
  return { ...farm, mayAttest: grant.rights.has("refund.transmit"), isMember: grant.structure.isMember };
}

function defaultAccountOf(tx: Db, structureId: number): number | null {
  return (
    tx
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.structureId, structureId), eq(bankAccounts.isDefault, true), isNull(bankAccounts.removedAt)))
      .orderBy(asc(bankAccounts.id))
      .get()?.id ?? null
  );
}

/** Caches per file: one look-up per SIRET and one context per year, however many rows name them. */
function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}

/** Checks every row of the file on its own: SIRET, year, line rules, repeats inside the file. */
function checkRows(
  actor: Actor,
  file: UploadedFile,
  now: Date,
): { ok: true; planned: Planned[]; errors: CsvError[] } | { ok: false; errors: CsvError[] } {
  const read = readCsvRows(file.bytes, BULK_CSV_COLUMNS, BULK_REQUIRED_COLUMNS);
  if (!read.ok) return read;
  const errors: CsvError[] = [...read.errors];
  const farmOf = memo((siret: string) => editableFarm(actor, siret, now));
  const yearProblem = memo((year: number) => yearError(year, now));
  const contextOf = memo((year: number): LineContext => lineContext(year, now));
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const row of read.rows) {
    const before = errors.length;
    const siretProblem = siretError(row.cells.siret ?? "");
    const farm = siretProblem ? null : farmOf(digitsOnly(row.cells.siret ?? ""));
    if (siretProblem) errors.push({ row: row.row, column: "siret", message: siretProblem });
    else if (!farm) errors.push({ row: row.row, column: "siret", message: NOT_IN_PORTFOLIO });
    const attests = attestationOf(row.cells.attestation ?? "");
    if (attests === null)
      errors.push({ row: row.row, column: "attestation", message: "Écrivez « oui », « non » ou laissez la case vide." });
    else if (attests && farm && !farm.mayAttest)
      errors.push({ row: row.row, column: "attestation", message: ATTESTATION_NEEDS_TRANSMISSION });
    // The request's year is the year of delivery; an unreadable date is the line rules' to explain.
    const date = parseDeliveryDate(row.cells.date_livraison ?? "");
    const year = date ? Number(date.slice(0, 4)) : 0;
    const closed = date ? yearProblem(year) : null;
    if (closed) {
      errors.push({ row: row.row, column: "date_livraison", message: closed });
      continue;
    }
    const checked = checkCsvLine(row, contextOf(year));
    if (!checked.ok) errors.push(...checked.errors);
    if (!checked.ok || !farm || errors.length > before) continue;
    const key = `${farm.id}\u0000${lineKey(checked.line)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: row.row, column: "numero_facture", message: repeatedInFile(first) });
      continue;
    }
    seen.set(key, row.row);
    planned.push({ row: row.row, farm, year, line: checked.line, attests: attests === true });
  }
  return { ok: true, planned, errors };
}

/** The rows of one farm and year: they go to the same request. */
function byRequest(planned: Planned[]): Planned[][] {
  const groups = new Map<string, Planned[]>();
  for (const item of planned) {
    const key = `${item.farm.id}:${item.year}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()];
}

/** What an existing request refuses, inside the transaction: not editable, a line already there, a cap reached. */
function requestErrors(tx: Db, rows: Planned[], existing: { id: number; status: keyof typeof STATUS_LABELS } | undefined): CsvError[] {
  const { farm, year } = rows[0]!;
  if (!existing) {
    return rows.length > MAX_LINES_PER_REQUEST
      ? [
          {
            row: rows[0]!.row,
            column: null,
            message: `Le fichier apporte ${rows.length} lignes à la demande ${year} de ${farm.name} : ${MAX_LINES_PER_REQUEST} lignes au plus par demande.`,
          },
        ]
      : [];
  }
  if (!isEditable(existing.status)) {
    const message = `La demande ${year} de ${farm.name} est transmise (statut « ${STATUS_LABELS[existing.status]} ») : elle ne peut plus être modifiée, sauf si l'administration la déclare « à compléter ».`;
    return rows.map(({ row }) => ({ row, column: "date_livraison", message }));
  }
  const errors: CsvError[] = [];
  const keys = lineKeysOf(tx, existing.id);
  for (const { row, line } of rows)
    if (keys.has(lineKey(line))) errors.push({ row, column: "numero_facture", message: duplicateLine(line) });
  const already = lineCount(tx, existing.id);
  if (already + rows.length > MAX_LINES_PER_REQUEST) {
    errors.push({
      row: rows[0]!.row,
      column: null,
      message: `La demande ${year} de ${farm.name} compte ${already} ligne${already > 1 ? "s" : ""} et le fichier lui en apporte ${rows.length} : ${MAX_LINES_PER_REQUEST} lignes au plus par demande.`,
    });
  }
  if (importCount(existing.id) >= MAX_IMPORTS_PER_REQUEST) {
    errors.push({
      row: rows[0]!.row,
      column: null,
      message: `La demande ${year} de ${farm.name} a déjà reçu ${MAX_IMPORTS_PER_REQUEST} imports, le maximum : ajoutez ses lignes à la main.`,
    });
  }
  return errors;
}

/** « Importer pour plusieurs exploitations »: every row checked; all drafts created or filled in one transaction, or nothing. */
export function importPortfolioLines(
  actor: Actor,
  input: { file: UploadedFile | null },
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ farms: FarmImport[] }> {
  if (!input.file) return { ok: false, fieldErrors: { file: "Choisissez le fichier CSV à importer." } };
  const file = input.file;
  // Rights, statuses and existing lines are read under the write lock: what was checked is what gets written.
  return inTransaction((tx): ActionResult<{ farms: FarmImport[] }> => {
    const checked = checkRows(actor, file, now);
    if (!checked.ok) return refused(checked.errors);
    const groups = byRequest(checked.planned).map((rows) => {
      const { farm, year } = rows[0]!;
      const existing = tx
        .select({ id: refundRequests.id, status: refundRequests.status })
        .from(refundRequests)
        .where(and(eq(refundRequests.structureId, farm.id), eq(refundRequests.year, year)))
        .get();
      return { rows, farm, year, existing };
    });
    const errors = [...checked.errors, ...groups.flatMap(({ rows, existing }) => requestErrors(tx, rows, existing))];
    if (errors.length > 0) return refused(errors);
    const farms = groups.map(({ rows, farm, year, existing }): FarmImport => {
      // A missing request is created exactly as « Saisir la demande » would: default account, no attestation (unless the file gives it).
      const attests = rows.some((row) => row.attests);
      const requestId = existing
        ? existing.id
        : insertDraft(
            tx,
            actor,
            { structureId: farm.id, year, bankAccountId: defaultAccountOf(tx, farm.id), notInDifficulty: attests },
            meta,
            now,
          ).requestId;
      if (existing) touchRequest(tx, requestId, now);
      if (attests) {
        // Recorded as what it is: the statement ticked by the mandated structure's user, under its mandate with transmission, from
        // this file.
        if (existing) tx.update(refundRequests).set({ notInDifficulty: true }).where(eq(refundRequests.id, requestId)).run();
        recordAudit(
          tx,
          {
            action: "refund.attested",
            actorUserId: actor.userId,
            targetType: "refund_request",
            targetId: requestId,
            ip: meta.ip,
            details: { structureId: farm.id, year, source: "import", underMandate: !farm.isMember },
          },
          now,
        );
      }
      for (const { line } of rows) insertLine(tx, requestId, line, null, actor, now);
      const amountCents = rows.reduce((sum, { line }) => sum + line.amountCents, 0);
      recordAudit(
        tx,
        {
          action: IMPORT_ACTION,
          actorUserId: actor.userId,
          targetType: "refund_request",
          targetId: requestId,
          ip: meta.ip,
          details: { count: rows.length, amountCents, structureId: farm.id, year, created: !existing, acrossFarms: true },
        },
        now,
      );
      return {
        structureId: farm.id,
        name: farm.name,
        siret: farm.siret,
        year,
        requestId,
        created: !existing,
        lines: rows.length,
        amountCents,
      };
    });
    farms.sort((a, b) => a.name.localeCompare(b.name, "fr") || a.year - b.year);
    const lines = farms.reduce((sum, farm) => sum + farm.lines, 0);
    const farmCount = new Set(farms.map((f) => f.structureId)).size;
    const total = farms.reduce((sum, farm) => sum + farm.amountCents, 0);
    return {
      ok: true,
      data: { farms },
      message: `${lines} ligne${lines > 1 ? "s importées" : " importée"} pour ${farmCount} exploitation${farmCount > 1 ? "s" : ""} (${formatEuros(total)} demandés). Joignez maintenant la copie de chaque facture, demande par demande.`,
    };
  });
}

/** At most this many errors go back to the page: enough to correct a file, not a page of thousands. */
export const MAX_SHOWN_ERRORS = 100;

function refused(problems: CsvError[]): ActionResult<{ farms: FarmImport[] }> {
  const sorted = byRow(problems);
  const count = sorted.length;
  return {
    ok: false,
    formError: `Rien n'a été importé : le fichier contient ${count} erreur${count > 1 ? "s" : ""}${count > MAX_SHOWN_ERRORS ? ` (les ${MAX_SHOWN_ERRORS} premières sont listées)` : ""}. Corrigez-${count > 1 ? "les" : "la"} puis importez de nouveau le fichier entier.`,
    rowErrors: sorted.slice(0, MAX_SHOWN_ERRORS),
  };
}
