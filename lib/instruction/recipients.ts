import { and, desc, eq, inArray } from "drizzle-orm";
import { mandates, refundStatusEvents, structures, users } from "@/db/schema";
import { parisToday } from "@/lib/dates";
import type { Db } from "@/lib/db";
import { mandateInForce } from "@/lib/mandates/in-force";

/**
 * Who is told of an administration's step on a request (issue 20): the farm's gestionnaire
 * principal, the person who last transmitted it, and the gestionnaire principal of each structure
 * holding a mandate in force on the farm (the centre de gestion). Each person once.
 */
export function requestRecipients(tx: Db, request: { id: number; structureId: number }, now: Date) {
  const manager = tx.select({ id: structures.mainManagerId }).from(structures).where(eq(structures.id, request.structureId)).get();
  const transmitter = tx
    .select({ id: refundStatusEvents.actorUserId })
    .from(refundStatusEvents)
    .where(and(eq(refundStatusEvents.requestId, request.id), eq(refundStatusEvents.status, "submitted")))
    .orderBy(desc(refundStatusEvents.id))
    .get();
  const centres = tx
    .select({ id: structures.mainManagerId })
    .from(mandates)
    .innerJoin(structures, eq(structures.id, mandates.agentStructureId))
    .where(and(eq(mandates.farmStructureId, request.structureId), mandateInForce(parisToday(now))))
    .all();
  const ids = [
    ...new Set([manager?.id, transmitter?.id, ...centres.map((c) => c.id)].filter((id): id is number => typeof id === "number")),
  ];
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, firstName: users.firstName, contactEmail: users.contactEmail })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, "active")))
    .all();
}
