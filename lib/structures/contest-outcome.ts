import { and, eq, gte, inArray, notInArray } from "drizzle-orm";
import { attachments, refundRequests, refundStatusEvents, spaces, subscriptions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { links } from "@/lib/links";
import { enqueueMail } from "@/lib/mail/outbox";
import { endLiveMandatesOf } from "@/lib/mandates/mandates";
import { EDITABLE_STATUSES } from "@/lib/refunds/statuses";

/**
 * What a contest decided against the management of a structure (« transfer » or « suspend ») takes
 * back, in the operator's transaction (docs/decisions/0021): the rights that management gave must
 * not outlive it. A squatter who gave a mandate to another structure they manage would otherwise
 * keep the farm (issue 22, point 1).
 *  - every live mandate of the structure (either side) ends; both sides are told;
 *  - every attachment and subscription the former gestionnaire principal approved for others is
 *    withdrawn; the people are told and may ask again (the contester's own link is kept; on a
 *    suspension the gestionnaire principal stays a member);
 *  - a request transmitted since the contest was filed, and not yet taken up by the administration,
 *    goes back to draft; every request still in the user's hands loses its sworn statement and gets
 *    a new version, so that no transmission prepared under the former rights can commit.
 */
export function withdrawFormerManagement(
  tx: Db,
  input: { structureId: number; structureName: string; formerManagerId: number; contesterId: number; contestFiledAt: Date; why: string },
  now: Date,
) {
  const { structureId, formerManagerId } = input;
  const mandatesEnded = endLiveMandatesOf(tx, structureId, input.why, now);

  const revokedAttachments = tx
    .update(attachments)
    .set({ status: "revoked", decidedAt: now, reason: "Contestation de la gestion" })
    .where(
      and(
        eq(attachments.structureId, structureId),
        eq(attachments.status, "approved"),
        eq(attachments.decidedBy, formerManagerId),
        notInArray(attachments.userId, [input.contesterId, formerManagerId]),
      ),
    )
    .returning({ userId: attachments.userId })
    .all();
  const spaceIds = tx
    .select({ id: spaces.id })
    .from(spaces)
    .where(eq(spaces.structureId, structureId))
    .all()
    .map((s) => s.id);
  const endedSubscriptions =
    spaceIds.length === 0
      ? []
      : tx
          .update(subscriptions)
          .set({ status: "ended", endedAt: now, endedBy: null, reason: "Contestation de la gestion" })
          .where(
            and(
              inArray(subscriptions.spaceId, spaceIds),
              eq(subscriptions.status, "approved"),
              eq(subscriptions.decidedBy, formerManagerId),
              notInArray(subscriptions.userId, [input.contesterId, formerManagerId]),
            ),
          )
          .returning({ userId: subscriptions.userId })
          .all();
  const told = new Set<number>();
  for (const { userId } of [...revokedAttachments, ...endedSubscriptions]) {
    if (told.has(userId) || userId === formerManagerId) continue;
    told.add(userId);
    const person = tx
      .select({ firstName: users.firstName, contactEmail: users.contactEmail })
      .from(users)
      .where(eq(users.id, userId))
      .get()!;
    enqueueMail(
      tx,
      {
        to: person.contactEmail,
        template: "membership-changed",
        props: {
          firstName: person.firstName,
          message: `La gestion de ${input.structureName} a été contestée et l'opérateur du portail a décidé de la retirer à la personne qui l'exerçait : le rattachement et les abonnements qu'elle vous avait accordés sont retirés. Vous pouvez les demander de nouveau ; le gestionnaire principal en décidera.`,
          link: links.home(),
        },
      },
      now,
    );
  }

  // Requests transmitted since the contest was filed and still waiting for the administration.
  const transmittedSince = tx
    .selectDistinct({ id: refundRequests.id })
    .from(refundRequests)
    .innerJoin(
      refundStatusEvents,
      and(
        eq(refundStatusEvents.requestId, refundRequests.id),
        eq(refundStatusEvents.status, "submitted"),
        gte(refundStatusEvents.at, input.contestFiledAt),
      ),
    )
    .where(and(eq(refundRequests.structureId, structureId), eq(refundRequests.status, "submitted")))
    .all()
    .map((r) => r.id);
  for (const id of transmittedSince) {
    tx.update(refundRequests).set({ status: "draft", updatedAt: now }).where(eq(refundRequests.id, id)).run();
    tx.insert(refundStatusEvents)
      .values({
        requestId: id,
        status: "draft",
        at: now,
        actorUserId: null,
        motif: "Transmise pendant une contestation de la gestion de la structure : remise en brouillon par l'opérateur du portail.",
      })
      .run();
  }
  const reset = tx
    .select({ id: refundRequests.id, version: refundRequests.version })
    .from(refundRequests)
    .where(and(eq(refundRequests.structureId, structureId), inArray(refundRequests.status, [...EDITABLE_STATUSES])))
    .all();
  for (const request of reset) {
    tx.update(refundRequests)
      .set({ notInDifficulty: false, version: request.version + 1, updatedAt: now })
      .where(eq(refundRequests.id, request.id))
      .run();
  }

  const details = {
    mandatesEnded,
    attachmentsRevoked: revokedAttachments.map((a) => a.userId),
    subscriptionsEnded: endedSubscriptions.map((s) => s.userId),
    requestsBackToDraft: transmittedSince,
    requestsReset: reset.map((r) => r.id),
  };
  recordAudit(tx, { action: "operator.former_management_withdrawn", targetType: "structure", targetId: structureId, details }, now);
  return details;
}
