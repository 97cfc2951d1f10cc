import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import {
  agents,
  attachments,
  auditEvents,
  mandates,
  paymentOrderItems,
  refundRequests,
  structureContests,
  structures,
  users,
  verificationLetters,
  type AgentRole,
} from "@/db/schema";
import { departementOf } from "@/lib/agents/departements";
import type { AgentActor } from "@/lib/agents/identity";
import { getDb } from "@/lib/db";

/**
 * The agents' part of the one access policy (lib/access.ts asks it for an actor of kind
 * « agent »; ADR 0020): role × action × competence by département. An agent never reaches a
 * structure, a letter, a contest, a request or a user outside the départements given to them.
 */
export type AgentAction =
  /** « Administrateur »: invite an agent. */
  | "agent.invite"
  /** « Administrateur »: roles, départements, deactivation of another agent (never oneself). */
  | "agent.manage"
  /** « Opérateur »: print and post a structure's verification letter. */
  | "letter.handle"
  /** « Opérateur »: decide a contest of a structure's management. */
  | "contest.decide"
  /** « Opérateur »: verify a structure on documents. */
  | "structure.review"
  /** « Opérateur »: see a user or a structure in « Assistance ». */
  | "support.view"
  /** « Opérateur »: resend an activation link, unblock, deactivate a user. */
  | "support.act"
  /** « Instructeur » (issue 20): instruct a transmitted request. */
  | "request.instruct"
  /** « Payeur » (issue 20): put an accepted request in a payment order. */
  | "request.pay"
  /** « Payeur » (issue 20): read a payment order, download its file, « Marquer comme payé ». */
  | "order.handle"
  /** Any role (issue 20): « Statistiques » over the agent's départements (administrators: all). */
  | "statistics.view";

export const AGENT_ACTIONS: readonly AgentAction[] = [
  "agent.invite",
  "agent.manage",
  "letter.handle",
  "contest.decide",
  "structure.review",
  "support.view",
  "support.act",
  "request.instruct",
  "request.pay",
  "order.handle",
  "statistics.view",
];

export type AgentTarget = {
  agentId?: number;
  letterId?: number;
  contestId?: number;
  structureId?: number;
  userId?: number;
  requestId?: number;
  orderId?: number;
};

/** The audit action issue 20 writes when an agent accepts a request (separation of duties). */
export const REQUEST_ACCEPTED_ACTION = "refund.accepted";

/** The départements where this agent acts in this role; none without the role. */
export function competence(actor: AgentActor, role: AgentRole): string[] {
  return actor.roles.includes(role) ? actor.departements : [];
}

function departementOfStructure(structureId: number): string | null | undefined {
  return getDb().select({ d: structures.departement }).from(structures).where(eq(structures.id, structureId)).get()?.d;
}

function structureOfTarget(target: AgentTarget): number | undefined {
  const db = getDb();
  if (target.letterId !== undefined)
    return db
      .select({ id: verificationLetters.structureId })
      .from(verificationLetters)
      .where(eq(verificationLetters.id, target.letterId))
      .get()?.id;
  if (target.contestId !== undefined)
    return db.select({ id: structureContests.structureId }).from(structureContests).where(eq(structureContests.id, target.contestId)).get()
      ?.id;
  if (target.requestId !== undefined)
    return db.select({ id: refundRequests.structureId }).from(refundRequests).where(eq(refundRequests.id, target.requestId)).get()?.id;
  return target.structureId;
}

function structureWithin(departements: string[], target: AgentTarget): boolean {
  if (departements.length === 0) return false;
  const structureId = structureOfTarget(target);
  if (structureId === undefined) return false;
  const departement = departementOfStructure(structureId);
  return departement != null && departements.includes(departement);
}

/**
 * A user is within an agent's départements when their own address is, or one of the structures
 * they asked to be attached to is.
 */
function userWithin(departements: string[], userId: number): boolean {
  if (departements.length === 0) return false;
  const db = getDb();
  const user = db.select({ postalCode: users.postalCode }).from(users).where(eq(users.id, userId)).get();
  if (!user) return false;
  const own = departementOf(user.postalCode);
  if (own !== null && departements.includes(own)) return true;
  return (
    db
      .select({ id: attachments.id })
      .from(attachments)
      .innerJoin(structures, eq(structures.id, attachments.structureId))
      .where(and(eq(attachments.userId, userId), inArray(structures.departement, departements)))
      .limit(1)
      .get() !== undefined
  );
}

