import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  agents,
  attachments,
  auditEvents,
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
import { prepared } from "@/lib/prepared";

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

const departementQuery = prepared((db) =>
  db
    .select({ d: structures.departement })
    .from(structures)
    .where(eq(structures.id, sql.placeholder("id")))
    .prepare(),
);
const letterStructureQuery = prepared((db) =>
  db
    .select({ id: verificationLetters.structureId })
    .from(verificationLetters)
    .where(eq(verificationLetters.id, sql.placeholder("id")))
    .prepare(),
);
const contestStructureQuery = prepared((db) =>
  db
    .select({ id: structureContests.structureId })
    .from(structureContests)
    .where(eq(structureContests.id, sql.placeholder("id")))
    .prepare(),
);
const requestStructureQuery = prepared((db) =>
  db
    .select({ id: refundRequests.structureId })
    .from(refundRequests)
    .where(eq(refundRequests.id, sql.placeholder("id")))
    .prepare(),
);

/** The structure the target belongs to (the policy resolved it already for most targets). */
function structureOfTarget(target: AgentTarget): number | undefined {
  if (target.letterId !== undefined) return letterStructureQuery().get({ id: target.letterId })?.id;
  if (target.contestId !== undefined) return contestStructureQuery().get({ id: target.contestId })?.id;
  if (target.requestId !== undefined) return requestStructureQuery().get({ id: target.requestId })?.id;
  return target.structureId;
}

const userPostalCodeQuery = prepared((db) =>
  db
    .select({ postalCode: users.postalCode })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

/**
 * A user is within an agent's départements when their own address is, or one of the structures
 * they asked to be attached to is.
 */
function userWithin(departements: string[], userId: number): boolean {
  if (departements.length === 0) return false;
  const user = userPostalCodeQuery().get({ id: userId });
  if (!user) return false;
  const own = departementOf(user.postalCode);
  if (own !== null && departements.includes(own)) return true;
  return (
    getDb()
      .select({ id: attachments.id })
      .from(attachments)
      .innerJoin(structures, eq(structures.id, attachments.structureId))
      .where(and(eq(attachments.userId, userId), inArray(structures.departement, departements)))
      .limit(1)
      .get() !== undefined
  );
}

/**
 * Separation of duties: an agent who is (by e-mail) an approved member of the farm or of a
 * structure holding its mandate. One statement, prepared once.
 */
const involvedQuery = prepared((db) =>
  db.$client.prepare<{ structureId: number; email: string }, { found: number }>(`
SELECT 1 AS found FROM attachments a JOIN users u ON u.id = a.user_id
WHERE a.status = 'approved'
  AND (a.structure_id = @structureId
    OR a.structure_id IN (SELECT m.agent_structure_id FROM mandates m WHERE m.farm_structure_id = @structureId AND m.status = 'active'))
  AND (u.login_email = @email OR lower(u.contact_email) = @email)
LIMIT 1`),
);

function isInvolved(actor: AgentActor, structureId: number | undefined): boolean {
  if (structureId === undefined) return true;
  return involvedQuery().get({ structureId, email: actor.email }) !== undefined;
}

const acceptedQuery = prepared((db) =>
  db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, REQUEST_ACCEPTED_ACTION),
        eq(auditEvents.targetType, "refund_request"),
        eq(auditEvents.targetId, sql.placeholder("requestId")),
        eq(auditEvents.actorAgentId, sql.placeholder("agentId")),
      ),
    )
    .limit(1)
    .prepare(),
);

/** Whether this agent accepted the request (the audit event « refund.accepted » with their id). */
export function acceptedByAgent(agentId: number, requestId: number): boolean {
  return acceptedQuery().get({ agentId, requestId: String(requestId) }) !== undefined;
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

const agentStatusQuery = prepared((db) =>
  db
    .select({ status: agents.status })
    .from(agents)
    .where(eq(agents.id, sql.placeholder("id")))
    .prepare(),
);

/** A value computed on first use, then kept: each fact below is read at most once per question. */
function once<T>(read: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: read() }).v;
}

/**
 * Every action this agent may take on the target. The facts (the agent still active, the target's
 * structure and département, the agent's involvement in it, who accepted the request) are each read
 * once and only when an action needs them: the request file asks for all eleven actions at once.
 */
export function agentRights(actor: AgentActor, target: AgentTarget = {}): Set<AgentAction> {
  const rights = new Set<AgentAction>();
  if (agentStatusQuery().get({ id: actor.agentId })?.status !== "active") return rights;
  const structure = once(() => structureOfTarget(target));
  const departement = once(() => {
    const id = structure();
    return id === undefined ? null : (departementQuery().get({ id })?.d ?? null);
  });
  const within = (role: AgentRole) => {
    const departements = competence(actor, role);
    const d = departements.length > 0 ? departement() : null;
    return d !== null && departements.includes(d);
  };
  const involved = once(() => isInvolved(actor, structure()));
  const grant = (action: AgentAction, when: () => boolean) => {
    if (when()) rights.add(action);
  };
  const operatorOnUser = target.userId !== undefined;
  grant("agent.invite", () => actor.roles.includes("administrator"));
  // Nobody gives themself a role, nor takes their own away.
  grant("agent.manage", () => actor.roles.includes("administrator") && target.agentId !== undefined && target.agentId !== actor.agentId);
  grant("letter.handle", () => within("operator"));
  grant("contest.decide", () => within("operator"));
  grant("structure.review", () => within("operator"));
  const support = once(() => (operatorOnUser ? userWithin(competence(actor, "operator"), target.userId!) : within("operator")));
  grant("support.view", support);
  grant("support.act", support);
  grant("request.instruct", () => target.requestId !== undefined && within("instructor") && !involved());
  grant(
    "request.pay",
    () => target.requestId !== undefined && within("payer") && !involved() && !acceptedByAgent(actor.agentId, target.requestId),
  );
  // Every request of the order within the payer's départements: an order is never half seen.
  grant("order.handle", () => target.orderId !== undefined && orderWithin(competence(actor, "payer"), target.orderId));
  grant("statistics.view", () => actor.roles.length > 0);
  return rights;
}
