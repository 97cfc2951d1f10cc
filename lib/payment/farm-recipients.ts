import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { mandates, refundStatusEvents, structures, users } from "@/db/schema";
import { parisToday } from "@/lib/dates";
import type { Db } from "@/lib/db";
import { mandateInForceSql } from "@/lib/mandates/in-force";

export type FarmRecipient = { id: number; firstName: string; contactEmail: string };

/**
 * Who hears of the administration's steps on a request (issue 20): the farm's gestionnaire
 * principal, the person who last transmitted it, and the gestionnaire principal of the structure
 * holding a mandate in force on the farm (its centre de gestion), each once. Mails go through
 * `notify` (lib/mail/digest.ts), so a centre that chose the daily digest gets it there.
 */
export function farmRecipients(tx: Db, requestId: number, structureId: number, now: Date): FarmRecipient[] {
  const manager = tx.select({ id: structures.mainManagerId }).from(structures).where(eq(structures.id, structureId)).get()?.id ?? null;
  const transmitter =
    tx
      .select({ id: refundStatusEvents.actorUserId })
      .from(refundStatusEvents)
      .where(and(eq(refundStatusEvents.requestId, requestId), eq(refundStatusEvents.status, "submitted")))
      .orderBy(desc(refundStatusEvents.id))
      .get()?.id ?? null;
  const centres = tx
    .select({ id: structures.mainManagerId })
    .from(mandates)
    .innerJoin(structures, eq(structures.id, mandates.agentStructureId))
    .where(and(eq(mandates.farmStructureId, structureId), sql.raw(mandateInForceSql("mandates", `'${parisToday(now)}'`))))
    .all()
    .map((row) => row.id);
  const ids = [...new Set([manager, transmitter, ...centres].filter((id): id is number => id !== null))];
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, firstName: users.firstName, contactEmail: users.contactEmail })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, "active")))
    .all();
}
