import "server-only";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { attachments, mandates, spaces, structures, subscriptions } from "@/db/schema";
import { getDb } from "@/lib/db";
import { mandateInForce } from "@/lib/mandates/in-force";
import { prepared } from "@/lib/prepared";
import { parisToday } from "@/lib/dates";
import type { SpaceKind } from "./catalogue";

export type SpaceAccess = {
  spaceId: number;
  structureId: number;
  kind: SpaceKind;
  canView: boolean;
  canEdit: boolean;
  /** Transmit a refund request: whoever may edit, except a mandate granted without it. */
  canTransmit: boolean;
  via: "mainManager" | "subscription" | "mandate";
};

/**
 * What this user may do in the open spaces of a structure, today. The gestionnaire principal has
 * the space's rights; a member has those of an approved subscription whose start date has come,
 * never more than the space's. The members of a structure holding a mandate in force on the TIC space
 * have the rights it grants (ADR 0018). « Modification » includes « Consultation ».
 */
const openSpacesQuery = prepared((db) =>
  db
    .select({ space: spaces, mainManagerId: structures.mainManagerId })
    .from(spaces)
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .where(and(eq(spaces.structureId, sql.placeholder("structureId")), isNull(spaces.closedAt)))
    .prepare(),
);

const startedSubscriptionsQuery = prepared((db) =>
  db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, sql.placeholder("userId")),
        eq(subscriptions.status, "approved"),
        lte(subscriptions.startDate, sql.placeholder("today")),
      ),
    )
    .prepare(),
);

/**
 * The mandates in force today on this structure's spaces held by a structure this user is a member
 * of: the strongest, if several of their structures hold one.
 */
const mandatesInForceQuery = prepared((db) =>
  db
    .select({ canEdit: mandates.canEdit, canTransmit: mandates.canTransmit })
    .from(mandates)
    .innerJoin(attachments, and(eq(attachments.structureId, mandates.agentStructureId), eq(attachments.status, "approved")))
    .where(
      and(
        eq(mandates.farmStructureId, sql.placeholder("structureId")),
        eq(attachments.userId, sql.placeholder("userId")),
        mandateInForce(sql.placeholder("today")),
      ),
    )
    .prepare(),
);

export function spaceAccesses(userId: number, structureId: number, now = new Date()): SpaceAccess[] {
  const open = openSpacesQuery().all({ structureId });
  if (open.length === 0) return [];
  const today = parisToday(now);
  let mine: (typeof subscriptions.$inferSelect)[] | undefined;
  const result: SpaceAccess[] = [];
  for (const { space, mainManagerId } of open) {
    const spaceCanView = space.canView || space.canEdit;
    if (mainManagerId === userId) {
      result.push({
        spaceId: space.id,
        structureId,
        kind: space.kind,
        canView: spaceCanView,
        canEdit: space.canEdit,
        canTransmit: space.canEdit,
        via: "mainManager",
      });
      continue;
    }
    mine ??= startedSubscriptionsQuery().all({ userId, today });
    const subscription = mine.find((s) => s.spaceId === space.id);
    if (subscription) {
      const canEdit = subscription.canEdit && space.canEdit;
      const canView = canEdit || (subscription.canView && spaceCanView);
      if (canView) {
        result.push({ spaceId: space.id, structureId, kind: space.kind, canView, canEdit, canTransmit: canEdit, via: "subscription" });
        continue;
      }
    }
    // A mandate covers the TIC space only, and never more than the space allows.
    if (space.kind !== "ticRefund" || !spaceCanView) continue;
    const held = mandatesInForceQuery().all({ structureId, userId, today });
    if (held.length === 0) continue;
    const canEdit = space.canEdit && held.some((m) => m.canEdit);
    const canTransmit = canEdit && held.some((m) => m.canEdit && m.canTransmit);
    result.push({ spaceId: space.id, structureId, kind: space.kind, canView: true, canEdit, canTransmit, via: "mandate" });
  }
  return result;
}

export function spaceAccess(userId: number, spaceId: number, now = new Date()): SpaceAccess | null {
  const space = getDb().select({ structureId: spaces.structureId }).from(spaces).where(eq(spaces.id, spaceId)).get();
  if (!space) return null;
  return spaceAccesses(userId, space.structureId, now).find((a) => a.spaceId === spaceId) ?? null;
}
