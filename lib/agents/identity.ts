import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { agentDepartements, agentRoles, agents, type AgentRole } from "@/db/schema";
import { prepared } from "@/lib/prepared";

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

const rolesQuery = prepared((db) =>
  db
    .select({ role: agentRoles.role })
    .from(agentRoles)
    .where(eq(agentRoles.agentId, sql.placeholder("agentId")))
    .orderBy(asc(agentRoles.role))
    .prepare(),
);

export function rolesOf(agentId: number): AgentRole[] {
  return rolesQuery()
    .all({ agentId })
    .map((r) => r.role);
}

const departementsQuery = prepared((db) =>
  db
    .select({ d: agentDepartements.departement })
    .from(agentDepartements)
    .where(eq(agentDepartements.agentId, sql.placeholder("agentId")))
    .orderBy(asc(agentDepartements.departement))
    .prepare(),
);

export function departementsOf(agentId: number): string[] {
  return departementsQuery()
    .all({ agentId })
    .map((r) => r.d);
}

/** The agent read on every page (sessions) and by the command line that acts « as » an agent. */
const activeAgentQuery = prepared((db) =>
  db
    .select({ id: agents.id, email: agents.email, firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(and(eq(agents.id, sql.placeholder("agentId")), eq(agents.status, "active")))
    .prepare(),
);

/** An active agent as an actor (sessions, and the command line that acts « as » an agent). */
export function agentActor(agentId: number, sessionId: string | null): AgentActor | null {
  const agent = activeAgentQuery().get({ agentId });
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
