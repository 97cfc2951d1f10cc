import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { refundLines, refundRequests, structures } from "@/db/schema";
import { authorize } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import { filesField, type ActionResult, type UploadedFile } from "@/lib/forms";
import { mandatedFarms } from "@/lib/mandates/queries";
import type { RequestMeta } from "@/lib/request-meta";
import { MAX_INVOICES_PER_BATCH, attachmentError } from "@/lib/refunds/files";
import { invoiceNumberInFileName } from "@/lib/refunds/invoice-batch";
import { touchRequest } from "@/lib/refunds/requests";
import { EDITABLE_STATUSES } from "@/lib/refunds/statuses";
import { storeFile } from "@/lib/refunds/stored-files";

/**
 * « Joindre des factures pour plusieurs exploitations » (issue 21, point 11): invoice copies of many
 * client farms in one sending, each matched by the invoice number in its file name, as for one
 * request (`invoiceNumberInFileName`), among the lines still without their copy of the drafts the
 * user may edit. When two farms have an invoice of that number, the file name must also carry the
 * farm's SIRET (14 digits). Every file is checked first; one problem and nothing is joined.
 */
export const invoicesAcrossFarmsSchema = z.object({ invoices: filesField });

export type JoinedInvoice = { requestId: number; farmName: string; year: number; invoiceNumber: string; fileName: string };

type Candidate = { requestId: number; structureId: number; farmName: string; siret: string; year: number; invoiceNumber: string };

/** The policy's answer, the request's state included (`request.edit`: editable, and the rights to edit it). */
function mayEditRequest(actor: Actor, requestId: number, now: Date): boolean {
  const grant = authorize(actor, "refund.edit", { requestId }, now);
  return grant.ok && grant.rights.has("request.edit");
}

/** The lines without their invoice copy, in the editable requests of the client farms this user may edit. */
function candidates(actor: Actor, now: Date): Candidate[] {
  const farmIds = mandatedFarms(actor.userId, now).map((farm) => farm.id);
  if (farmIds.length === 0) return [];
  const rows = getDb()
    .selectDistinct({
      requestId: refundRequests.id,
      structureId: structures.id,
      farmName: structures.name,
      siret: structures.siret,
      year: refundRequests.year,
      invoiceNumber: refundLines.invoiceNumber,
    })
    .from(refundLines)
    .innerJoin(refundRequests, eq(refundRequests.id, refundLines.requestId))
    .innerJoin(structures, eq(structures.id, refundRequests.structureId))
    .where(
      and(
        inArray(refundRequests.structureId, farmIds),
        inArray(refundRequests.status, [...EDITABLE_STATUSES]),
        isNull(refundLines.invoiceFileId),
      ),
    )
    .all();
  const editable = new Map<number, boolean>();
  const mayEdit = (requestId: number) => {
    if (!editable.has(requestId)) editable.set(requestId, mayEditRequest(actor, requestId, now));
    return editable.get(requestId)!;
  };
  return rows.filter((row) => mayEdit(row.requestId));
}

/** The lines a file names: its SIRET (if any) narrows the farms, then its invoice number; null with the reason when none or several. */
function matchFile(fileName: string, all: Candidate[]): { ok: true; target: Candidate } | { ok: false; problem: string } {
  const digits = fileName.replace(/\D+/g, " ");
  const named = all.filter((c) => digits.includes(c.siret));
  const pool = named.length > 0 ? named : all;
  const number = invoiceNumberInFileName(
    fileName,
    pool.map((c) => c.invoiceNumber),
  );
  if (number === null) {
    return {
      ok: false,
      problem:
        "son nom ne contient le numéro d'aucune facture encore sans copie de vos exploitations (ou en contient plusieurs). Renommez-le, ou joignez-le depuis sa demande.",
    };
  }
  const targets = pool.filter((c) => c.invoiceNumber === number);
  if (targets.length > 1) {
    const farms = [...new Set(targets.map((t) => t.farmName))].join(", ");
    return {
      ok: false,
      problem: `la facture ${number} existe dans plusieurs demandes (${farms}) : ajoutez au nom du fichier le SIRET de l'exploitation (14 chiffres).`,
    };
  }
  return { ok: true, target: targets[0]! };
}

