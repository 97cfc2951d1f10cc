import "server-only";
import { and, count, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { auditEvents, bankAccounts, refundLines, refundRequests, refundStatusEvents, storedFiles } from "@/db/schema";
import { assertAuthorized } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult, UploadedFile } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { openTicSpace } from "@/lib/spaces/tic-space";
import { parisToday } from "@/lib/dates";
import { MAX_ADVANCE_CENTS, MAX_IMPORTS_PER_REQUEST, MAX_LINES_PER_REQUEST, formatEuros, parseEuros } from "./amounts";
import { lineKey, readLinesCsv } from "./csv-lines";
import { attachmentError } from "./files";
import { checkLine, type CheckedLine, type LineContext } from "./line-rules";
import { PRODUCTS } from "./products";
import { deadlineTable, plausibilityTable, rateTable } from "./rates";
import type { AddLineInput, AdvanceInput, CreateRequestInput, RequestHeaderInput, UpdateLineInput } from "./schemas";
import { EDITABLE_STATUSES } from "./statuses";
import { storeFile } from "./stored-files";
import { yearError } from "./years";
import { ADVANCE_YEARS, hasAdvance } from "./advance";

export const NOT_EDITABLE =
  "Cette demande est transmise : elle ne peut plus être modifiée, sauf si l'administration la déclare « à compléter ».";

function activeAccountError(structureId: number, bankAccountId: number | null): string | null {
  if (bankAccountId === null) return null;
  const account = getDb()
    .select({ id: bankAccounts.id })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.id, bankAccountId), eq(bankAccounts.structureId, structureId), isNull(bankAccounts.removedAt)))
    .get();
  return account ? null : "Choisissez des références bancaires de la structure.";
}

/**
 * « Créer une demande »: one per structure and year. The unique index settles a race: the second
 * creation finds the first one and leads to it.
 */
export function createRequest(
  actor: Actor,
  input: CreateRequestInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ requestId: number; existed: boolean }> {
  assertAuthorized(actor, "refund.edit", { structureId: input.structureId });
  const fieldErrors: Record<string, string> = {};
  const yearProblem = yearError(input.year, now);
  if (yearProblem) fieldErrors.year = yearProblem;
  const accountProblem = activeAccountError(input.structureId, input.bankAccountId);
  if (accountProblem) fieldErrors.bankAccountId = accountProblem;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return inTransaction((tx) => {
    const { requestId, existed } = insertDraft(tx, actor, input, meta, now);
    if (existed) return { ok: true, data: { requestId, existed }, message: `Une demande pour ${input.year} existe déjà : la voici.` };
    return { ok: true, data: { requestId, existed }, message: `La demande pour ${input.year} est créée.` };
  });
}

/**
 * The draft of a structure for a year, inside the caller's transaction: created with the space's
 * PACAGE and category, its first status and its audit event; or the one that already exists (the
 * unique index settles a race). Rights and the year are the caller's to check.
 */
export function insertDraft(
  tx: Db,
  actor: Actor,
  input: Pick<CreateRequestInput, "structureId" | "year" | "bankAccountId" | "notInDifficulty">,
  meta: RequestMeta,
  now: Date,
): { requestId: number; existed: boolean } {
  const space = openTicSpace(input.structureId)!;
  const created = tx
    .insert(refundRequests)
    .values({
      structureId: input.structureId,
      year: input.year,
      status: "draft",
      bankAccountId: input.bankAccountId,
      notInDifficulty: input.notInDifficulty,
      pacage: space.pacage,
      beneficiaryCategory: space.beneficiaryCategory,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [refundRequests.structureId, refundRequests.year] })
    .returning({ id: refundRequests.id })
    .get();
  if (!created) {
    const existing = tx
      .select({ id: refundRequests.id })
      .from(refundRequests)
      .where(and(eq(refundRequests.structureId, input.structureId), eq(refundRequests.year, input.year)))
      .get()!;
    return { requestId: existing.id, existed: true };
  }
  tx.insert(refundStatusEvents).values({ requestId: created.id, status: "draft", at: now, actorUserId: actor.userId }).run();
  recordAudit(
    tx,
    {
      action: "refund.created",
      actorUserId: actor.userId,
      targetType: "refund_request",
      targetId: created.id,
      ip: meta.ip,
      details: { structureId: input.structureId, year: input.year },
    },
    now,
  );
  return { requestId: created.id, existed: false };
}