/** Separation of duties: an agent who is (by e-mail) a member of the farm or of its mandated structure. */
function isInvolved(actor: AgentActor, target: AgentTarget): boolean {
  const structureId = structureOfTarget(target);
  if (structureId === undefined) return true;
  const db = getDb();
  const mandated = db
    .select({ id: mandates.agentStructureId })
    .from(mandates)
    .where(and(eq(mandates.farmStructureId, structureId), eq(mandates.status, "active")))
    .all()
    .map((m) => m.id);
  return (
    db
      .select({ id: attachments.id })
      .from(attachments)
      .innerJoin(users, eq(users.id, attachments.userId))
      .where(
        and(
          inArray(attachments.structureId, [structureId, ...mandated]),
          eq(attachments.status, "approved"),
          or(eq(users.loginEmail, actor.email), eq(sql`lower(${users.contactEmail})`, actor.email)),
        ),
      )
      .limit(1)
      .get() !== undefined
  );
}

/** Whether this agent accepted the request (the audit event « refund.accepted » with their id). */
export function acceptedByAgent(agentId: number, requestId: number): boolean {
  return (
    getDb()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, REQUEST_ACCEPTED_ACTION),
          eq(auditEvents.targetType, "refund_request"),
          eq(auditEvents.targetId, String(requestId)),
          eq(auditEvents.actorAgentId, agentId),
        ),
      )
      .limit(1)
      .get() !== undefined
  );
}

/** The départements of the requests a payment order holds (an order may span several). */
function orderWithin(departements: string[], orderId: number): boolean {
  if (departements.length === 0) return false;
  const rows = getDb()
    .select({ departement: structures.departement })
    .from(paymentOrderItems)
    .innerJoin(refundRequests, eq(refundRequests.id, paymentOrderItems.requestId))
    .innerJoin(structures, eq(structures.id, refundRequests.structureId))
    .where(eq(paymentOrderItems.orderId, orderId))
    .all();
  return rows.length > 0 && rows.every((row) => row.departement != null && departements.includes(row.departement));
}

/**
 * The départements « Statistiques » covers for this agent: null for every one (an administrator,
 * who runs the service nationally: ADR 0027), else those of all their roles.
 */
export function statisticsScope(actor: AgentActor): string[] | null {
  if (actor.roles.includes("administrator")) return null;
  return actor.roles.length > 0 ? actor.departements : [];
}

const isActiveAgent = (agentId: number) =>
  getDb().select({ status: agents.status }).from(agents).where(eq(agents.id, agentId)).get()?.status === "active";

export function agentCan(actor: AgentActor, action: AgentAction, target: AgentTarget = {}): boolean {
  if (!isActiveAgent(actor.agentId)) return false;
  switch (action) {
    case "agent.invite":
      return actor.roles.includes("administrator");
    case "agent.manage":
      // Nobody gives themself a role, nor takes their own away.
      return actor.roles.includes("administrator") && target.agentId !== undefined && target.agentId !== actor.agentId;
    case "letter.handle":
    case "contest.decide":
    case "structure.review":
      return structureWithin(competence(actor, "operator"), target);
    case "support.view":
    case "support.act":
      if (target.userId !== undefined) return userWithin(competence(actor, "operator"), target.userId);
      return structureWithin(competence(actor, "operator"), target);
    case "request.instruct":
      return target.requestId !== undefined && structureWithin(competence(actor, "instructor"), target) && !isInvolved(actor, target);
    case "request.pay":
      return (
        target.requestId !== undefined &&
        structureWithin(competence(actor, "payer"), target) &&
        !isInvolved(actor, target) &&
        !acceptedByAgent(actor.agentId, target.requestId)
      );
    case "order.handle":
      // Every request of the order within the payer's départements: an order is never half seen.
      return target.orderId !== undefined && orderWithin(competence(actor, "payer"), target.orderId);
    case "statistics.view":
      return actor.roles.length > 0;
  }
}
