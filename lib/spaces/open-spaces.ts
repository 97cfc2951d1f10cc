import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { services, spaces, structures, subscriptions } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { SPACE_KINDS, kindsOfferedTo, type SpaceKind } from "./catalogue";
import type { OpenSpacesInput } from "./schemas";

export const MANAGEMENT_CENTRE_REFUSAL =
  "Une structure typée « centre de gestion agricole » ne peut pas ouvrir l'espace « Demande de remboursement TIC » : chaque exploitation l'ouvre sur sa propre structure, puis peut déléguer la gestion de ses demandes.";

/**
 * « Ajouter des espaces »: the gestionnaire principal opens one or several spaces on the structure,
 * for chosen services (or the whole structure), with « Consultation » / « Modification », and for
 * the TIC space its PACAGE and catégorie de bénéficiaire. All spaces or none.
 */
export function openSpaces(
  actor: Actor,
  input: OpenSpacesInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ spaceIds: number[] }> {
  assertCan(actor, "space.open", { structureId: input.structureId });
  const structure = getDb().select().from(structures).where(eq(structures.id, input.structureId)).get()!;
  const kinds = [...new Set(input.kinds)] as SpaceKind[];
  const offered = kindsOfferedTo(structure);
  if (kinds.some((kind) => !offered.includes(kind))) return { ok: false, fieldErrors: { kinds: MANAGEMENT_CENTRE_REFUSAL } };
  if (input.serviceIds.length > 0) {
    const known = getDb()
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.structureId, structure.id), eq(services.isActive, true), inArray(services.id, input.serviceIds)))
      .all();
    if (known.length !== new Set(input.serviceIds).size)
      return { ok: false, fieldErrors: { serviceIds: "Choisissez des services actifs de cette structure." } };
  }
  return inTransaction((tx): ActionResult<{ spaceIds: number[] }> => {
    const already = tx
      .select({ kind: spaces.kind })
      .from(spaces)
      .where(and(eq(spaces.structureId, structure.id), isNull(spaces.closedAt), inArray(spaces.kind, kinds)))
      .all();
    if (already.length > 0) {
      return {
        ok: false,
        fieldErrors: { kinds: `L'espace « ${SPACE_KINDS[already[0]!.kind].label} » est déjà ouvert sur cette structure.` },
      };
    }
    const spaceIds: number[] = [];
    for (const kind of kinds) {
      const row = tx
        .insert(spaces)
        .values({
          structureId: structure.id,
          kind,
          canView: input.canView,
          canEdit: input.canEdit,
          pacage: kind === "ticRefund" ? input.pacage : null,
          beneficiaryCategory: kind === "ticRefund" ? (input.beneficiaryCategory ?? null) : null,
          serviceIds: input.serviceIds.length ? JSON.stringify([...new Set(input.serviceIds)].sort((a, b) => a - b)) : null,
          openedAt: now,
          openedBy: actor.userId,
        })
        .returning({ id: spaces.id })
        .get();
      spaceIds.push(row.id);
      recordAudit(
        tx,
        {
          action: "space.opened",
          actorUserId: actor.userId,
          targetType: "structure",
          targetId: structure.id,
          ip: meta.ip,
          details: {
            spaceId: row.id,
            kind,
            canView: input.canView,
            canEdit: input.canEdit,
            pacage: input.pacage,
            beneficiaryCategory: input.beneficiaryCategory,
            serviceIds: input.serviceIds,
          },
        },
        now,
      );
    }
    const labels = kinds.map((kind) => `« ${SPACE_KINDS[kind].label} »`).join(" et ");
    return {
      ok: true,
      data: { spaceIds },
      message: `${kinds.length > 1 ? "Les espaces" : "L'espace"} ${labels} ${kinds.length > 1 ? "sont ouverts" : "est ouvert"} sur la structure.`,
    };
  });
}

/** PACAGE and catégorie de bénéficiaire can be corrected later; each change is audited. */
export function updateSpace(
  actor: Actor,
  input: { spaceId: number; pacage: string | null; beneficiaryCategory?: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "space.update", { spaceId: input.spaceId });
  const space = getDb().select().from(spaces).where(eq(spaces.id, input.spaceId)).get()!;
  if (space.kind === "ticRefund" && !input.beneficiaryCategory) {
    return {
      ok: false,
      fieldErrors: { beneficiaryCategory: "La catégorie de bénéficiaire est obligatoire pour l'espace « Demande de remboursement TIC »." },
    };
  }
  return inTransaction((tx): ActionResult => {
    tx.update(spaces)
      .set({ pacage: input.pacage, beneficiaryCategory: input.beneficiaryCategory ?? null })
      .where(eq(spaces.id, space.id))
      .run();
    recordAudit(
      tx,
      {
        action: "space.updated",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: space.structureId,
        ip: meta.ip,
        details: {
          spaceId: space.id,
          before: { pacage: space.pacage, beneficiaryCategory: space.beneficiaryCategory },
          after: { pacage: input.pacage, beneficiaryCategory: input.beneficiaryCategory ?? null },
        },
      },
      now,
    );
    return { ok: true, data: undefined, message: "Les informations de l'espace sont enregistrées." };
  });
}

/** Closing a space ends its subscriptions. */
export function closeSpace(actor: Actor, spaceId: number, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "space.update", { spaceId });
  return inTransaction((tx): ActionResult => {
    const closed = tx
      .update(spaces)
      .set({ closedAt: now })
      .where(and(eq(spaces.id, spaceId), isNull(spaces.closedAt)))
      .returning({ structureId: spaces.structureId, kind: spaces.kind })
      .get();
    if (!closed) return { ok: false, formError: "Cet espace est déjà fermé." };
    tx.update(subscriptions)
      .set({ status: "ended", endedAt: now, endedBy: actor.userId })
      .where(and(eq(subscriptions.spaceId, spaceId), eq(subscriptions.status, "approved")))
      .run();
    tx.update(subscriptions)
      .set({ status: "cancelled", decidedAt: now, decidedBy: actor.userId })
      .where(and(eq(subscriptions.spaceId, spaceId), eq(subscriptions.status, "pending")))
      .run();
    recordAudit(
      tx,
      {
        action: "space.closed",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: closed.structureId,
        ip: meta.ip,
        details: { spaceId, kind: closed.kind },
      },
      now,
    );
    return { ok: true, data: undefined, message: `L'espace « ${SPACE_KINDS[closed.kind].label} » est fermé.` };
  });
}
