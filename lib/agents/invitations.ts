import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { agentDepartements, agentInvitations, agentRoles, agents, type AgentRole } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { passwordError } from "@/lib/accounts/password-policy";
import { maskEmail, recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { enqueueMail } from "@/lib/mail/outbox";
import type { RequestMeta } from "@/lib/request-meta";
import { hashSecret } from "@/lib/security/password-hash";
import { limit } from "@/lib/security/rate-limit";
import { hashToken, newToken } from "@/lib/security/tokens";
import { ROLE_LABELS, rolesOf, type AgentActor } from "./identity";
import { issueRecoveryCodes } from "./recovery-codes";
import { seal, unseal } from "./secret-box";
import { groupedSecret, newTotpSecret, totpQrSvg, totpStep } from "./totp";

/** ADR 0020: an invitation link is valid 24 hours and serves once. */
export const INVITATION_HOURS = 24;

export type NewAgent = { email: string; firstName: string; lastName: string; roles: AgentRole[]; departements: string[] };

const rolesText = (roles: AgentRole[]) => roles.map((role) => ROLE_LABELS[role]).join(", ");

/**
 * Writes the agent (invited), their roles and départements, a fresh TOTP secret (sealed), the
 * invitation link and its mail, in the caller's transaction. Returns the link, or null when the
 * address is already an agent's.
 */
function writeInvitation(
  tx: Db,
  input: NewAgent,
  invitedBy: number | null,
  meta: RequestMeta,
  now: Date,
): { agentId: number; link: string } | null {
  if (tx.select({ id: agents.id }).from(agents).where(eq(agents.email, input.email)).get()) return null;
  const agent = tx
    .insert(agents)
    .values({
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      status: "invited",
      totpSecret: seal(newTotpSecret()),
      createdAt: now,
      createdBy: invitedBy,
    })
    .returning({ id: agents.id })
    .get();
  for (const role of input.roles) tx.insert(agentRoles).values({ agentId: agent.id, role, grantedAt: now, grantedBy: invitedBy }).run();
  for (const departement of input.departements)
    tx.insert(agentDepartements).values({ agentId: agent.id, departement, grantedAt: now, grantedBy: invitedBy }).run();
  const link = issueInvitation(
    tx,
    { agentId: agent.id, email: input.email, firstName: input.firstName, roles: input.roles },
    invitedBy,
    false,
    now,
  );
  recordAudit(
    tx,
    {
      action: "agent.invited",
      actorAgentId: invitedBy,
      targetType: "agent",
      targetId: agent.id,
      ip: meta.ip,
      details: { email: maskEmail(input.email), roles: input.roles, departements: input.departements },
    },
    now,
  );
  return { agentId: agent.id, link };
}

/** A new single-use link (24 hours) for an invited agent, and its mail, in the caller's transaction. */
function issueInvitation(
  tx: Db,
  agent: { agentId: number; email: string; firstName: string; roles: AgentRole[] },
  invitedBy: number | null,
  replacesEarlier: boolean,
  now: Date,
): string {
  const { token, hash } = newToken();
  tx.insert(agentInvitations)
    .values({
      agentId: agent.agentId,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_HOURS * 3_600_000),
      createdBy: invitedBy,
    })
    .run();
  const link = links.agentInvitation(token);
  const props = { firstName: agent.firstName, link, roles: rolesText(agent.roles), validityHours: INVITATION_HOURS, replacesEarlier };
  enqueueMail(tx, { to: agent.email, template: "agent-invitation", props }, now);
  return link;
}

const ALREADY = "Un agent a déjà cette adresse électronique.";

/**
 * `npm run agents -- creer-administrateur`: the first administrator, from the server's command
 * line (whoever runs it holds the server). Prints the link; it is also mailed.
 */
export function createAdministrator(input: Omit<NewAgent, "roles" | "departements">, now = new Date()): ActionResult<{ link: string }> {
  return inTransaction((tx): ActionResult<{ link: string }> => {
    const written = writeInvitation(tx, { ...input, roles: ["administrator"], departements: [] }, null, { ip: "ligne de commande" }, now);
    if (!written) return { ok: false, formError: ALREADY };
    return { ok: true, data: { link: written.link } };
  });
}

/** « Inviter un agent », by an administrator. */
export function inviteAgent(actor: AgentActor, input: NewAgent, meta: RequestMeta, now = new Date()): ActionResult<{ agentId: number }> {
  assertCan(actor, "agent.invite");
  return inTransaction((tx): ActionResult<{ agentId: number }> => {
    const written = writeInvitation(tx, input, actor.agentId, meta, now);
    if (!written) return { ok: false, fieldErrors: { email: ALREADY } };
    return {
      ok: true,
      data: { agentId: written.agentId },
      message: `Invitation envoyée à ${input.firstName} ${input.lastName} (${input.email}), valable ${INVITATION_HOURS} heures.`,
    };
  });
}

/**
 * « Renvoyer l'invitation », by an administrator, for an agent who has not enrolled yet (the link
 * expired or the mail was lost): every earlier link dies, the TOTP secret is drawn again (an
 * earlier link showed the old one), a new link is mailed. Limited per invited agent and per
 * administrator; audited.
 */