/** Marks a change; false when the request is not (or no longer) editable. Inside the transaction. */
export function touchRequest(tx: Db, requestId: number, now: Date): boolean {
  return (
    tx
      .update(refundRequests)
      .set({ updatedAt: now, version: sql`${refundRequests.version} + 1` })
      .where(and(eq(refundRequests.id, requestId), inArray(refundRequests.status, [...EDITABLE_STATUSES])))
      .returning({ id: refundRequests.id })
      .get() !== undefined
  );
}

/** Bank details and the sworn statement of a request being written. */
export function updateRequestHeader(actor: Actor, input: RequestHeaderInput, meta: RequestMeta, now = new Date()): ActionResult {
  const { request } = assertAuthorized(actor, "refund.edit", { requestId: input.requestId });
  const fieldErrors: Record<string, string> = {};
  const accountProblem = activeAccountError(request.structureId, input.bankAccountId);
  if (accountProblem) fieldErrors.bankAccountId = accountProblem;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return inTransaction((tx): ActionResult => {
    if (!touchRequest(tx, request.id, now)) return { ok: false, formError: NOT_EDITABLE };
    tx.update(refundRequests)
      .set({ bankAccountId: input.bankAccountId, notInDifficulty: input.notInDifficulty })
      .where(eq(refundRequests.id, request.id))
      .run();
    recordAudit(
      tx,
      {
        action: "refund.header_updated",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: request.id,
        ip: meta.ip,
        details: {
          before: { bankAccountId: request.bankAccountId, notInDifficulty: request.notInDifficulty },
          after: { bankAccountId: input.bankAccountId, notInDifficulty: input.notInDifficulty },
        },
      },
      now,
    );
    return { ok: true, data: undefined, message: "Les informations de la demande sont enregistrées." };
  });
}

/**
 * « Avez-vous perçu l'avance de 2024 ? » on the 2024 request: « non », or « oui » with the amount
 * received (recorded for information: the balance is shown, never collected here).
 */
export function declareAdvance(actor: Actor, input: AdvanceInput, meta: RequestMeta, now = new Date()): ActionResult {
  const { request } = assertAuthorized(actor, "refund.edit", { requestId: input.requestId });
  if (!hasAdvance(request.year)) return { ok: false, formError: `L'avance ne concerne que les demandes ${ADVANCE_YEARS.join(", ")}.` };
  const received = input.received === "oui" ? true : input.received === "non" ? false : null;
  if (received === null) return { ok: false, fieldErrors: { received: "Répondez par oui ou par non." } };
  let advanceCents: number | null = null;
  if (received) {
    const raw = input.amount.trim();
    advanceCents = parseEuros(raw);
    if (raw === "")
      return {
        ok: false,
        fieldErrors: { amount: "Saisissez le montant de l'avance perçue, en euros (il figure sur l'avis de versement de 2024)." },
      };
    if (advanceCents === null || advanceCents === 0)
      return { ok: false, fieldErrors: { amount: "Saisissez le montant de l'avance en euros, plus de 0 (ex. 1 250,50)." } };
    if (advanceCents > MAX_ADVANCE_CENTS)
      return { ok: false, fieldErrors: { amount: `L'avance est de ${formatEuros(MAX_ADVANCE_CENTS)} au plus.` } };
  }
  return inTransaction((tx): ActionResult => {
    if (!touchRequest(tx, request.id, now)) return { ok: false, formError: NOT_EDITABLE };
    tx.update(refundRequests).set({ advanceReceived: received, advanceCents }).where(eq(refundRequests.id, request.id)).run();
    recordAudit(
      tx,
      {
        action: "refund.advance_declared",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: request.id,
        ip: meta.ip,
        details: { before: { received: request.advanceReceived, advanceCents: request.advanceCents }, after: { received, advanceCents } },
      },
      now,
    );
    return {
      ok: true,
      data: undefined,
      message: received
        ? `L'avance perçue de ${formatEuros(advanceCents!)} est enregistrée.`
        : "C'est noté : vous n'avez pas perçu l'avance de 2024.",
    };
  });
}

export const duplicateLine = (line: CheckedLine) =>
  `Une ligne porte déjà la facture n° ${line.invoiceNumber} pour « ${PRODUCTS[line.product].label} » livré à cette date dans cette demande.`;

