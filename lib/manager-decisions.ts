import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { attachments, spaces, structures, subscriptions } from "@/db/schema";
import { pendingMandateCount } from "@/lib/mandates/queries";
import { prepared } from "@/lib/prepared";

export type PendingDecisionCounts = { attachments: number; subscriptions: number; mandates: number; total: number };

// Index-only plans (EXPLAIN QUERY PLAN): attachments from structures_main_manager_idx then
// attachments_structure_status_idx; subscriptions through the partial index of pending ones (few at any time).
const pendingAttachmentsQuery = prepared((db) =>
  db
    .select({ count: sql<number>`count(*)` })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(attachments.status, "pending")))
    .prepare(),
);

const pendingSubscriptionsQuery = prepared((db) =>
  db
    .select({ count: sql<number>`count(*)` })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .innerJoin(structures, eq(structures.id, spaces.structureId))
    .where(and(eq(structures.mainManagerId, sql.placeholder("userId")), eq(subscriptions.status, "pending")))
    .prepare(),
);

/** The decisions waiting for this gestionnaire principal, on every structure they manage. */
export function pendingDecisionCounts(userId: number): PendingDecisionCounts {
  const attachmentCount = pendingAttachmentsQuery().get({ userId })?.count ?? 0;
  const subscriptionCount = pendingSubscriptionsQuery().get({ userId })?.count ?? 0;
  const mandates = pendingMandateCount(userId);
  return {
    attachments: attachmentCount,
    subscriptions: subscriptionCount,
    mandates,
    total: attachmentCount + subscriptionCount + mandates,
  };
}

/** The same, read once per request: the menu and « Accueil » both show it. */
export const pendingDecisionCountsOnce = cache(pendingDecisionCounts);
