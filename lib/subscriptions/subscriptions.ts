import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { spaces, structures, subscriptions, users } from "@/db/schema";
import { assertAuthorized, assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import { decisionMessage, refusedDecision } from "@/lib/decisions";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { notify } from "@/lib/mail/digest";
import { enqueueMail } from "@/lib/mail/outbox";
import { limit } from "@/lib/security/rate-limit";
import type { RequestMeta } from "@/lib/request-meta";
import { SPACE_KINDS } from "@/lib/spaces/catalogue";
import type { DecideInput } from "@/lib/structures/schemas";
import { formatIsoDay, parisToday } from "@/lib/dates";
import { rightsText } from "@/lib/rights-wording";
import type { RequestSubscriptionInput } from "./schemas";
import { fullName } from "@/lib/names";

/** A member asks for a space of one of their structures; the gestionnaire principal gets a mail. */
export function requestSubscription(
  actor: Actor,
  input: RequestSubscriptionInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ subscriptionId: number }> {
  const manager = alias(users, "manager");
  const found = getDb()
    .select({ space: spaces, structure: structures, manager })
    .from(spaces)
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .innerJoin(manager, eq(manager.id, structures.mainManagerId))
    .where(eq(spaces.id, input.spaceId))
    .get();
  if (!found || found.structure.id !== input.structureId || found.space.closedAt !== null) {
    return { ok: false, fieldErrors: { spaceId: "Cet espace n'est pas ouvert sur la structure choisie." } };
  }
  const { structure } = assertAuthorized(actor, "subscription.request", { spaceId: input.spaceId });
  if (structure.isManager) {
    return { ok: false, formError: "En tant que gestionnaire principal, vous avez déjà accès aux espaces ouverts sur cette structure." };
  }
  const label = SPACE_KINDS[found.space.kind].label;
  if (input.canEdit && !found.space.canEdit)
    return { ok: false, fieldErrors: { canEdit: `L'espace « ${label} » est ouvert en consultation seulement.` } };
  if (input.canView && !found.space.canView && !found.space.canEdit)
    return { ok: false, fieldErrors: { canView: `L'espace « ${label} » n'est pas ouvert en consultation.` } };
  if (input.startDate < parisToday(now)) return { ok: false, fieldErrors: { startDate: "La date de début est aujourd'hui ou plus tard." } };

  const result = inTransaction((tx): ActionResult<{ subscriptionId: number }> => {
    const existing = tx
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.userId, actor.userId),
          eq(subscriptions.spaceId, input.spaceId),
          inArray(subscriptions.status, ["pending", "approved"]),
        ),
      )
      .get();
    if (existing?.status === "pending")
      return { ok: false, formError: "Vous avez déjà une demande d'abonnement en attente pour cet espace." };
    if (existing?.status === "approved")
      return { ok: false, formError: "Vous êtes déjà abonné à cet espace. Mettez fin à cet abonnement pour en demander un autre." };
    // Request, cancel, request again…: a few a day per space (issue 22, point 3).
    const hit = limit([["subscriptionRequest.userSpace", `${actor.userId}:${input.spaceId}`]], now.getTime());
    if (!hit.allowed) return { ok: false, formError: hit.message };
    const row = tx
      .insert(subscriptions)
      .values({
        userId: actor.userId,
        spaceId: input.spaceId,
        canView: input.canView || input.canEdit,
        canEdit: input.canEdit,
        startDate: input.startDate,
        status: "pending",
        requestedAt: now,
      })
      .returning({ id: subscriptions.id })
      .get();
    // One mail a day per requester and space; the requests beyond go to the manager's digest.
    notify(
      tx,
      {
        userId: found.manager.id,
        pair: `${actor.userId}:${input.spaceId}`,
        to: found.manager.contactEmail,
        template: "subscription-requested",
        props: {
          managerFirstName: found.manager.firstName,
          requesterName: `${fullName(actor)}`,
          structureName: found.structure.name,
          spaceLabel: label,
          rights: rightsText({ canView: input.canView || input.canEdit, canEdit: input.canEdit }),
          startDate: formatIsoDay(input.startDate),
          link: links.managerDashboard(),
        },
      },
      now,
    );
    recordAudit(
      tx,
      {
        action: "subscription.requested",
        actorUserId: actor.userId,
        targetType: "subscription",
        targetId: row.id,
        ip: meta.ip,
        details: {
          structureId: found.structure.id,
          spaceId: input.spaceId,
          canView: input.canView,
          canEdit: input.canEdit,
          startDate: input.startDate,
        },
      },
      now,
    );
    return {
      ok: true,
      data: { subscriptionId: row.id },
      message: `Votre demande est transmise à ${fullName(found.manager)}, gestionnaire principal.`,
    };
  });
  if (result.ok) kickDelivery();
  return result;
}

