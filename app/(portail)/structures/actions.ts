"use server";

import { redirect } from "next/navigation";
import { actorFormAction } from "@/lib/actions";
import type { Notice } from "@/lib/notices";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { cancelAttachmentRequest, requestAttachmentBySiret, selectStructure } from "@/lib/structures/attachments";
import { contestManagement } from "@/lib/structures/contests";
import { createStructure, prepareStructure } from "@/lib/structures/create-structure";
import {
  cancelAttachmentSchema,
  contestSchema,
  createStructureSchema,
  newStructureSchema,
  requestAttachmentSchema,
  selectStructureSchema,
} from "@/lib/structures/schemas";

export const requestAttachmentAction = actorFormAction(requestAttachmentSchema, [], (actor, input, meta) =>
  requestAttachmentBySiret(actor, input.siret, meta, new Date(), input.serviceIds),
);

export const cancelAttachmentAction = actorFormAction(cancelAttachmentSchema, [], (actor, input, meta) =>
  cancelAttachmentRequest(actor, input.attachmentId, meta),
);

/** « Continuer »: checks the SIRET against the directory, then shows the pre-filled form. */
export const prepareStructureAction = actorFormAction(newStructureSchema, [], async (actor, input) => {
  const result = await prepareStructure(actor, input.siret);
  if (!result.ok) return result;
  // The directory's answer goes along, sealed: the next page and « Enregistrer » do not ask again.
  const query = new URLSearchParams({ siret: input.siret, ...(input.rcs ? { rcs: input.rcs } : {}), fiche: result.data.seal });
  redirect(`/structures/nouvelle/validation?${query}`);
});

/** « Enregistrer et Valider ». */
export const createStructureAction = actorFormAction(createStructureSchema, [], async (actor, input, meta) => {
  const result = await createStructure(actor, input, meta);
  // Invited by a centre de gestion (ADR 0029): on to the mandate it asks, to accept or refuse.
  if (result.ok)
    redirect(
      result.data.invitedMandateIds.length === 1
        ? `/mandats/${result.data.invitedMandateIds[0]}?fait=structure-creee-mandat`
        : "/accueil?structure=creee",
    );
  return result;
});

/**
 * « Changer »: to the chosen structure's « Accueil », so that no page of the previous one stays on
 * screen. « Travailler sur … » (a page about another structure) comes back to that page instead.
 */
export const selectStructureAction = actorFormAction(selectStructureSchema, [], (actor, input) => {
  const result = selectStructure(actor, input.structureId);
  if (result.ok) redirect(withNotice(safeRedirectPath(input.retour, "/accueil"), "structure-changee"));
  return result;
});

function withNotice(path: string, notice: Notice): string {
  const url = new URL(path, "http://portail.invalid");
  url.searchParams.set("fait", notice);
  return `${url.pathname}${url.search}`;
}

export const contestAction = actorFormAction(contestSchema, [], contestManagement);