/** The keys (invoice, product, delivery date) of the request's lines, but one. */
export function lineKeysOf(tx: Db, requestId: number, exceptLineId?: number): Set<string> {
  return new Set(
    tx
      .select({
        invoiceNumber: refundLines.invoiceNumber,
        product: refundLines.product,
        deliveryDate: refundLines.deliveryDate,
        id: refundLines.id,
      })
      .from(refundLines)
      .where(eq(refundLines.requestId, requestId))
      .all()
      .filter((row) => row.id !== exceptLineId)
      .map(lineKey),
  );
}

export function lineCount(tx: Db, requestId: number): number {
  return tx.select({ n: count() }).from(refundLines).where(eq(refundLines.requestId, requestId)).get()!.n;
}

const TOO_MANY_LINES = `Une demande compte ${MAX_LINES_PER_REQUEST} lignes au plus. Au-delà, regroupez les livraisons d'une même facture et d'un même carburant, ou contactez l'administration.`;

/** What a line of this request is judged against, now. */
export function lineContext(year: number, now = new Date()): LineContext {
  return { year, rates: rateTable(), deadlines: deadlineTable(), today: parisToday(now) };
}

/**
 * The same, with the plausibility thresholds: a line typed in the form is confirmed by its author
 * when it looks like a unit mistake. (A CSV file has no way to confirm: its volumes are in the
 * rate's unit, as its column says, and are not held back.)
 */
export function formLineContext(year: number, now = new Date()): LineContext {
  return { ...lineContext(year, now), thresholds: plausibilityTable() };
}

export function insertLine(tx: Db, requestId: number, line: CheckedLine, invoiceFileId: number | null, actor: Actor, now: Date): number {
  return tx
    .insert(refundLines)
    .values({ requestId, ...line, invoiceFileId, createdAt: now, createdBy: actor.userId })
    .returning({ id: refundLines.id })
    .get().id;
}

/** One line per invoice; rate and amount computed here, whatever the browser showed. */
export function addLine(actor: Actor, input: AddLineInput, meta: RequestMeta, now = new Date()): ActionResult<{ lineId: number }> {
  const { request } = assertAuthorized(actor, "refund.edit", { requestId: input.requestId });
  const checked = checkLine(input, formLineContext(request.year, now));
  const fieldErrors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
  const fileProblem = input.invoice ? attachmentError(input.invoice.bytes) : null;
  if (fileProblem) fieldErrors.invoice = fileProblem;
  if (!checked.ok || fileProblem) return { ok: false, fieldErrors };
  const line = checked.line;
  return inTransaction((tx): ActionResult<{ lineId: number }> => {
    if (!touchRequest(tx, request.id, now)) return { ok: false, formError: NOT_EDITABLE };
    if (lineCount(tx, request.id) >= MAX_LINES_PER_REQUEST) return { ok: false, formError: TOO_MANY_LINES };
    if (lineKeysOf(tx, request.id).has(lineKey(line))) return { ok: false, fieldErrors: { invoiceNumber: duplicateLine(line) } };
    const invoiceFileId = input.invoice
      ? storeFile(tx, { structureId: request.structureId, kind: "invoice", upload: input.invoice, userId: actor.userId }, now)
      : null;
    const lineId = insertLine(tx, request.id, line, invoiceFileId, actor, now);
    recordAudit(
      tx,
      {
        action: "refund.line_added",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: request.id,
        ip: meta.ip,
        details: { lineId, invoiceNumber: line.invoiceNumber, amountCents: line.amountCents },
      },
      now,
    );
    return { ok: true, data: { lineId }, message: `La ligne de la facture ${line.invoiceNumber} est ajoutée.` };
  });
}

