"use server";

import { redirect } from "next/navigation";
import { actorFormAction } from "@/lib/actions";
import { cancelInvitation, confirmMandateFile, previewMandateFile } from "@/lib/mandates/invitations";
import { askMandate, decideMandate, endMandate, giveMandate } from "@/lib/mandates/mandates";
import {
  askMandateSchema,
  cancelInvitationSchema,
  confirmMandateFileSchema,
  decideMandateSchema,
  endMandateSchema,
  giveMandateSchema,
  previewMandateFileSchema,
} from "@/lib/mandates/schemas";

// Each step lands on the mandate's page, which says what changed (its buttons are gone).
export const giveMandateAction = actorFormAction(giveMandateSchema, [], (actor, input, meta) => {
  const result = giveMandate(actor, input, meta);
  return result.ok ? redirect(`/mandats/${result.data.mandateId}?fait=mandat-donne`) : result;
});

export const askMandateAction = actorFormAction(askMandateSchema, [], (actor, input, meta) => {
  const result = askMandate(actor, input, meta);
  return result.ok ? redirect(`/mandats/${result.data.mandateId}?fait=mandat-demande`) : result;
});

export const decideMandateAction = actorFormAction(decideMandateSchema, [], (actor, input, meta) => {
  const result = decideMandate(actor, input, meta);
  return result.ok
    ? redirect(`/mandats/${input.mandateId}?fait=${input.decision === "accept" ? "mandat-accepte" : "mandat-refuse"}`)
    : result;
});

export const endMandateAction = actorFormAction(endMandateSchema, [], (actor, input, meta) => {
  const result = endMandate(actor, input.mandateId, meta);
  return result.ok ? redirect(`/mandats/${input.mandateId}?fait=mandat-termine`) : result;
});

// Mandates asked from a file, invitations to farms not yet on the portal (ADR 0029).
export const previewMandateFileAction = actorFormAction(previewMandateFileSchema, [], previewMandateFile);
export const confirmMandateFileAction = actorFormAction(confirmMandateFileSchema, ["rows"], confirmMandateFile);
export const cancelInvitationAction = actorFormAction(cancelInvitationSchema, [], (actor, input, meta) =>
  cancelInvitation(actor, input.invitationId, meta),
);
