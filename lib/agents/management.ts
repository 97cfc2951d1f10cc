import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { agentDepartements, agentRoles, agents, auditEvents, type AgentRole } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { departementsOf, rolesOf, type AgentActor } from "./identity";
import { revokeAgentSessions } from "./sessions";

/** « Agents »: every agent with roles and départements, for administrators. */
export function listAgents(actor: AgentActor) {
  assertCan(actor, "agent.invite");
  const db = getDb();
  const rows = db
    .select({ id: agents.id, email: agents.email, firstName: agents.firstName, lastName: agents.lastName, status: agents.status })
    .from(agents)
    .orderBy(asc(agents.lastName), asc(agents.firstName))
    .all();
  const ids = rows.map((r) => r.id);
  const roles = ids.length ? db.select().from(agentRoles).where(inArray(agentRoles.agentId, ids)).all() : [];
  const deps = ids.length ? db.select().from(agentDepartements).where(inArray(agentDepartements.agentId, ids)).all() : [];
  return rows.map((row) => ({
    ...row,
    roles: roles.filter((r) => r.agentId === row.id).map((r) => r.role),
    departements: deps.filter((d) => d.agentId === row.id).map((d) => d.departement),
  }));
}

export function agentDetails(actor: AgentActor, agentId: number) {
  assertCan(actor, "agent.invite");
  const agent = getDb()
    .select({
      id: agents.id,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
      status: agents.status,
      disabledReason: agents.disabledReason,
    })
    .from(agents)
    .where(eq(agents.id, agentId))
    .get();
  if (!agent) return null;
  return { ...agent, roles: rolesOf(agentId), departements: departementsOf(agentId), isSelf: agentId === actor.agentId };
}

/** Roles and départements of another agent, replaced as a whole; audited with before and after. */
export function updateAgent(
  actor: AgentActor,
  input: { agentId: number; roles: AgentRole[]; departements: string[] },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "agent.manage", { agentId: input.agentId });
  return inTransaction((tx): ActionResult => {
    const agent = tx
      .select({ status: agents.status, firstName: agents.firstName, lastName: agents.lastName })
      .from(agents)
      .where(eq(agents.id, input.agentId))
      .get();
    if (!agent) return { ok: false, formError: "Cet agent n'existe pas." };
    if (agent.status === "disabled") return { ok: false, formError: "Cet agent est désactivé." };
    const before = { roles: rolesOf(input.agentId), departements: departementsOf(input.agentId) };
    tx.delete(agentRoles).where(eq(agentRoles.agentId, input.agentId)).run();
    tx.delete(agentDepartements).where(eq(agentDepartements.agentId, input.agentId)).run();
    for (const role of input.roles)
      tx.insert(agentRoles).values({ agentId: input.agentId, role, grantedAt: now, grantedBy: actor.agentId }).run();
    for (const departement of input.departements)
      tx.insert(agentDepartements).values({ agentId: input.agentId, departement, grantedAt: now, grantedBy: actor.agentId }).run();
    recordAudit(
      tx,
      {
        action: "agent.rights_changed",
        actorAgentId: actor.agentId,
        targetType: "agent",
        targetId: input.agentId,
        ip: meta.ip,
        details: { before, after: { roles: input.roles, departements: input.departements } },
      },
      now,
    );
    return { ok: true, data: undefined, message: `Rôles et départements de ${agent.firstName} ${agent.lastName} enregistrés.` };
  });
}

/** « Désactiver l'agent »: no sign-in any more, every session ended at once. */
export function deactivateAgent(
  actor: AgentActor,
  input: { agentId: number; motif: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "agent.manage", { agentId: input.agentId });
  return inTransaction((tx): ActionResult => {
    const changed = tx
      .update(agents)
      .set({ status: "disabled", disabledAt: now, disabledReason: input.motif })
      .where(and(eq(agents.id, input.agentId), inArray(agents.status, ["invited", "active"])))
      .returning({ firstName: agents.firstName, lastName: agents.lastName })
      .get();
    if (!changed) return { ok: false, formError: "Cet agent est déjà désactivé." };
    const sessions = revokeAgentSessions(tx, input.agentId, now);
    recordAudit(
      tx,
      {
        action: "agent.deactivated",
        actorAgentId: actor.agentId,
        targetType: "agent",
        targetId: input.agentId,
        ip: meta.ip,
        details: { motif: input.motif, sessionsEnded: sessions },
      },
      now,
    );
    return { ok: true, data: undefined, message: `${changed.firstName} ${changed.lastName} est désactivé : ses sessions sont fermées.` };
  });
}

/** « Mon activité »: what this agent did, newest first. */
export function myActivity(actor: AgentActor, limit = 100) {
  return getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(eq(auditEvents.actorAgentId, actor.agentId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit)
    .all();
}