/** Validate or refuse subscription requests, one or several; each is decided once. */
export function decideSubscriptions(
  actor: Actor,
  input: DecideInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ decided: number; alreadyDone: number }> {
  const ids = [...new Set(input.ids)];
  const refused = refusedDecision(
    actor,
    "subscription.decide",
    ids.map((subscriptionId) => ({ subscriptionId })),
  );
  if (refused) return refused;
  const approved = input.decision === "approve";
  const rows = getDb()
    .select({ subscription: subscriptions, space: spaces, structure: structures, user: users })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .where(inArray(subscriptions.id, ids))
    .all();
  const result = inTransaction((tx) => {
    let decided = 0;
    for (const { subscription, space, structure, user } of rows) {
      const changed = tx
        .update(subscriptions)
        .set({ status: approved ? "approved" : "refused", decidedAt: now, decidedBy: actor.userId, reason: approved ? null : input.reason })
        .where(and(eq(subscriptions.id, subscription.id), eq(subscriptions.status, "pending")))
        .run().changes;
      if (changed === 0) continue;
      decided++;
      enqueueMail(
        tx,
        {
          to: user.contactEmail,
          template: "subscription-decided",
          props: {
            firstName: user.firstName,
            structureName: structure.name,
            spaceLabel: SPACE_KINDS[space.kind].label,
            approved,
            rights: rightsText(subscription),
            startDate: formatIsoDay(subscription.startDate),
            managerName: `${fullName(actor)}`,
            reason: approved ? null : input.reason,
            link: links.home(),
          },
        },
        now,
      );
      recordAudit(
        tx,
        {
          action: approved ? "subscription.approved" : "subscription.refused",
          actorUserId: actor.userId,
          targetType: "subscription",
          targetId: subscription.id,
          ip: meta.ip,
          details: { structureId: structure.id, spaceId: space.id, userId: user.id, ...(approved ? {} : { reason: input.reason }) },
        },
        now,
      );
    }
    return { decided, alreadyDone: ids.length - decided };
  });
  kickDelivery();
  return { ok: true, data: result, message: decisionMessage(result, approved, "d'abonnement") };
}

/** A member ends their own subscription; the gestionnaire principal can end any of the structure. */
export function endSubscription(actor: Actor, subscriptionId: number, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "subscription.end", { subscriptionId });
  return inTransaction((tx): ActionResult => {
    const ended = tx
      .update(subscriptions)
      .set({ status: "ended", endedAt: now, endedBy: actor.userId })
      .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.status, "approved")))
      .run().changes;
    const cancelled = ended
      ? 0
      : tx
          .update(subscriptions)
          .set({ status: "cancelled", decidedAt: now, decidedBy: actor.userId })
          .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.status, "pending")))
          .run().changes;
    if (!ended && !cancelled) return { ok: false, formError: "Cet abonnement est déjà terminé." };
    recordAudit(
      tx,
      {
        action: ended ? "subscription.ended" : "subscription.cancelled",
        actorUserId: actor.userId,
        targetType: "subscription",
        targetId: subscriptionId,
        ip: meta.ip,
      },
      now,
    );
    return { ok: true, data: undefined, message: ended ? "L'abonnement est terminé." : "La demande d'abonnement est annulée." };
  });
}
