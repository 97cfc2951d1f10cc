import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attachments, mandates, structures, users } from "@/db/schema";
import { parisToday } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { mandateInForce } from "./in-force";

const farm = alias(structures, "farm");
const agent = alias(structures, "agent");


/** Farms with a mandate in force held by a structure this user is an approved member of. */
const mandatedFarmsSelect = (db: Parameters<Parameters<typeof prepared>[0]>[0]) =>
  db
    .selectDistinct({ id: farm.id, name: farm.name, siret: farm.siret, mainManagerId: farm.mainManagerId, isManagementCentre: farm.isManagementCentre })
    .from(mandates)
    .innerJoin(attachments, and(eq(attachments.structureId, mandates.agentStructureId), eq(attachments.status, "approved")))
    .innerJoin(farm, eq(farm.id, mandates.farmStructureId));
const heldBy = and(eq(attachments.userId, sql.placeholder("userId")), mandateInForce(sql.placeholder("today")));

const mandatedFarmsQuery = prepared((db) => mandatedFarmsSelect(db).where(heldBy).orderBy(asc(farm.name)).prepare());
const mandatedFarmQuery = prepared((db) => mandatedFarmsSelect(db).where(and(heldBy, eq(farm.id, sql.placeholder("farmId")))).prepare());
const anyMandatedFarmQuery = prepared((db) => mandatedFarmsSelect(db).where(heldBy).limit(1).prepare());

/** The client farms this user works for through a mandate held by one of their structures. */
export function mandatedFarms(userId: number, now = new Date()) {
  return mandatedFarmsQuery().all({ userId, today: parisToday(now) });
}

/** That farm, if this user may work on it through a mandate today (one indexed look-up, not the whole list). */
export function mandatedFarm(userId: number, farmId: number, now = new Date()) {
  return mandatedFarmQuery().get({ userId, farmId, today: parisToday(now) });
}

/** Whether this user has at least one client farm: read on every page for the menu. */
export function hasMandatedFarms(userId: number, now = new Date()): boolean {
  return anyMandatedFarmQuery().get({ userId, today: parisToday(now) }) !== undefined;
}

const columns = {
  mandate: mandates,
  farmName: farm.name,
  farmSiret: farm.siret,
  agentName: agent.name,
  agentSiret: agent.siret,
};

/** One mandate with the names of both structures. */
export function mandateDetail(mandateId: number) {
  const requester = alias(users, "requester");
  return getDb()
    .select({ ...columns, requesterFirstName: requester.firstName, requesterLastName: requester.lastName })
    .from(mandates)
    .innerJoin(farm, eq(farm.id, mandates.farmStructureId))
    .innerJoin(agent, eq(agent.id, mandates.agentStructureId))
    .innerJoin(requester, eq(requester.id, mandates.requestedBy))
    .where(eq(mandates.id, mandateId))
    .get();
}

/** The mandates a structure gave (as a farm) and holds (as the mandated structure), newest first. */
export function mandatesOfStructure(structureId: number) {
  const rows = getDb()
    .select(columns)
    .from(mandates)
    .innerJoin(farm, eq(farm.id, mandates.farmStructureId))
    .innerJoin(agent, eq(agent.id, mandates.agentStructureId))
    .where(or(eq(mandates.farmStructureId, structureId), eq(mandates.agentStructureId, structureId)))
    .orderBy(desc(mandates.requestedAt), desc(mandates.id))
    .limit(500)
    .all();
  return {
    given: rows.filter((row) => row.mandate.farmStructureId === structureId),
    held: rows.filter((row) => row.mandate.agentStructureId === structureId),
  };
}

/** Mandates asked of the farms this user manages, waiting for their decision, oldest first. */
export function pendingMandateRequests(userId: number) {
  return getDb()
    .select(columns)
    .from(mandates)
    .innerJoin(farm, eq(farm.id, mandates.farmStructureId))
    .innerJoin(agent, eq(agent.id, mandates.agentStructureId))
    .where(and(eq(farm.mainManagerId, userId), eq(mandates.status, "pending")))
    .orderBy(asc(mandates.requestedAt), asc(mandates.id))
    .limit(200)
    .all();
}

const pendingCountQuery = prepared((db) =>
  db
    .select({ count: sql<number>`count(*)` })
    .from(mandates)
    .innerJoin(structures, eq(structures.id, mandates.farmStructureId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(mandates.status, "pending")))
    .prepare(),
);

export function pendingMandateCount(userId: number): number {
  return pendingCountQuery().get({ userId })?.count ?? 0;
}
