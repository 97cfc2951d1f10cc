import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attachments, auditEvents, services, spaces, structures, subscriptions, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import type { Actor } from "@/lib/auth/sessions";
import { currentStructureOnce, openTicSpaceOnce, rightsOnce } from "@/lib/page-reads";
import { SPACE_KINDS } from "./catalogue";

/** Everything « Modification de la structure » shows. */
export function structureDetail(structureId: number) {
  const db = getDb();
  const structure = db.select().from(structures).where(eq(structures.id, structureId)).get();
  if (!structure) return null;
  const serviceRows = db.select().from(services).where(eq(services.structureId, structureId)).orderBy(asc(services.code)).all();
  const openSpaces = db
    .select()
    .from(spaces)
    .where(and(eq(spaces.structureId, structureId), isNull(spaces.closedAt)))
    .orderBy(asc(spaces.openedAt))
    .all()
    .map((space) => ({
      ...space,
      label: SPACE_KINDS[space.kind].label,
      services: space.serviceIds
        ? (JSON.parse(space.serviceIds) as number[]).map((id) => serviceRows.find((s) => s.id === id)?.code ?? `#${id}`)
        : null,
    }));
  const members = db
    .select({
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      loginEmail: users.loginEmail,
      since: attachments.decidedAt,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.userId))
    .where(and(eq(attachments.structureId, structureId), eq(attachments.status, "approved")))
    .orderBy(asc(users.lastName), asc(users.firstName))
    .all();
  const spaceIds = openSpaces.map((s) => s.id);
  const subs = spaceIds.length
    ? db
        .select()
        .from(subscriptions)
        .where(and(inArray(subscriptions.spaceId, spaceIds), inArray(subscriptions.status, ["approved", "pending"])))
        .all()
    : [];
  return {
    structure,
    services: serviceRows,
    spaces: openSpaces,
    members: members.map((m) => ({
      ...m,
      isMainManager: m.userId === structure.mainManagerId,
      subscriptions: subs
        .filter((s) => s.userId === m.userId)
        .map((s) => ({ ...s, spaceLabel: openSpaces.find((space) => space.id === s.spaceId)!.label })),
    })),
  };
}

/** History of decisions on a structure, from the audit events, newest first. */
export function structureHistory(structureId: number, limit = 50) {
  const db = getDb();
  const attachmentIds = db
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.structureId, structureId))
    .all()
    .map((a) => String(a.id));
  const subscriptionIds = db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .where(eq(spaces.structureId, structureId))
    .all()
    .map((s) => String(s.id));
  const actor = alias(users, "actor");
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      details: auditEvents.details,
      actorFirst: actor.firstName,
      actorLast: actor.lastName,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .where(
      or(
        and(eq(auditEvents.targetType, "structure"), eq(auditEvents.targetId, String(structureId))),
        attachmentIds.length ? and(eq(auditEvents.targetType, "attachment"), inArray(auditEvents.targetId, attachmentIds)) : undefined,
        subscriptionIds.length
          ? and(eq(auditEvents.targetType, "subscription"), inArray(auditEvents.targetId, subscriptionIds))
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit)
    .all();
}

/** Pending subscription requests to the structures this user manages, oldest first. */
/** How many subscription requests wait, per structure this user manages. */
const pendingSubscriptionCountsQuery = prepared((db) =>
  db
    .select({ structureId: spaces.structureId, count: sql<number>`count(*)` })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(subscriptions.status, "pending")))
    .groupBy(spaces.structureId)
    .prepare(),
);

export function pendingSubscriptionCounts(userId: number): Map<number, number> {
  const rows = pendingSubscriptionCountsQuery().all({ userId });
  return new Map(rows.map((row) => [row.structureId, row.count]));
}

const requester = alias(users, "requester");
const pendingSubscriptionRequestsQuery = prepared((db) =>
  db
    .select({
      id: subscriptions.id,
      requestedAt: subscriptions.requestedAt,
      canView: subscriptions.canView,
      canEdit: subscriptions.canEdit,
      startDate: subscriptions.startDate,
      kind: spaces.kind,
      structureId: structures.id,
      structureName: structures.name,
      firstName: requester.firstName,
      lastName: requester.lastName,
      loginEmail: requester.loginEmail,
    })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .innerJoin(requester, eq(requester.id, subscriptions.userId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(subscriptions.status, "pending")))
    .orderBy(asc(subscriptions.requestedAt), asc(subscriptions.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(),
);

export function pendingSubscriptionRequests(userId: number, window: { limit: number; offset: number } = { limit: -1, offset: 0 }) {
  return pendingSubscriptionRequestsQuery().all({ userId, ...window });
}

/** « Mes abonnements aux espaces ». */
export function mySubscriptions(userId: number) {
  const manager = alias(users, "manager");
  return getDb()
    .select({
      id: subscriptions.id,
      status: subscriptions.status,
      canView: subscriptions.canView,
      canEdit: subscriptions.canEdit,
      startDate: subscriptions.startDate,
      requestedAt: subscriptions.requestedAt,
      reason: subscriptions.reason,
      kind: spaces.kind,
      structureName: structures.name,
      managerFirstName: manager.firstName,
      managerLastName: manager.lastName,
    })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .innerJoin(manager, eq(manager.id, structures.mainManagerId))
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.requestedAt), desc(subscriptions.id))
    .all();
}

/** Spaces this user may ask a subscription for: open on a structure they are attached to, not as its manager. */
export function subscribableSpaces(userId: number) {
  return getDb()
    .select({
      spaceId: spaces.id,
      kind: spaces.kind,
      canView: spaces.canView,
      canEdit: spaces.canEdit,
      structureId: structures.id,
      structureName: structures.name,
      mainManagerId: structures.mainManagerId,
    })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .innerJoin(spaces, and(eq(spaces.structureId, structures.id), isNull(spaces.closedAt)))
    .where(and(eq(attachments.userId, userId), eq(attachments.status, "approved")))
    .orderBy(asc(structures.name), asc(spaces.kind))
    .all()
    .filter((row) => row.mainManagerId !== userId)
    .map((row) => ({ ...row, label: SPACE_KINDS[row.kind].label }));
}

/** The TIC space of the structure the actor works on, if they may see it (for pages: read once per request). */
export function ticSpaceForUser(actor: Actor) {
  const { current } = currentStructureOnce(actor.userId);
  const grant = current ? rightsOnce(actor, current.id) : null;
  const access = grant?.rights.has("refund.view") ? grant.tic : undefined;
  if (!current || !access) return null;
  const space = openTicSpaceOnce(current.id)!;
  return { structure: current, access, space };
}