/** Joins (or replaces) the copy of the invoice of a line. */
export function attachInvoice(
  actor: Actor,
  input: { lineId: number; invoice: UploadedFile | null },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  const { line, request } = assertAuthorized(actor, "refund.edit", { lineId: input.lineId });
  const fileProblem = input.invoice
    ? attachmentError(input.invoice.bytes)
    : "Choisissez le fichier de la facture (PDF, PNG ou JPEG, 5 Mo au plus).";
  if (fileProblem) return { ok: false, fieldErrors: { invoice: fileProblem } };
  return inTransaction((tx): ActionResult => {
    if (!touchRequest(tx, line.requestId, now)) return { ok: false, formError: NOT_EDITABLE };
    const fileId = storeFile(tx, { structureId: request.structureId, kind: "invoice", upload: input.invoice!, userId: actor.userId }, now);
    tx.update(refundLines).set({ invoiceFileId: fileId }).where(eq(refundLines.id, line.id)).run();
    recordAudit(
      tx,
      {
        action: "refund.invoice_attached",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: line.requestId,
        ip: meta.ip,
        details: { lineId: line.id, fileId },
      },
      now,
    );
    return { ok: true, data: undefined, message: `La facture ${line.invoiceNumber} est jointe.` };
  });
}

export function removeLine(actor: Actor, lineId: number, meta: RequestMeta, now = new Date()): ActionResult {
  const { line } = assertAuthorized(actor, "refund.edit", { lineId });
  return inTransaction((tx): ActionResult => {
    if (!touchRequest(tx, line.requestId, now)) return { ok: false, formError: NOT_EDITABLE };
    tx.delete(refundLines).where(eq(refundLines.id, line.id)).run();
    recordAudit(
      tx,
      {
        action: "refund.line_removed",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: line.requestId,
        ip: meta.ip,
        details: { lineId: line.id, invoiceNumber: line.invoiceNumber },
      },
      now,
    );
    return { ok: true, data: undefined, message: `La ligne de la facture ${line.invoiceNumber} est supprimée.` };
  });
}

export const IMPORT_ACTION = "refund.lines_imported";

/** Imports are counted from the audit trail, where each one is recorded anyway. */
export function importCount(requestId: number): number {
  return getDb()
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(eq(auditEvents.action, IMPORT_ACTION), eq(auditEvents.targetType, "refund_request"), eq(auditEvents.targetId, String(requestId))),
    )
    .get()!.n;
}

/** The CSV import: every row checked; all lines written in one transaction, or none. */
export function importLines(
  actor: Actor,
  input: { requestId: number; file: UploadedFile | null },
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ count: number }> {
  const { request } = assertAuthorized(actor, "refund.edit", { requestId: input.requestId });
  if (!input.file) return { ok: false, fieldErrors: { file: "Choisissez le fichier CSV à importer." } };
  if (importCount(request.id) >= MAX_IMPORTS_PER_REQUEST)
    return {
      ok: false,
      formError: `Cette demande a déjà reçu ${MAX_IMPORTS_PER_REQUEST} imports, le maximum : ajoutez les lignes suivantes à la main, ou supprimez le brouillon et importez un seul fichier complet.`,
    };
  const read = readLinesCsv(input.file.bytes, lineContext(request.year, now));
  if (!read.ok) return importRefused(read.errors);
  return inTransaction((tx): ActionResult<{ count: number }> => {
    if (!touchRequest(tx, request.id, now)) return { ok: false, formError: NOT_EDITABLE };
    const already = lineCount(tx, request.id);
    if (already + read.lines.length > MAX_LINES_PER_REQUEST) {
      return {
        ok: false,
        formError: `Aucune ligne n'a été importée : la demande compte ${already} ligne${already > 1 ? "s" : ""} et le fichier ${read.lines.length} ; ${MAX_LINES_PER_REQUEST} lignes au plus par demande.`,
      };
    }
    const existing = lineKeysOf(tx, request.id);
    const clashes = read.lines
      .map((line, index) => ({ line, row: index + 2 }))
      .filter(({ line }) => existing.has(lineKey(line)))
      .map(({ line, row }) => ({ row, column: "numero_facture", message: duplicateLine(line) }));
    if (clashes.length > 0) return importRefused(clashes);
    for (const line of read.lines) insertLine(tx, request.id, line, null, actor, now);
    recordAudit(
      tx,
      {
        action: IMPORT_ACTION,
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: request.id,
        ip: meta.ip,
        details: { count: read.lines.length },
      },
      now,
    );
    const count = read.lines.length;
    return {
      ok: true,
      data: { count },
      message: `${count} ligne${count > 1 ? "s importées" : " importée"}. Joignez maintenant la copie de chaque facture.`,
    };
  });
}

