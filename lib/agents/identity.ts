import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { agentDepartements, agentRoles, agents, type AgentRole } from "@/db/schema";
import { getDb } from "@/lib/db";

/**
 * An administration agent acting through a session (or a command, for the first administrator).
 * `kind` tells the policy (lib/access.ts) which part of it applies: a farm's user has none.
 * Roles and départements are read from the database on every request.
 */
export type AgentActor = {
  kind: "agent";
  agentId: number;
  sessionId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  roles: AgentRole[];
  departements: string[];
};

export const ROLE_LABELS: Record<AgentRole, string> = {
  administrator: "Administrateur",
  instructor: "Instructeur",
  payer: "Payeur",
  operator: "Opérateur",
};

export function isAgentActor(actor: unknown): actor is AgentActor {
  return typeof actor === "object" && actor !== null && (actor as { kind?: unknown }).kind === "agent";
}

export function rolesOf(agentId: number): AgentRole[] {
  return getDb()
    .select({ role: agentRoles.role })
    .from(agentRoles)
    .where(eq(agentRoles.agentId, agentId))
    .orderBy(asc(agentRoles.role))
    .all()
    .map((r) => r.role);
}

export function departementsOf(agentId: number): string[] {
  return getDb()
    .select({ d: agentDepartements.departement })
    .from(agentDepartements)
    .where(eq(agentDepartements.agentId, agentId))
    .orderBy(asc(agentDepartements.departement))
    .all()
    .map((r) => r.d);
}

/** An active agent as an actor (sessions, and the command line that acts « as » an agent). */
export function agentActor(agentId: number, sessionId: string | null): AgentActor | null {
  const agent = getDb()
    .select({ id: agents.id, email: agents.email, firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.status, "active")))
    .get();
  if (!agent) return null;
  return {
    kind: "agent",
    agentId: agent.id,
    sessionId,
    email: agent.email,
    firstName: agent.firstName,
    lastName: agent.lastName,
    roles: rolesOf(agent.id),
    departements: departementsOf(agent.id),
  };
}

export const agentName = (actor: { firstName: string; lastName: string }) => `${actor.firstName} ${actor.lastName}`;
