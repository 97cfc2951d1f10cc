import "server-only";
import { and, eq } from "drizzle-orm";
import { structureContests, structures, users } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { formatSiret } from "@/lib/identifiers";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import type { RequestMeta } from "@/lib/request-meta";
import { RATE_LIMITS, limit } from "@/lib/security/rate-limit";
import { fullName } from "@/lib/names";

/** Contests per person over a day, whatever the structure (docs/decisions/0005-rate-limits.md). */
export const CONTESTS_PER_USER_PER_DAY = RATE_LIMITS["structureContest.user"].limit;

/** What « Contester la gestion » shows about the structure: its name, never its manager's contact. */
export function contestTarget(structureId: number) {
  return getDb()
    .select({ id: structures.id, name: structures.name, siret: structures.siret })
    .from(structures)
    .where(eq(structures.id, structureId))
    .get();
}

export function pendingContestOf(userId: number, structureId: number) {
  return getDb()
    .select({ id: structureContests.id, createdAt: structureContests.createdAt })
    .from(structureContests)
    .where(
      and(eq(structureContests.userId, userId), eq(structureContests.structureId, structureId), eq(structureContests.status, "pending")),
    )
    .get();
}

/**
 * « Contester la gestion »: a person refused because the structure already exists says it is not
 * its gestionnaire principal's to manage. The manager is told by mail, and an operator decides
 * (`npm run operator -- contests`).
 */
export function contestManagement(
  actor: Actor,
  input: { structureId: number; motif: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ contestId: number }> {
  assertCan(actor, "structure.contest", { structureId: input.structureId });
  if (pendingContestOf(actor.userId, input.structureId))
    return { ok: false, formError: "Vous avez déjà contesté la gestion de cette structure : nos services examinent votre demande." };
  const verdict = limit([["structureContest.user", actor.userId]], now.getTime());
  if (!verdict.allowed) return { ok: false, formError: verdict.message };
  const result = inTransaction((tx): ActionResult<{ contestId: number }> => {
    const structure = tx.select().from(structures).where(eq(structures.id, input.structureId)).get()!;
    const existing = tx
      .select({ id: structureContests.id })
      .from(structureContests)
      .where(
        and(
          eq(structureContests.userId, actor.userId),
          eq(structureContests.structureId, structure.id),
          eq(structureContests.status, "pending"),
        ),
      )
      .get();
    if (existing)
      return { ok: false, formError: "Vous avez déjà contesté la gestion de cette structure : nos services examinent votre demande." };
    const contest = tx
      .insert(structureContests)
      .values({
        structureId: structure.id,
        userId: actor.userId,
        managerId: structure.mainManagerId,
        motif: input.motif,
        status: "pending",
        createdAt: now,
      })
      .returning({ id: structureContests.id })
      .get();
    const manager = tx
      .select({ firstName: users.firstName, contactEmail: users.contactEmail })
      .from(users)
      .where(eq(users.id, structure.mainManagerId))
      .get()!;
    enqueueMail(
      tx,
      {
        to: manager.contactEmail,
        template: "structure-contested",
        props: {
          managerFirstName: manager.firstName,
          contesterName: `${fullName(actor)}`,
          structureName: structure.name,
          siret: formatSiret(structure.siret),
          verified: structure.verificationStatus === "verified",
          link: links.structure(structure.id),
        },
      },
      now,
    );
    // The motif is for the operator; the audit keeps its length, not its words.
    recordAudit(
      tx,
      {
        action: "structure.contested",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: structure.id,
        ip: meta.ip,
        details: { contestId: contest.id, managerId: structure.mainManagerId, motifLength: input.motif.length },
      },
      now,
    );
    return {
      ok: true,
      data: { contestId: contest.id },
      message:
        "Votre contestation est enregistrée. Le gestionnaire principal en est informé et nos services vont l'examiner ; vous recevrez leur décision par courriel.",
    };
  });
  if (result.ok) kickDelivery();
  return result;
}