export function attachInvoicesAcrossFarms(
  actor: Actor,
  input: { invoices: UploadedFile[] },
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ joined: JoinedInvoice[] }> {
  if (input.invoices.length === 0)
    return { ok: false, fieldErrors: { invoices: "Choisissez les fichiers des factures (PDF, PNG ou JPEG, 5 Mo au plus chacun)." } };
  if (input.invoices.length > MAX_INVOICES_PER_BATCH) {
    return { ok: false, fieldErrors: { invoices: `${MAX_INVOICES_PER_BATCH} fichiers au plus par envoi : joignez les suivants ensuite.` } };
  }
  const all = candidates(actor, now);
  const problems: string[] = [];
  const matched = new Map<string, { target: Candidate; file: UploadedFile }>();
  for (const file of input.invoices) {
    const fileProblem = attachmentError(file.bytes);
    const match = fileProblem ? null : matchFile(file.name, all);
    const key = match?.ok ? `${match.target.requestId}\u0000${match.target.invoiceNumber}` : "";
    if (fileProblem) problems.push(`« ${file.name} » : ${fileProblem}`);
    else if (!match!.ok) problems.push(`« ${file.name} » : ${match!.problem}`);
    else if (matched.has(key))
      problems.push(
        `« ${file.name} » : la facture ${match!.target.invoiceNumber} de ${match!.target.farmName} a déjà un fichier dans cet envoi (« ${matched.get(key)!.file.name} »).`,
      );
    else matched.set(key, { target: match!.target, file });
  }
  if (problems.length > 0)
    return { ok: false, formError: `Aucune facture n'a été jointe. ${problems.join(" ")}`, fieldErrors: { invoices: problems[0]! } };
  return inTransaction((tx): ActionResult<{ joined: JoinedInvoice[] }> => {
    // Still editable under the write lock: the policy asked again for each request (its state included), before anything is written.
    for (const { target } of matched.values()) {
      if (!mayEditRequest(actor, target.requestId, now)) {
        return {
          ok: false,
          formError: `Aucune facture n'a été jointe : la demande ${target.year} de ${target.farmName} ne peut plus être modifiée.`,
        };
      }
    }
    const joined: (JoinedInvoice & { fileId: number })[] = [];
    for (const requestId of new Set([...matched.values()].map(({ target }) => target.requestId))) touchRequest(tx, requestId, now);
    for (const { target, file } of matched.values()) {
      const fileId = storeFile(tx, { structureId: target.structureId, kind: "invoice", upload: file, userId: actor.userId }, now);
      tx.update(refundLines)
        .set({ invoiceFileId: fileId })
        .where(and(eq(refundLines.requestId, target.requestId), eq(refundLines.invoiceNumber, target.invoiceNumber)))
        .run();
      joined.push({
        requestId: target.requestId,
        farmName: target.farmName,
        year: target.year,
        invoiceNumber: target.invoiceNumber,
        fileName: file.name,
        fileId,
      });
    }
    // One audit event per request, as when its invoices are joined from its own page.
    for (const requestId of new Set(joined.map((j) => j.requestId))) {
      const invoices = joined.filter((j) => j.requestId === requestId).map((j) => ({ invoiceNumber: j.invoiceNumber, fileId: j.fileId }));
      recordAudit(
        tx,
        {
          action: "refund.invoices_attached",
          actorUserId: actor.userId,
          targetType: "refund_request",
          targetId: requestId,
          ip: meta.ip,
          details: { invoices, acrossFarms: true },
        },
        now,
      );
    }
    const farms = new Set(joined.map((j) => j.farmName)).size;
    joined.sort(
      (a, b) => a.farmName.localeCompare(b.farmName, "fr") || a.year - b.year || a.invoiceNumber.localeCompare(b.invoiceNumber, "fr"),
    );
    return {
      ok: true,
      data: {
        joined: joined.map((j) => ({
          requestId: j.requestId,
          farmName: j.farmName,
          year: j.year,
          invoiceNumber: j.invoiceNumber,
          fileName: j.fileName,
        })),
      },
      message: `${joined.length} facture${joined.length > 1 ? "s jointes" : " jointe"} pour ${farms} exploitation${farms > 1 ? "s" : ""}.`,
    };
  });
}
