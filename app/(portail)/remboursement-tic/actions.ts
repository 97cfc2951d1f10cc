"use server";

import { redirect } from "next/navigation";
import { actorFormAction, redirectWithNotice } from "@/lib/actions";
import {
  addLine,
  attachInvoice,
  createRequest,
  declareAdvance,
  deleteRequest,
  importLines,
  removeLine,
  updateLine,
  updateRequestHeader,
} from "@/lib/refunds/requests";
import { attachInvoices } from "@/lib/refunds/invoice-batch";
import {
  addLineSchema,
  advanceSchema,
  createRequestSchema,
  importLinesSchema,
  invoiceBatchSchema,
  lineIdSchema,
  lineInvoiceSchema,
  requestHeaderSchema,
  requestIdSchema,
  updateLineSchema,
} from "@/lib/refunds/schemas";
import { transmitRequest } from "@/lib/refunds/transmission";

export const createRequestAction = actorFormAction(createRequestSchema, [], (actor, input, meta) => {
  const result = createRequest(actor, input, meta);
  // A second creation for the same year leads to the request that already exists.
  if (result.ok) redirect(`/remboursement-tic/demandes/${result.data.requestId}${result.data.existed ? "?existante=1" : ""}`);
  return result;
});
export const updateRequestHeaderAction = actorFormAction(requestHeaderSchema, [], updateRequestHeader);
export const declareAdvanceAction = actorFormAction(advanceSchema, [], declareAdvance);
/** « Valider et ajouter une nouvelle ligne » keeps the product and puts the cursor back on the first field. */
export const addLineAction = actorFormAction(addLineSchema, [], (actor, input, meta) => {
  const result = addLine(actor, input, meta);
  return result.ok
    ? { ...result, data: { ...result.data, then: input.then, product: input.product, volumeUnit: input.volumeUnit } }
    : result;
});
/** Back to the request, which says the line changed. */
export const updateLineAction = actorFormAction(updateLineSchema, [], (actor, input, meta) => {
  const result = updateLine(actor, input, meta);
  if (result.ok) redirect(`/remboursement-tic/demandes/${result.data.requestId}?fait=ligne-modifiee#lignes`);
  return result;
});
export const attachInvoiceAction = actorFormAction(lineInvoiceSchema, [], attachInvoice);
export const attachInvoicesAction = actorFormAction(invoiceBatchSchema, [], attachInvoices);
export const removeLineAction = actorFormAction(lineIdSchema, [], async (actor, input, meta) => {
  const result = removeLine(actor, input.lineId, meta);
  return result.ok ? redirectWithNotice("ligne-supprimee", "/remboursement-tic") : result;
});
export const importLinesAction = actorFormAction(importLinesSchema, [], importLines);
/** From the confirmation page, to the request with its banner: reference and receipt. */
export const transmitRequestAction = actorFormAction(requestIdSchema, [], async (actor, input, meta) => {
  const result = await transmitRequest(actor, input.requestId, meta);
  if (result.ok) redirect(`/remboursement-tic/demandes/${input.requestId}?transmise=1`);
  return result;
});
export const deleteRequestAction = actorFormAction(requestIdSchema, [], (actor, input, meta) => {
  const result = deleteRequest(actor, input.requestId, meta);
  if (result.ok) redirect("/remboursement-tic?fait=brouillon-supprime");
  return result;
});