function importRefused(problems: { row: number; column: string | null; message: string }[]): ActionResult<{ count: number }> {
  const shown = problems.slice(0, 50);
  return {
    ok: false,
    formError: `Aucune ligne n'a été importée : le fichier contient ${problems.length} erreur${problems.length > 1 ? "s" : ""}. Corrigez-les puis importez de nouveau le fichier entier.`,
    errorList: [
      ...shown.map((p) => `${p.row > 0 ? `Ligne ${p.row}` : "Fichier"}${p.column ? `, colonne « ${p.column} »` : ""} : ${p.message}`),
      ...(problems.length > shown.length ? [`… et ${problems.length - shown.length} autres erreurs.`] : []),
    ],
  };
}

/** A line corrected in place: the same checks as a new one, rate and amount computed again; audited with before and after. */
export function updateLine(actor: Actor, input: UpdateLineInput, meta: RequestMeta, now = new Date()): ActionResult<{ requestId: number }> {
  const { line: current, request } = assertAuthorized(actor, "refund.edit", { lineId: input.lineId });
  const checked = checkLine(input, formLineContext(request.year, now));
  if (!checked.ok) return { ok: false, fieldErrors: { ...checked.errors } };
  const line = checked.line;
  return inTransaction((tx): ActionResult<{ requestId: number }> => {
    if (!touchRequest(tx, request.id, now)) return { ok: false, formError: NOT_EDITABLE };
    if (lineKeysOf(tx, request.id, current.id).has(lineKey(line)))
      return { ok: false, fieldErrors: { invoiceNumber: duplicateLine(line) } };
    tx.update(refundLines).set(line).where(eq(refundLines.id, current.id)).run();
    const summary = (l: {
      invoiceNumber: string;
      deliveryDate: string;
      product: string;
      volumeMilli: number;
      rateMilliEuros: number;
      amountCents: number;
      billedFullTariff: boolean | null;
    }) => ({
      invoiceNumber: l.invoiceNumber,
      deliveryDate: l.deliveryDate,
      product: l.product,
      volumeMilli: l.volumeMilli,
      rateMilliEuros: l.rateMilliEuros,
      amountCents: l.amountCents,
      billedFullTariff: l.billedFullTariff,
    });
    recordAudit(
      tx,
      {
        action: "refund.line_updated",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: request.id,
        ip: meta.ip,
        details: { lineId: current.id, before: summary(current), after: summary(line) },
      },
      now,
    );
    return { ok: true, data: { requestId: request.id }, message: `La ligne de la facture ${line.invoiceNumber} est modifiée.` };
  });
}

/**
 * A draft never transmitted can be deleted with its lines and their invoice copies (after a
 * confirmation page). A request that was transmitted once stays: the administration has it.
 */
export function deleteRequest(actor: Actor, requestId: number, meta: RequestMeta, now = new Date()): ActionResult<{ year: number }> {
  const { request } = assertAuthorized(actor, "refund.edit", { requestId });
  if (request.status !== "draft" || request.reference !== null)
    return { ok: false, formError: "Seul un brouillon jamais transmis peut être supprimé." };
  return inTransaction((tx): ActionResult<{ year: number }> => {
    const fileIds = tx
      .select({ id: refundLines.invoiceFileId })
      .from(refundLines)
      .where(and(eq(refundLines.requestId, requestId), isNotNull(refundLines.invoiceFileId)))
      .all()
      .map((row) => row.id!);
    const lines = lineCount(tx, requestId);
    const deleted = tx
      .delete(refundRequests)
      .where(and(eq(refundRequests.id, requestId), eq(refundRequests.status, "draft"), isNull(refundRequests.reference)))
      .returning({ id: refundRequests.id })
      .get();
    if (!deleted) return { ok: false, formError: "Seul un brouillon jamais transmis peut être supprimé." };
    // The lines went with the request (cascade); the copies of their invoices are no one's now.
    if (fileIds.length > 0)
      tx.delete(storedFiles)
        .where(and(inArray(storedFiles.id, fileIds), eq(storedFiles.kind, "invoice")))
        .run();
    recordAudit(
      tx,
      {
        action: "refund.deleted",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: requestId,
        ip: meta.ip,
        details: { structureId: request.structureId, year: request.year, lines, invoiceFiles: fileIds.length },
      },
      now,
    );
    return { ok: true, data: { year: request.year }, message: `Le brouillon de la demande ${request.year} est supprimé.` };
  });
}
