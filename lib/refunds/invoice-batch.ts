import "server-only";
import { and, eq } from "drizzle-orm";
import { refundLines, refundRequests } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult, UploadedFile } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { MAX_INVOICES_PER_BATCH, attachmentError } from "./files";
import { storeFile } from "./stored-files";
import { NOT_EDITABLE, touchRequest } from "./requests";

const comparable = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Which invoice a file is, read from its name: the invoice numbers found in it (letters and digits
 * only, case ignored), the longest kept when one contains another (« FA-12.pdf » is FA-12, not
 * FA-1). `null` when no number or two unrelated numbers are found.
 */
export function invoiceNumberInFileName(fileName: string, invoiceNumbers: string[]): string | null {
  const name = comparable(fileName.replace(/\.[A-Za-z0-9]{1,5}$/, ""));
  const found = [...new Set(invoiceNumbers)].filter((number) => comparable(number) !== "" && name.includes(comparable(number)));
  const widest = found.filter((number) => !found.some((other) => other !== number && comparable(other).includes(comparable(number))));
  return widest.length === 1 ? widest[0]! : null;
}

/**
 * Joins several invoice copies at once, each matched to the lines of its invoice number by its file
 * name (one invoice may carry several lines: the copy is joined to each). Every file is checked
 * first; one problem and nothing is joined, each file's problem named.
 */
export function attachInvoices(
  actor: Actor,
  input: { requestId: number; invoices: UploadedFile[] },
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ count: number }> {
  assertCan(actor, "refund.edit", { requestId: input.requestId });
  if (input.invoices.length === 0)
    return { ok: false, fieldErrors: { invoices: "Choisissez les fichiers des factures (PDF, PNG ou JPEG, 5 Mo au plus chacun)." } };
  if (input.invoices.length > MAX_INVOICES_PER_BATCH) {
    return { ok: false, fieldErrors: { invoices: `${MAX_INVOICES_PER_BATCH} fichiers au plus par envoi : joignez les suivants ensuite.` } };
  }
  const lines = getDb()
    .select({ id: refundLines.id, invoiceNumber: refundLines.invoiceNumber })
    .from(refundLines)
    .where(eq(refundLines.requestId, input.requestId))
    .all();
  const numbers = lines.map((line) => line.invoiceNumber);
  const problems: string[] = [];
  const matched = new Map<string, UploadedFile>();
  for (const file of input.invoices) {
    const number = invoiceNumberInFileName(file.name, numbers);
    const fileProblem = attachmentError(file.bytes);
    if (fileProblem) problems.push(`« ${file.name} » : ${fileProblem}`);
    else if (number === null)
      problems.push(
        `« ${file.name} » : son nom ne contient le numéro d'aucune facture de la demande (ou en contient plusieurs). Renommez-le, ou joignez-le depuis sa ligne.`,
      );
    else if (matched.has(number))
      problems.push(`« ${file.name} » : la facture ${number} a déjà un fichier dans cet envoi (« ${matched.get(number)!.name} »).`);
    else matched.set(number, file);
  }
  if (problems.length > 0) {
    return { ok: false, formError: `Aucune facture n'a été jointe. ${problems.join(" ")}`, fieldErrors: { invoices: problems[0]! } };
  }
  const request = getDb()
    .select({ structureId: refundRequests.structureId })
    .from(refundRequests)
    .where(eq(refundRequests.id, input.requestId))
    .get();
  return inTransaction((tx): ActionResult<{ count: number }> => {
    if (!touchRequest(tx, input.requestId, now)) return { ok: false, formError: NOT_EDITABLE };
    const joined: { invoiceNumber: string; fileId: number }[] = [];
    for (const [invoiceNumber, upload] of matched) {
      const fileId = storeFile(tx, { structureId: request!.structureId, kind: "invoice", upload, userId: actor.userId }, now);
      tx.update(refundLines)
        .set({ invoiceFileId: fileId })
        .where(and(eq(refundLines.requestId, input.requestId), eq(refundLines.invoiceNumber, invoiceNumber)))
        .run();
      joined.push({ invoiceNumber, fileId });
    }
    recordAudit(
      tx,
      {
        action: "refund.invoices_attached",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: input.requestId,
        ip: meta.ip,
        details: { invoices: joined },
      },
      now,
    );
    const names = joined.map((j) => j.invoiceNumber).join(", ");
    return {
      ok: true,
      data: { count: joined.length },
      message: joined.length === 1 ? `La facture ${names} est jointe.` : `${joined.length} factures jointes : ${names}.`,
    };
  });
}