export function resendInvitation(actor: AgentActor, input: { agentId: number }, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "agent.manage", { agentId: input.agentId });
  return inTransaction((tx): ActionResult => {
    const agent = tx
      .select({ email: agents.email, firstName: agents.firstName, lastName: agents.lastName, status: agents.status })
      .from(agents)
      .where(eq(agents.id, input.agentId))
      .get();
    if (!agent) return { ok: false, formError: "Cet agent n'existe pas." };
    if (agent.status !== "invited")
      return {
        ok: false,
        formError:
          agent.status === "active" ? "Cet agent a déjà activé son accès : il n'a plus besoin d'invitation." : "Cet agent est désactivé.",
      };
    const verdict = limit(
      [
        ["agentInvitationResend.agent", input.agentId],
        ["agentInvitationResend.administrator", actor.agentId],
      ],
      now.getTime(),
    );
    if (!verdict.allowed) return { ok: false, formError: verdict.message };
    const ended = tx
      .update(agentInvitations)
      .set({ usedAt: now })
      .where(and(eq(agentInvitations.agentId, input.agentId), isNull(agentInvitations.usedAt)))
      .run().changes;
    tx.update(agents)
      .set({ totpSecret: seal(newTotpSecret()) })
      .where(eq(agents.id, input.agentId))
      .run();
    issueInvitation(
      tx,
      { agentId: input.agentId, email: agent.email, firstName: agent.firstName, roles: rolesOf(input.agentId) },
      actor.agentId,
      true,
      now,
    );
    recordAudit(
      tx,
      {
        action: "agent.invitation_resent",
        actorAgentId: actor.agentId,
        targetType: "agent",
        targetId: input.agentId,
        ip: meta.ip,
        details: { email: maskEmail(agent.email), earlierLinksEnded: ended },
      },
      now,
    );
    return {
      ok: true,
      data: undefined,
      message: `Nouvelle invitation envoyée à ${agent.firstName} ${agent.lastName} (${agent.email}), valable ${INVITATION_HOURS} heures ; le lien précédent ne fonctionne plus.`,
    };
  });
}

function liveInvitation(tx: Db, token: string, now: Date) {
  return tx
    .select({
      invitationId: agentInvitations.id,
      agentId: agents.id,
      email: agents.email,
      firstName: agents.firstName,
      lastName: agents.lastName,
      totpSecret: agents.totpSecret,
    })
    .from(agentInvitations)
    .innerJoin(agents, eq(agents.id, agentInvitations.agentId))
    .where(
      and(
        eq(agentInvitations.tokenHash, hashToken(token)),
        isNull(agentInvitations.usedAt),
        gt(agentInvitations.expiresAt, now),
        eq(agents.status, "invited"),
      ),
    )
    .get();
}

/** What the enrolment page shows: who, and the TOTP secret as a QR code and as text. */
export async function readInvitation(token: string, now = new Date()) {
  const invitation = liveInvitation(getDb(), token, now);
  const secret = invitation?.totpSecret ? unseal(invitation.totpSecret) : null;
  if (!invitation || !secret) return null;
  return {
    email: invitation.email,
    firstName: invitation.firstName,
    lastName: invitation.lastName,
    secret: groupedSecret(secret),
    qrSvg: await totpQrSvg(secret, invitation.email),
  };
}

/**
 * Enrolment: the password (the users' policy, argon2id) and a first TOTP code proving the app is
 * set; the agent becomes active and gets ten recovery codes, shown once.
 */
export async function enrolAgent(
  input: { token: string; password: string; passwordConfirm: string; code: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const invitation = liveInvitation(getDb(), input.token, now);
  if (!invitation)
    return {
      ok: false,
      formError: "Ce lien d'invitation n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau à un administrateur.",
    };
  const weak = passwordError(input.password, [invitation.email, invitation.firstName, invitation.lastName]);
  if (weak) return { ok: false, fieldErrors: { password: weak } };
  if (input.password !== input.passwordConfirm)
    return { ok: false, fieldErrors: { passwordConfirm: "Les deux mots de passe ne sont pas identiques." } };
  const secret = invitation.totpSecret ? unseal(invitation.totpSecret) : null;
  const step = secret ? totpStep(secret, input.code, now) : null;
  if (step === null)
    return {
      ok: false,
      fieldErrors: {
        code: "Ce code n'est pas le bon : vérifiez que l'heure de votre téléphone est juste et saisissez le code affiché maintenant.",
      },
    };
  const passwordHash = await hashSecret(input.password);
  return inTransaction((tx): ActionResult<{ recoveryCodes: string[] }> => {
    const used = tx
      .update(agentInvitations)
      .set({ usedAt: now })
      .where(and(eq(agentInvitations.id, invitation.invitationId), isNull(agentInvitations.usedAt)))
      .run().changes;
    if (used !== 1) return { ok: false, formError: "Ce lien d'invitation vient d'être utilisé." };
    tx.update(agents)
      .set({ passwordHash, status: "active", activatedAt: now, totpConfirmedAt: now, totpLastStep: step })
      .where(eq(agents.id, invitation.agentId))
      .run();
    const recoveryCodes = issueRecoveryCodes(tx, invitation.agentId);
    recordAudit(
      tx,
      { action: "agent.enrolled", actorAgentId: invitation.agentId, targetType: "agent", targetId: invitation.agentId, ip: meta.ip },
      now,
    );
    return { ok: true, data: { recoveryCodes } };
  });
}
