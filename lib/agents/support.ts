import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { attachments, structures, users } from "@/db/schema";
import { assertCan, can } from "@/lib/access";
import { mailActivationLink } from "@/lib/accounts/mail-tokens";
import { recordAudit } from "@/lib/audit/record";
import { revokeSessions } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import type { RequestMeta } from "@/lib/request-meta";
import { clearFailures, throttleWait } from "@/lib/security/rate-limit";
import type { AgentActor } from "./identity";

/**
 * « Assistance » (operators, ADR 0020): a user or a structure of the operator's départements, as
 * support needs it (status, structures, attachment and verification states), never a password, a
 * secret answer or a token; and three actions, each with a motive, audited with the agent.
 */

const accountKey = (loginEmail: string) => `signin:address:${loginEmail}`;

export function supportUser(actor: AgentActor, loginEmail: string) {
  const user = getDb()
    .select({
      id: users.id,
      loginEmail: users.loginEmail,
      firstName: users.firstName,
      lastName: users.lastName,
      status: users.status,
      createdAt: users.createdAt,
      activatedAt: users.activatedAt,
      postalCode: users.postalCode,
      city: users.city,
    })
    .from(users)
    .where(eq(users.loginEmail, loginEmail))
    .get();
  // Outside the operator's départements, a user is not found: the same answer as unknown.
  if (!user || !can(actor, "support.view", { userId: user.id })) return null;
  const links = getDb()
    .select({
      structureId: structures.id,
      name: structures.name,
      siret: structures.siret,
      departement: structures.departement,
      attachment: attachments.status,
      verification: structures.verificationStatus,
      mainManagerId: structures.mainManagerId,
    })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .where(eq(attachments.userId, user.id))
    .orderBy(asc(structures.name))
    .all();
  return {
    ...user,
    blockedSeconds: throttleWait(accountKey(user.loginEmail)),
    structures: links.map((l) => ({ ...l, isMainManager: l.mainManagerId === user.id })),
  };
}

const manager = alias(users, "manager");

export function supportStructure(actor: AgentActor, siret: string) {
  const structure = getDb()
    .select({
      id: structures.id,
      name: structures.name,
      siret: structures.siret,
      street: structures.street,
      postalCode: structures.postalCode,
      city: structures.city,
      departement: structures.departement,
      verification: structures.verificationStatus,
      verifiedAt: structures.verifiedAt,
      isManagementCentre: structures.isManagementCentre,
      managerFirst: manager.firstName,
      managerLast: manager.lastName,
      managerEmail: manager.loginEmail,
    })
    .from(structures)
    .innerJoin(manager, eq(manager.id, structures.mainManagerId))
    .where(eq(structures.siret, siret))
    .get();
  if (!structure || !can(actor, "support.view", { structureId: structure.id })) return null;
  const members = getDb()
    .select({
      firstName: users.firstName,
      lastName: users.lastName,
      loginEmail: users.loginEmail,
      userStatus: users.status,
      attachment: attachments.status,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.userId))
    .where(eq(attachments.structureId, structure.id))
    .orderBy(asc(users.lastName))
    .all();
  return { ...structure, members };
}

export type SupportAction = "resend-activation" | "unblock" | "disable";

export function supportAct(
  actor: AgentActor,
  input: { userId: number; action: SupportAction; motif: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "support.act", { userId: input.userId });
  const result = inTransaction((tx): ActionResult => {
    const user = tx.select().from(users).where(eq(users.id, input.userId)).get();
    if (!user) return { ok: false, formError: "Cet utilisateur n'existe plus." };
    const audit = (action: string, details: Record<string, unknown> = {}) =>
      recordAudit(
        tx,
        {
          action,
          actorAgentId: actor.agentId,
          targetType: "user",
          targetId: user.id,
          ip: meta.ip,
          details: { motif: input.motif, ...details },
        },
        now,
      );
    switch (input.action) {
      case "resend-activation":
        if (user.status !== "pending") return { ok: false, formError: "Ce compte n'attend pas d'activation." };
        mailActivationLink(tx, user, now);
        audit("support.activation_resent");
        return { ok: true, data: undefined, message: `Un nouveau lien d'activation est envoyé à ${user.loginEmail}.` };
      case "unblock":
        clearFailures(accountKey(user.loginEmail));
        audit("support.unblocked");
        return { ok: true, data: undefined, message: "Le compte est débloqué : les tentatives de connexion échouées sont oubliées." };
      case "disable": {
        const changed = tx
          .update(users)
          .set({ status: "disabled" })
          .where(and(eq(users.id, user.id), eq(users.status, "active")))
          .run().changes;
        if (changed !== 1) return { ok: false, formError: "Ce compte n'est pas actif." };
        const ended = revokeSessions(tx, user.id, now);
        audit("support.account_disabled", { sessionsEnded: ended });
        return { ok: true, data: undefined, message: "Le compte est désactivé ; ses sessions sont fermées." };
      }
    }
  });
  if (result.ok && input.action === "resend-activation") kickDelivery();
  return result;
}
