import "server-only";
import { attachments, structures, userPreferences } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { inTransaction } from "@/lib/db";
import { lookup } from "@/lib/directory/lookup";
import { CLOSED_SIRET_MESSAGE, UNKNOWN_SIRET_MESSAGE, type Establishment } from "@/lib/directory/types";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { openSeal, sealEstablishment } from "./directory-seal";
import { limit } from "@/lib/security/rate-limit";
import { structureBySiret } from "./queries";
import { prepareLetter, queueLetter } from "./verification";
import { fullName } from "@/lib/names";
import { convertInvitations } from "@/lib/mandates/invitations";

export const MANAGEMENT_CENTRE_NAF = "69.20Z";

/** `seal`: the directory's answer, sealed for the next step (lib/structures/directory-seal.ts). */
export type NewStructureDraft = { establishment: Establishment; suggestManagementCentre: boolean; seal: string };

/**
 * « Continuer »: the SIRET must exist in the directory, be active, and not be on the portal yet.
 * The directory is asked unless `seal` carries its answer, sealed by this server for this user and
 * SIRET less than half an hour ago: the validation page and « Enregistrer » reuse the answer of
 * « Continuer » (one lookup per creation), and never believe establishment data they did not seal.
 */
export async function prepareStructure(
  actor: Actor,
  siret: string,
  seal: string | null = null,
  now = new Date(),
): Promise<ActionResult<NewStructureDraft>> {
  assertCan(actor, "structure.create");
  const existing = structureBySiret(siret);
  if (existing) {
    return {
      ok: false,
      fieldErrors: {
        siret: `Cette structure est déjà inscrite sur le portail (gestionnaire principal : ${fullName(existing.managerFirstName, existing.managerLastName)}). Demandez-y votre rattachement ou, si vous dirigez cette entreprise sans connaître ce gestionnaire, contestez sa gestion depuis « Demander un rattachement ».`,
      },
    };
  }
  const sealed = openSeal(seal, actor.userId, siret, now);
  const found = sealed ? ({ status: "found", establishment: sealed } as const) : await lookup(siret);
  if (found.status === "unavailable") return { ok: false, formError: found.message };
  if (found.status === "unknown") return { ok: false, fieldErrors: { siret: UNKNOWN_SIRET_MESSAGE } };
  const e = found.establishment;
  if (!e.isActive) return { ok: false, fieldErrors: { siret: CLOSED_SIRET_MESSAGE } };
  return {
    ok: true,
    data: {
      establishment: e,
      suggestManagementCentre: e.nafCode === MANAGEMENT_CENTRE_NAF,
      seal: sealed ? seal! : sealEstablishment(actor.userId, e, now),
    },
  };
}

/**
 * « Enregistrer et Valider »: the structure, its creator as gestionnaire principal with an
 * approved attachment, and the creator's current structure, in one transaction. The form's
 * read-only fields are never trusted: the establishment comes from the seal of « Continuer » when
 * it is genuine, else from the directory again.
 */
export async function createStructure(
  actor: Actor,
  input: { siret: string; rcs: string | null; isManagementCentre: boolean; seal?: string | null },
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult<{ structureId: number; invitedMandateIds: number[] }>> {
  const draft = await prepareStructure(actor, input.siret, input.seal ?? null, now);
  if (!draft.ok) return draft;
  const e = draft.data.establishment;
  // Nothing shows yet that the creator speaks for the establishment: a code goes by post to its
  // SIRENE address (docs/decisions/0016-structure-verification.md).
  const letter = await prepareLetter({ ...e, name: e.name ?? fullName(actor) }, fullName(actor), now);
  return inTransaction((tx): ActionResult<{ structureId: number; invitedMandateIds: number[] }> => {
    // Serialised by BEGIN IMMEDIATE: of two simultaneous creations, the second sees the first.
    const existing = structureBySiret(input.siret);
    if (existing) {
      return {
        ok: false,
        formError: `Cette structure vient d'être inscrite par ${fullName(existing.managerFirstName, existing.managerLastName)}, qui en est le gestionnaire principal. Demandez-y votre rattachement ou, si vous dirigez cette entreprise sans connaître ce gestionnaire, contestez sa gestion depuis « Demander un rattachement ».`,
      };
    }
    // A few a day per person and per address: each creation posts a letter and may force a real
    // owner through a contest (issue 22, point 2). Counted only for a creation about to happen.
    for (const [name, subject] of [
      ["structureCreation.ip", meta.ip ?? "inconnue"],
      ["structureCreation.user", actor.userId],
    ] as const) {
      const hit = limit([[name, subject]], now.getTime());
      if (!hit.allowed) {
        recordAudit(
          tx,
          { action: "structure.create_limited", actorUserId: actor.userId, ip: meta.ip, details: { siret: input.siret, limit: name } },
          now,
        );
        return { ok: false, formError: hit.message };
      }
    }
    const structure = tx
      .insert(structures)
      .values({
        siret: e.siret,
        siren: e.siren,
        name: e.name ?? fullName(actor),
        rcs: input.rcs,
        street: e.street,
        complement: e.complement,
        postalCode: e.postalCode,
        city: e.city,
        nafCode: e.nafCode,
        legalCategory: e.legalCategory,
        status: "active",
        verificationStatus: "unverified",
        isManagementCentre: input.isManagementCentre,
        mainManagerId: actor.userId,
        createdAt: now,
        createdBy: actor.userId,
      })
      .returning({ id: structures.id })
      .get();
    tx.insert(attachments)
      .values({
        userId: actor.userId,
        structureId: structure.id,
        status: "approved",
        requestedAt: now,
        decidedAt: now,
        decidedBy: actor.userId,
      })
      .run();
    tx.insert(userPreferences)
      .values({ userId: actor.userId, currentStructureId: structure.id })
      .onConflictDoUpdate({ target: userPreferences.userId, set: { currentStructureId: structure.id } })
      .run();
    const letterId = queueLetter(tx, structure.id, actor.userId, letter);
    recordAudit(
      tx,
      {
        action: "structure.created",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: structure.id,
        ip: meta.ip,
        details: { siret: e.siret, isManagementCentre: input.isManagementCentre, letterId },
      },
      now,
    );
    // Mandates asked by invitation of this SIRET's farm, waiting for its structure (ADR 0029).
    const invitedMandateIds = convertInvitations(
      tx,
      { id: structure.id, siret: e.siret, isManagementCentre: input.isManagementCentre },
      actor.userId,
      now,
    );
    return { ok: true, data: { structureId: structure.id, invitedMandateIds } };
  });
}
