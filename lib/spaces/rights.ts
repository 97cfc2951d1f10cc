import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { spaces, structures, subscriptions } from "@/db/schema";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { parisToday } from "@/lib/dates";
import type { SpaceKind } from "./catalogue";

export type SpaceAccess = {
  spaceId: number;
  structureId: number;
  kind: SpaceKind;
  canView: boolean;
  canEdit: boolean;
  via: "mainManager" | "subscription";
};

/**
 * What this user may do in the open spaces of a structure, today. The gestionnaire principal has
 * the space's rights; a member has those of an approved subscription whose start date has come,
 * never more than the space's. « Modification » includes « Consultation ».
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
    .where(and(eq(subscriptions.userId, sql.placeholder("userId")), eq(subscriptions.status, "approved"), lte(subscriptions.startDate, sql.placeholder("today"))))
    .prepare(),
);

export function spaceAccesses(userId: number, structureId: number, now = new Date()): SpaceAccess[] {
  const open = openSpacesQuery().all({ structureId });
  if (open.length === 0) return [];
  const mine = startedSubscriptionsQuery().all({ userId, today: parisToday(now) });
  const result: SpaceAccess[] = [];
  for (const { space, mainManagerId } of open) {
    if (mainManagerId === userId) {
      result.push({ spaceId: space.id, structureId, kind: space.kind, canView: space.canView || space.canEdit, canEdit: space.canEdit, via: "mainManager" });
      continue;
    }
    const subscription = mine.find((s) => s.spaceId === space.id);
    if (!subscription) continue;
    const canEdit = subscription.canEdit && space.canEdit;
    const canView = canEdit || (subscription.canView && (space.canView || space.canEdit));
    if (canView) result.push({ spaceId: space.id, structureId, kind: space.kind, canView, canEdit, via: "subscription" });
  }
  return result;
}

export function spaceAccess(userId: number, spaceId: number, now = new Date()): SpaceAccess | null {
  const space = getDb().select({ structureId: spaces.structureId }).from(spaces).where(eq(spaces.id, spaceId)).get();
  if (!space) return null;
  return spaceAccesses(userId, space.structureId, now).find((a) => a.spaceId === spaceId) ?? null;
}
