import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { attachments, spaces, structures, subscriptions, users } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import type { RequestMeta } from "@/lib/request-meta";
import { fullName } from "@/lib/names";

function people(structureId: number, userId: number) {
  const structure = getDb().select().from(structures).where(eq(structures.id, structureId)).get()!;
  const member = getDb().select().from(users).where(eq(users.id, userId)).get()!;
  return { structure, member };
}

/** The gestionnaire principal detaches a member: their subscriptions to the structure's spaces end too. */
export function detachMember(
  actor: Actor,
  input: { structureId: number; userId: number },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "member.detach", input);
  const { structure, member } = people(input.structureId, input.userId);
  inTransaction((tx) => {
    tx.update(attachments)
      .set({ status: "revoked", decidedAt: now, decidedBy: actor.userId })
      .where(and(eq(attachments.userId, member.id), eq(attachments.structureId, structure.id), eq(attachments.status, "approved")))
      .run();
    const spaceIds = tx
      .select({ id: spaces.id })
      .from(spaces)
      .where(eq(spaces.structureId, structure.id))
      .all()
      .map((s) => s.id);
    let endedSubscriptions = 0;
    if (spaceIds.length) {
      endedSubscriptions = tx
        .update(subscriptions)
        .set({ status: "ended", endedAt: now, endedBy: actor.userId })
        .where(and(eq(subscriptions.userId, member.id), inArray(subscriptions.spaceId, spaceIds), eq(subscriptions.status, "approved")))
        .run().changes;
      tx.update(subscriptions)
        .set({ status: "cancelled", decidedAt: now, decidedBy: actor.userId })
        .where(and(eq(subscriptions.userId, member.id), inArray(subscriptions.spaceId, spaceIds), eq(subscriptions.status, "pending")))
        .run();
    }
    enqueueMail(
      tx,
      {
        to: member.contactEmail,
        template: "membership-changed",
        props: {
          firstName: member.firstName,
          message: `${fullName(actor)}, gestionnaire principal, vous a retiré de la structure ${structure.name}. Vos abonnements à ses espaces sont terminés.`,
          link: links.home(),
        },
      },
      now,
    );
    recordAudit(
      tx,
      {
        action: "member.detached",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: structure.id,
        ip: meta.ip,
        details: { userId: member.id, endedSubscriptions },
      },
      now,
    );
  });
  kickDelivery();
  return { ok: true, data: undefined, message: `${fullName(member)} ne fait plus partie de la structure.` };
}

/**
 * Hand the gestionnaire principal role to another member, so that no structure is left without
 * one. The former manager stays attached as a member; both are told by mail.
 */
export function handOverMainManager(
  actor: Actor,
  input: { structureId: number; userId: number },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "manager.handover", input);
  const { structure, member } = people(input.structureId, input.userId);
  const changed = inTransaction((tx) => {
    const moved = tx
      .update(structures)
      .set({ mainManagerId: member.id })
      .where(and(eq(structures.id, structure.id), eq(structures.mainManagerId, actor.userId)))
      .run().changes;
    if (moved === 0) return false;
    const message = `${fullName(actor)} a transmis le rôle de gestionnaire principal de la structure ${structure.name} à ${fullName(member)}.`;
    enqueueMail(
      tx,
      {
        to: member.contactEmail,
        template: "membership-changed",
        props: {
          firstName: member.firstName,
          message: `${message} Vous décidez désormais des demandes de rattachement et d'abonnement.`,
          link: links.managerDashboard(),
        },
      },
      now,
    );
    enqueueMail(
      tx,
      {
        to: actor.contactEmail,
        template: "membership-changed",
        props: { firstName: actor.firstName, message: `${message} Vous restez membre de la structure.`, link: links.home() },
      },
      now,
    );
    recordAudit(
      tx,
      {
        action: "manager.handed_over",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: structure.id,
        ip: meta.ip,
        details: { from: actor.userId, to: member.id },
      },
      now,
    );
    return true;
  });
  if (!changed) return { ok: false, formError: "Vous n'êtes plus le gestionnaire principal de cette structure." };
  kickDelivery();
  return { ok: true, data: undefined, message: `${fullName(member)} est désormais le gestionnaire principal de ${structure.name}.` };
}
