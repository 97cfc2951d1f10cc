import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attachments, services, structures, userPreferences, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { hasMandatedFarms, mandatedFarm } from "@/lib/mandates/queries";

const manager = alias(users, "manager");

const structureBySiretQuery = prepared((db) =>
  db
    .select({ structure: structures, managerFirstName: manager.firstName, managerLastName: manager.lastName })
    .from(structures)
    .innerJoin(manager, eq(manager.id, structures.mainManagerId))
    .where(eq(structures.siret, sql.placeholder("siret")))
    .prepare(),
);

export function structureBySiret(siret: string) {
  return structureBySiretQuery().get({ siret });
}

/** « Mes rattachements »: every request and attachment of the actor, newest first. */
export function myAttachments(actor: Actor) {
  return getDb()
    .select({
      id: attachments.id,
      status: attachments.status,
      requestedAt: attachments.requestedAt,
      decidedAt: attachments.decidedAt,
      reason: attachments.reason,
      structureId: structures.id,
      structureName: structures.name,
      siret: structures.siret,
      managerFirstName: manager.firstName,
      managerLastName: manager.lastName,
      isMainManager: eq(structures.mainManagerId, actor.userId),
    })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .innerJoin(manager, eq(manager.id, structures.mainManagerId))
    .where(eq(attachments.userId, actor.userId))
    .orderBy(desc(attachments.requestedAt), desc(attachments.id))
    .all()
    .map((row) => ({ ...row, isMainManager: Boolean(row.isMainManager) }));
}

const memberStructuresQuery = prepared((db) =>
  db
    .select({
      id: structures.id,
      name: structures.name,
      siret: structures.siret,
      mainManagerId: structures.mainManagerId,
      isManagementCentre: structures.isManagementCentre,
    })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .where(and(eq(attachments.userId, sql.placeholder("userId")), eq(attachments.status, "approved")))
    .orderBy(asc(structures.name))
    .prepare(),
);

/** The structures the actor is attached to (approved), by name. */
export function memberStructures(userId: number) {
  return memberStructuresQuery().all({ userId });
}

const managedStructuresQuery = prepared((db) =>
  db
    .select()
    .from(structures)
    .where(eq(structures.mainManagerId, sql.placeholder("userId")))
    .orderBy(asc(structures.name))
    .prepare(),
);

export function managedStructures(userId: number) {
  return managedStructuresQuery().all({ userId });
}

/** How many attachment requests wait, per structure this user manages. */
const pendingAttachmentCountsQuery = prepared((db) =>
  db
    .select({ structureId: attachments.structureId, count: sql<number>`count(*)` })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(attachments.status, "pending")))
    .groupBy(attachments.structureId)
    .prepare(),
);

export function pendingAttachmentCounts(userId: number): Map<number, number> {
  const rows = pendingAttachmentCountsQuery().all({ userId });
  return new Map(rows.map((row) => [row.structureId, row.count]));
}

/** Pending attachment requests of the structures this user manages, oldest first; one page of them if asked. */
const requester = alias(users, "requester");
const pendingAttachmentRequestsQuery = prepared((db) =>
  db
    .select({
      id: attachments.id,
      requestedAt: attachments.requestedAt,
      serviceIds: attachments.serviceIds,
      structureId: structures.id,
      structureName: structures.name,
      siret: structures.siret,
      firstName: requester.firstName,
      lastName: requester.lastName,
      loginEmail: requester.loginEmail,
    })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .innerJoin(requester, eq(requester.id, attachments.userId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(attachments.status, "pending")))
    .orderBy(asc(attachments.requestedAt), asc(attachments.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(),
);

export function pendingAttachmentRequests(userId: number, window: { limit: number; offset: number } = { limit: -1, offset: 0 }) {
  return pendingAttachmentRequestsQuery().all({ userId, ...window });
}

const preferenceQuery = prepared((db) =>
  db
    .select({ id: userPreferences.currentStructureId })
    .from(userPreferences)
    .where(eq(userPreferences.userId, sql.placeholder("userId")))
    .prepare(),
);

/**
 * The structure the actor works on: their choice if they still may, else their first own one. They
 * may work on the structures they are attached to (`all`, the selector's list) and on the client
 * farms of a mandate (reached from « Portefeuille »; the one chosen joins `all`). A centre may have
 * hundreds of clients: only the chosen one is read here, on every page (ADR 0018).
 */
export function currentStructure(userId: number) {
  const members = memberStructures(userId).map((s) => ({ ...s, via: "member" as const }));
  const hasClients = hasMandatedFarms(userId);
  const preferredId = preferenceQuery().get({ userId })?.id ?? null;
  const own = members.find((s) => s.id === preferredId);
  const client = !own && hasClients && preferredId !== null ? mandatedFarm(userId, preferredId) : undefined;
  const all = client ? [...members, { ...client, via: "mandate" as const }].sort((a, b) => byName.compare(a.name, b.name)) : members;
  const current = own ?? all.find((s) => s.id === client?.id) ?? all[0] ?? null;
  return { current, all, hasClients };
}

const byName = new Intl.Collator("fr");

export function attachmentsByIds(ids: number[]) {
  if (ids.length === 0) return [];
  return getDb()
    .select({ attachment: attachments, structure: structures, user: users })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .innerJoin(users, eq(users.id, attachments.userId))
    .where(inArray(attachments.id, ids))
    .all();
}

/** Active services of a structure, for the forms that offer them. */
const activeServicesQuery = prepared((db) =>
  db
    .select({ id: services.id, code: services.code, label: services.label })
    .from(services)
    .where(and(eq(services.structureId, sql.placeholder("structureId")), eq(services.isActive, true)))
    .orderBy(asc(services.code))
    .prepare(),
);

export function activeServices(structureId: number) {
  return activeServicesQuery().all({ structureId });
}

/**
 * The service codes of several requests (their JSON lists of service ids) in one query: a page of
 * 50 requests must not ask 50 times. Returns, for a list, « CULT, ELEV » or null (whole structure).
 */
export function serviceCodesOf(serviceIdsJsons: (string | null)[]): (serviceIdsJson: string | null) => string | null {
  const parse = (json: string | null) => (json ? (JSON.parse(json) as number[]) : []);
  const ids = [...new Set(serviceIdsJsons.flatMap(parse))];
  const codes = new Map(
    ids.length === 0
      ? []
      : getDb()
          .select({ id: services.id, code: services.code })
          .from(services)
          .where(inArray(services.id, ids))
          .all()
          .map((s) => [s.id, s.code] as const),
  );
  return (json) => {
    const list = parse(json)
      .map((id) => codes.get(id))
      .filter((code): code is string => code !== undefined)
      .sort();
    return list.length > 0 ? list.join(", ") : null;
  };
}

export function serviceCodes(serviceIdsJson: string | null): string | null {
  return serviceCodesOf([serviceIdsJson])(serviceIdsJson);
}
