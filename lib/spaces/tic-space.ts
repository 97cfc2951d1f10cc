import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { spaces } from "@/db/schema";
import { prepared } from "@/lib/prepared";

const openTicSpaceQuery = prepared((db) =>
  db
    .select()
    .from(spaces)
    .where(and(eq(spaces.structureId, sql.placeholder("structureId")), eq(spaces.kind, "ticRefund"), isNull(spaces.closedAt)))
    .prepare(),
);

/** The structure's open « Demande de remboursement TIC » space, if any. */
export function openTicSpace(structureId: number) {
  return openTicSpaceQuery().get({ structureId });
}
