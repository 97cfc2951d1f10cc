import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { attachments, services, structures, userPreferences, users } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import { decisionMessage, refusedDecision } from "@/lib/decisions";
import type { ActionResult } from "@/lib/forms";
import { formatSiret } from "@/lib/identifiers";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import type { RequestMeta } from "@/lib/request-meta";
import { limit } from "@/lib/security/rate-limit";
import { attachmentsByIds, structureBySiret } from "./queries";
import type { DecideInput } from "./schemas";
import { fullName } from "@/lib/names";

/** « Demander un rattachement » to a structure already on the portal; its manager gets a mail. */
export function requestAttachment(
  actor: Actor,
  structureId: number,
  meta: RequestMeta,
  now = new Date(),
  serviceIds: number[] = [],
): ActionResult<{ attachmentId: number }> {
  assertCan(actor, "attachment.request", { structureId });
  const chosen = [...new Set(serviceIds)].sort((a, b) => a - b);
  if (chosen.length > 0) {
    const known = getDb()
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.structureId, structureId), eq(services.isActive, true), inArray(services.id, chosen)))
      .all();
    if (known.length !== chosen.length)
      return { ok: false, fieldErrors: { serviceIds: "Choisissez des services actifs de cette structure." } };
  }
  const result = inTransaction((tx): ActionResult<{ attachmentId: number }> => {
    const mine = tx
      .select({ status: attachments.status })
      .from(attachments)
      .where(
        and(
          eq(attachments.userId, actor.userId),
          eq(attachments.structureId, structureId),
          ne(attachments.status, "refused"),
          ne(attachments.status, "cancelled"),
          ne(attachments.status, "revoked"),
        ),
      )
      .all();
    if (mine.some((a) => a.status === "approved")) return { ok: false, formError: "Votre compte est déjà rattaché à cette structure." };
    if (mine.some((a) => a.status === "pending")) {
      return { ok: false, formError: "Vous avez déjà une demande de rattachement en attente pour cette structure." };
    }
    const structure = tx
      .select({ structure: structures, manager: users })
      .from(structures)
      .innerJoin(users, eq(users.id, structures.mainManagerId))
      .where(eq(structures.id, structureId))
      .get()!;
    const row = tx
      .insert(attachments)
      .values({
        userId: actor.userId,
        structureId,
        status: "pending",
        requestedAt: now,
        serviceIds: chosen.length ? JSON.stringify(chosen) : null,
      })
      .returning({ id: attachments.id })
      .get();
    // Request, cancel, request again…: the manager gets one mail per requester and structure a day;
    // every request still shows in « Activités du gestionnaire ».
    const mailAllowed = limit([["attachmentMail.requesterStructure", `${actor.userId}:${structureId}`]], now.getTime()).allowed;
    if (mailAllowed)
      enqueueMail(
        tx,
        {
          to: structure.manager.contactEmail,
          template: "attachment-requested",
          props: {
            managerFirstName: structure.manager.firstName,
            requesterName: fullName(actor),
            requesterEmail: actor.loginEmail,
            structureName: structure.structure.name,
            siret: formatSiret(structure.structure.siret),
            link: links.managerDashboard(),
          },
        },
        now,
      );
    recordAudit(
      tx,
      {
        action: "attachment.requested",
        actorUserId: actor.userId,
        targetType: "attachment",
        targetId: row.id,
        ip: meta.ip,
        details: { structureId, serviceIds: chosen },
      },
      now,
    );
    // Not the manager's name: any structure id can be posted here, and ids are easy to guess.
    return { ok: true, data: { attachmentId: row.id }, message: "Votre demande est envoyée au gestionnaire principal de la structure." };
  });
  if (result.ok) kickDelivery();
  return result;
}

/** The form's way in: the structure is named by its SIRET, which « Rechercher » showed. */
export function requestAttachmentBySiret(
  actor: Actor,
  siret: string,
  meta: RequestMeta,
  now = new Date(),
  serviceIds: number[] = [],
): ActionResult<{ attachmentId: number }> {
  const found = structureBySiret(siret);
  if (!found) return { ok: false, formError: "Aucune structure du portail n'a ce n° de SIRET. Recherchez-la de nouveau." };
  return requestAttachment(actor, found.structure.id, meta, now, serviceIds);
}

/** The requester withdraws a pending request. */
export function cancelAttachmentRequest(actor: Actor, attachmentId: number, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "attachment.cancel", { attachmentId });
  return inTransaction((tx): ActionResult => {
    const changed = tx
      .update(attachments)
      .set({ status: "cancelled", decidedAt: now, decidedBy: actor.userId })
      .where(and(eq(attachments.id, attachmentId), eq(attachments.status, "pending")))
      .run().changes;
    if (changed === 0) return { ok: false, formError: "Cette demande n'est plus en attente : elle a déjà été traitée ou annulée." };
    recordAudit(
      tx,
      { action: "attachment.cancelled", actorUserId: actor.userId, targetType: "attachment", targetId: attachmentId, ip: meta.ip },
      now,
    );
    return { ok: true, data: undefined, message: "Votre demande de rattachement est annulée." };
  });
}

/**
 * Validate or refuse one or several pending requests. Every id is checked by the policy first;
 * each update is conditional on the request still being pending, so a double click or two
 * managers' tabs deciding at once change each request exactly once.
 */
export function decideAttachments(
  actor: Actor,
  input: DecideInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ decided: number; alreadyDone: number }> {
  const ids = [...new Set(input.ids)];
  const refused = refusedDecision(
    actor,
    "attachment.decide",
    ids.map((attachmentId) => ({ attachmentId })),
  );
  if (refused) return refused;
  const approved = input.decision === "approve";
  const result = inTransaction((tx) => {
    let decided = 0;
    for (const { attachment, structure, user } of attachmentsByIds(ids)) {
      const changed = tx
        .update(attachments)
        .set({ status: approved ? "approved" : "refused", decidedAt: now, decidedBy: actor.userId, reason: approved ? null : input.reason })
        .where(and(eq(attachments.id, attachment.id), eq(attachments.status, "pending")))
        .run().changes;
      if (changed === 0) continue;
      decided++;
      if (approved) {
        // Their first structure becomes the one they work on.
        tx.insert(userPreferences).values({ userId: user.id, currentStructureId: structure.id }).onConflictDoNothing().run();
      }
      enqueueMail(
        tx,
        {
          to: user.contactEmail,
          template: "attachment-decided",
          props: {
            firstName: user.firstName,
            structureName: structure.name,
            approved,
            managerName: fullName(actor),
            reason: approved ? null : input.reason,
            link: approved ? links.home() : links.myAttachments(),
          },
        },
        now,
      );
      recordAudit(
        tx,
        {
          action: approved ? "attachment.approved" : "attachment.refused",
          actorUserId: actor.userId,
          targetType: "attachment",
          targetId: attachment.id,
          ip: meta.ip,
          details: { structureId: structure.id, userId: user.id, ...(approved ? {} : { reason: input.reason }) },
        },
        now,
      );
    }
    return { decided, alreadyDone: ids.length - decided };
  });
  kickDelivery();
  return { ok: true, data: result, message: decisionMessage(result, approved) };
}

/** The portal shows which structure the user works on; they may switch among theirs and their clients'. */
export function selectStructure(actor: Actor, structureId: number): ActionResult {
  assertCan(actor, "structure.select", { structureId });
  getDb()
    .insert(userPreferences)
    .values({ userId: actor.userId, currentStructureId: structureId })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { currentStructureId: structureId } })
    .run();
  return { ok: true, data: undefined };
}
