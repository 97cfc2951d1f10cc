import "server-only";
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attachments, mandates, structures, users } from "@/db/schema";
import { formatDay, formatIsoDay, parisToday } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { mandateInForce, mandateInForceSql } from "./in-force";

const farm = alias(structures, "farm");
const agent = alias(structures, "agent");

/** Farms with a mandate in force held by a structure this user is an approved member of. */
const mandatedFarmsSelect = (db: Parameters<Parameters<typeof prepared>[0]>[0]) =>
  db
    .selectDistinct({
      id: farm.id,
      name: farm.name,
      siret: farm.siret,
      mainManagerId: farm.mainManagerId,
      isManagementCentre: farm.isManagementCentre,
    })
    .from(mandates)
    .innerJoin(attachments, and(eq(attachments.structureId, mandates.agentStructureId), eq(attachments.status, "approved")))
    .innerJoin(farm, eq(farm.id, mandates.farmStructureId));
const heldBy = and(eq(attachments.userId, sql.placeholder("userId")), mandateInForce(sql.placeholder("today")));

const mandatedFarmsQuery = prepared((db) => mandatedFarmsSelect(db).where(heldBy).orderBy(asc(farm.name)).prepare());
const mandatedFarmQuery = prepared((db) =>
  mandatedFarmsSelect(db)
    .where(and(heldBy, eq(farm.id, sql.placeholder("farmId"))))
    .prepare(),
);
/**
 * One probe of `mandates_agent_status_idx` per structure the user belongs to, stopping at the first
 * mandate in force. Read on every page: when the statistics said one centre holds most mandates (the
 * bench's database, or a young portal), SQLite scanned them all instead, for a farmer who has none;
 * hence the index named.
 */
const anyMandatedFarmQuery = prepared((db) =>
  db.$client.prepare<{ userId: number; today: string }, { found: number }>(`
SELECT 1 AS found FROM attachments a
WHERE a.user_id = @userId AND a.status = 'approved'
  AND EXISTS (SELECT 1 FROM mandates m INDEXED BY mandates_agent_status_idx WHERE m.agent_structure_id = a.structure_id AND ${mandateInForceSql("m", "@today")})
LIMIT 1`),
);

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

const holderQuery = prepared((db) =>
  db
    .select({ agentId: mandates.agentStructureId })
    .from(mandates)
    .innerJoin(attachments, and(eq(attachments.structureId, mandates.agentStructureId), eq(attachments.status, "approved")))
    .where(and(heldBy, eq(mandates.farmStructureId, sql.placeholder("farmId"))))
    .orderBy(asc(mandates.id))
    .limit(1)
    .prepare(),
);

/**
 * The structure whose mandates « Mandats » shows (issue 21): the one worked on; or, while working
 * on a client farm through a mandate, the user's own structure that holds that mandate (else their
 * first own one). Null without any own structure.
 */
export function mandatesHome<S extends { id: number; via: "member" | "mandate" }>(
  userId: number,
  current: S | null,
  all: S[],
  now = new Date(),
): S | null {
  if (!current || current.via === "member") return current;
  const holder = holderQuery().get({ userId, farmId: current.id, today: parisToday(now) });
  const own = all.filter((s) => s.via === "member");
  return own.find((s) => s.id === holder?.agentId) ?? own[0] ?? null;
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
const pendingMandateRequestsQuery = prepared((db) =>
  db
    .select(columns)
    .from(mandates)
    .innerJoin(farm, eq(farm.id, mandates.farmStructureId))
    .innerJoin(agent, eq(agent.id, mandates.agentStructureId))
    .where(and(eq(farm.mainManagerId, sql.placeholder("userId")), eq(mandates.status, "pending")))
    .orderBy(asc(mandates.requestedAt), asc(mandates.id))
    .limit(200)
    .prepare(),
);

export function pendingMandateRequests(userId: number) {
  return pendingMandateRequestsQuery().all({ userId });
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

/**
 * Why a request of a farm is closed to this user, when it is because the mandate their structure
 * held on that farm has ended (or passed its last day) and none is in force: the page then says so
 * instead of a bare « Page introuvable » (issue 21). Only what the user knew already (the mandate
 * their own structure held) is told; any other user still gets « Page introuvable ».
 */
export function endedMandateOnRequest(userId: number, requestId: number, now = new Date()) {
  const today = parisToday(now);
  const found = getDb()
    .$client.prepare(
      `SELECT m.id AS mandateId, m.status, m.end_date AS endDate, m.ended_at AS endedAt, f.name AS farmName, g.name AS agentName, r.year
       FROM refund_requests r
       JOIN mandates m ON m.farm_structure_id = r.structure_id
       JOIN attachments a ON a.structure_id = m.agent_structure_id AND a.user_id = @userId AND a.status = 'approved'
       JOIN structures f ON f.id = m.farm_structure_id
       JOIN structures g ON g.id = m.agent_structure_id
       WHERE r.id = @requestId AND (m.status = 'ended' OR (m.status = 'active' AND NOT ${mandateInForceSql("m")}))
       ORDER BY m.id DESC
       LIMIT 1`,
    )
    .get({ userId, requestId, today }) as
    | {
        mandateId: number;
        status: string;
        endDate: string | null;
        endedAt: number | null;
        farmName: string;
        agentName: string;
        year: number;
      }
    | undefined;
  if (!found) return null;
  return {
    mandateId: found.mandateId,
    farmName: found.farmName,
    agentName: found.agentName,
    year: found.year,
    /** « a pris fin le 3 décembre 2026 » (ended by either side) or « a pris fin après son dernier jour, le … » (its end date passed). */
    endedText:
      found.status === "ended" && found.endedAt !== null
        ? `a pris fin le ${formatDay(new Date(found.endedAt))}`
        : `a pris fin après son dernier jour, le ${formatIsoDay(found.endDate!)}`,
  };
}
