import "server-only";
import { eq, sql } from "drizzle-orm";
import {
  attachments,
  bankAccounts,
  mandates,
  paymentOrderItems,
  refundLines,
  refundRequests,
  services,
  spaces,
  storedFiles,
  structureContests,
  subscriptions,
  verificationLetters,
} from "@/db/schema";
import { agentRights, type AgentAction, type AgentTarget } from "@/lib/access/agents";
import type { AgentActor } from "@/lib/agents/identity";
import type { Actor as UserActor } from "@/lib/auth/sessions";
import { parisToday } from "@/lib/dates";
import { mandateInForceSql } from "@/lib/mandates/in-force";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { isEditable } from "@/lib/refunds/statuses";
import { spaceAccesses, type SpaceAccess } from "@/lib/spaces/rights";

/**
 * The single access policy (ADR 0008, 0019): who may do what to that. `authorize` resolves the
 * target once (the row and its structure), works out every right the actor holds on it, state rules
 * included, and returns them with the row: services act on the returned row, pages show what the
 * returned rights allow, and nothing else derives a right of its own. Facts are read from the
 * database on each call, so a right granted a second ago applies now.
 */
export type Action =
  | "structure.create"
  | "attachment.request"
  | "attachment.cancel"
  | "attachment.decide"
  | "structure.manage"
  | "structure.work"
  | "structure.verify"
  | "structure.contest"
  | "bankDetails.manage"
  | "bankDetails.view"
  | "space.open"
  | "space.update"
  | "space.view"
  | "space.edit"
  | "subscription.request"
  | "subscription.decide"
  | "subscription.end"
  | "member.detach"
  | "manager.handover"
  | "refund.view"
  | "refund.edit"
  | "refund.transmit"
  | "file.download"
  | "structure.select"
  | "mandate.give"
  | "mandate.request"
  | "mandate.askMany"
  | "mandate.decide"
  | "mandate.end"
  | "mandate.view"
  | "portfolio.view"
  | "managerDashboard.view"
  // The administration's agents (lib/access/agents.ts, ADR 0020).
  | AgentAction;

/** What a person with a user account may be allowed (the farms' side of the policy). */
export type UserAction = Exclude<Action, AgentAction>;

/** Who acts: a person with a user account, or an agent of the administration (ADR 0019, 0020). */
export type Actor = UserActor | AgentActor;

/**
 * A right is an action the actor may take on the resolved target, or one of the state rights of a
 * refund request: the actions `refund.edit` / `refund.transmit` say who may act on the request at
 * all (else: not found); `request.edit`, `request.delete`, `request.transmit` add its state (a
 * transmitted request is not editable, only a never-transmitted draft is deleted), which is what a
 * page offers. The service still answers the state itself, in French, after the right.
 */
export type Right = Action | "request.edit" | "request.delete" | "request.transmit";

/**
 * What an action is on. A target names the thing itself (a line, a bank account, a service…) and
 * the policy finds its structure: callers never look owners up on their own, and a structure id
 * posted beside the thing cannot lend its rights (the thing named wins).
 */
export type Target = {
  structureId?: number;
  attachmentId?: number;
  spaceId?: number;
  subscriptionId?: number;
  userId?: number;
  requestId?: number;
  lineId?: number;
  bankAccountId?: number;
  serviceId?: number;
  fileId?: number;
  mandateId?: number;
} & AgentTarget;

type RequestRow = typeof refundRequests.$inferSelect;
type LineRow = typeof refundLines.$inferSelect;

/** The structure a target belongs to, as the policy read it. */
export type StructureFacts = {
  id: number;
  name: string;
  mainManagerId: number;
  isManagementCentre: boolean;
  verificationStatus: "unverified" | "verified" | "suspended";
  /** The actor's relation to it: gestionnaire principal, approved member, both or neither. */
  isManager: boolean;
  isMember: boolean;
};

/** The rows a target names, returned to the service so that it never reads them again. */
type Rows = {
  request?: RequestRow;
  line?: LineRow;
  bankAccount?: { id: number; structureId: number };
  service?: { id: number; structureId: number };
  space?: { id: number; structureId: number; closedAt: Date | null };
  subscription?: { id: number; userId: number; structureId: number };
  attachment?: { id: number; userId: number; structureId: number };
  file?: { id: number; structureId: number; kind: string };
  mandate?: typeof mandates.$inferSelect;
};

type Resolved<T extends Target> = (T extends { requestId: number } ? { request: RequestRow } : unknown) &
  (T extends { lineId: number } ? { line: LineRow; request: RequestRow } : unknown) &
  (T extends { mandateId: number } ? { mandate: typeof mandates.$inferSelect } : unknown) &
  (T extends { spaceId: number } ? { space: NonNullable<Rows["space"]> } : unknown) &
  (T extends Named ? { structure: StructureFacts } : unknown);

/** A target naming something: granted, its structure is known. */
type Named =
  | { structureId: number }
  | { requestId: number }
  | { lineId: number }
  | { bankAccountId: number }
  | { serviceId: number }
  | { spaceId: number }
  | { subscriptionId: number }
  | { attachmentId: number }
  | { fileId: number }
  | { mandateId: number };

export type Grant = Rows & {
  ok: true;
  /** Null for a target that is no structure's (`structure.create`, `portfolio.view`). */
  structure: StructureFacts | null;
  /** Every right the actor holds on this target; `rights.has(action)` is how the grant was decided. */
  rights: ReadonlySet<Right>;
  /** The actor's rights on the structure's open TIC space (how they come: manager, subscription, mandate). */
  tic: SpaceAccess | undefined;
};
export type Refusal = { ok: false; action: Action };

export class AccessDenied extends Error {
  override name = "AccessDenied";
  constructor(public readonly action: Action) {
    super(`Action refusée : ${action}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Resolving a target: its rows and its structure, one indexed read each.

const requestRowQuery = prepared((db) =>
  db
    .select()
    .from(refundRequests)
    .where(eq(refundRequests.id, sql.placeholder("id")))
    .prepare(),
);
const lineRowQuery = prepared((db) =>
  db
    .select({ line: refundLines, request: refundRequests })
    .from(refundLines)
    .innerJoin(refundRequests, eq(refundRequests.id, refundLines.requestId))
    .where(eq(refundLines.id, sql.placeholder("id")))
    .prepare(),
);
const bankAccountRowQuery = prepared((db) =>
  db
    .select({ id: bankAccounts.id, structureId: bankAccounts.structureId })
    .from(bankAccounts)
    .where(eq(bankAccounts.id, sql.placeholder("id")))
    .prepare(),
);
const serviceRowQuery = prepared((db) =>
  db
    .select({ id: services.id, structureId: services.structureId })
    .from(services)
    .where(eq(services.id, sql.placeholder("id")))
    .prepare(),
);
const spaceRowQuery = prepared((db) =>
  db
    .select({ id: spaces.id, structureId: spaces.structureId, closedAt: spaces.closedAt })
    .from(spaces)
    .where(eq(spaces.id, sql.placeholder("id")))
    .prepare(),
);
const subscriptionRowQuery = prepared((db) =>
  db
    .select({ id: subscriptions.id, userId: subscriptions.userId, structureId: spaces.structureId })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .where(eq(subscriptions.id, sql.placeholder("id")))
    .prepare(),
);
const attachmentRowQuery = prepared((db) =>
  db
    .select({ id: attachments.id, userId: attachments.userId, structureId: attachments.structureId })
    .from(attachments)
    .where(eq(attachments.id, sql.placeholder("id")))
    .prepare(),
);
const fileRowQuery = prepared((db) =>
  db
    .select({ id: storedFiles.id, structureId: storedFiles.structureId, kind: storedFiles.kind })
    .from(storedFiles)
    .where(eq(storedFiles.id, sql.placeholder("id")))
    .prepare(),
);
const mandateRowQuery = prepared((db) =>
  db
    .select()
    .from(mandates)
    .where(eq(mandates.id, sql.placeholder("id")))
    .prepare(),
);

/** The rows the target names and the structure they belong to; `structureId` undefined when a named thing does not exist. */
function resolveTarget(target: Target): { rows: Rows; structureId: number | undefined } {
  if (target.requestId !== undefined) {
    const request = requestRowQuery().get({ id: target.requestId });
    return { rows: { request }, structureId: request?.structureId };
  }
  if (target.lineId !== undefined) {
    const found = lineRowQuery().get({ id: target.lineId });
    return { rows: { line: found?.line, request: found?.request }, structureId: found?.request.structureId };
  }
  const one = <K extends keyof Rows>(key: K, row: Rows[K] & { structureId: number }) => ({
    rows: { [key]: row } as Rows,
    structureId: row?.structureId,
  });
  if (target.bankAccountId !== undefined) return one("bankAccount", bankAccountRowQuery().get({ id: target.bankAccountId })!);
  if (target.serviceId !== undefined) return one("service", serviceRowQuery().get({ id: target.serviceId })!);
  if (target.spaceId !== undefined) return one("space", spaceRowQuery().get({ id: target.spaceId })!);
  if (target.subscriptionId !== undefined) return one("subscription", subscriptionRowQuery().get({ id: target.subscriptionId })!);
  if (target.attachmentId !== undefined) return one("attachment", attachmentRowQuery().get({ id: target.attachmentId })!);
  if (target.fileId !== undefined) return one("file", fileRowQuery().get({ id: target.fileId })!);
  if (target.mandateId !== undefined) {
    const mandate = mandateRowQuery().get({ id: target.mandateId });
    return { rows: { mandate }, structureId: mandate?.farmStructureId };
  }
  // The operators' targets (agents' rules read their structure again by the same id).
  if (target.letterId !== undefined)
    return {
      rows: {},
      structureId: getDb()
        .select({ id: verificationLetters.structureId })
        .from(verificationLetters)
        .where(eq(verificationLetters.id, target.letterId))
        .get()?.id,
    };
  if (target.contestId !== undefined)
    return {
      rows: {},
      structureId: getDb()
        .select({ id: structureContests.structureId })
        .from(structureContests)
        .where(eq(structureContests.id, target.contestId))
        .get()?.id,
    };
  // A payment order spans several structures: one of them says it exists; the agents' rule reads them all.
  if (target.orderId !== undefined) {
    const item = getDb()
      .select({ id: refundRequests.structureId })
      .from(paymentOrderItems)
      .innerJoin(refundRequests, eq(refundRequests.id, paymentOrderItems.requestId))
      .where(eq(paymentOrderItems.orderId, target.orderId))
      .limit(1)
      .get();
    return { rows: {}, structureId: item?.id };
  }
  return { rows: {}, structureId: target.structureId };
}

// ---------------------------------------------------------------------------------------------
// The facts about a user, read in one statement: the account, their relation to the structure,
// and what they are anywhere (gestionnaire principal of a structure, a portfolio).

type UserFacts = {
  active: number;
  manages_any: number;
  has_portfolio: number;
  s_id: number | null;
  s_name: string | null;
  s_manager: number | null;
  s_centre: number | null;
  s_verification: StructureFacts["verificationStatus"] | null;
  s_member: number | null;
};

const userFactsQuery = prepared((db) =>
  db.$client.prepare<{ userId: number; structureId: number | null; today: string }, UserFacts>(`
SELECT u.status = 'active' AS active,
  EXISTS (SELECT 1 FROM structures ms WHERE ms.main_manager_id = u.id) AS manages_any,
  -- « Portefeuille »: a member of a centre de gestion, or of a structure holding a mandate in force.
  EXISTS (
    SELECT 1 FROM attachments pa JOIN structures ps ON ps.id = pa.structure_id
    WHERE pa.user_id = u.id AND pa.status = 'approved'
      -- The index named: skewed statistics (one centre holding most mandates) made SQLite scan them all (ADR 0033).
      AND (ps.is_management_centre OR EXISTS (SELECT 1 FROM mandates m INDEXED BY mandates_agent_status_idx
        WHERE m.agent_structure_id = ps.id AND ${mandateInForceSql("m", "@today")}))
  ) AS has_portfolio,
  s.id AS s_id, s.name AS s_name, s.main_manager_id AS s_manager, s.is_management_centre AS s_centre, s.verification_status AS s_verification,
  EXISTS (SELECT 1 FROM attachments a WHERE a.user_id = u.id AND a.structure_id = s.id AND a.status = 'approved') AS s_member
FROM users u LEFT JOIN structures s ON s.id = @structureId
WHERE u.id = @userId`),
);

/** The actor's relation to another structure than the target's (the holder of a mandate, the member detached). */
const relationQuery = prepared((db) =>
  db.$client.prepare<{ userId: number; structureId: number }, { manager: number; member: number }>(`
SELECT s.main_manager_id = @userId AS manager,
  EXISTS (SELECT 1 FROM attachments a WHERE a.user_id = @userId AND a.structure_id = s.id AND a.status = 'approved') AS member
FROM structures s WHERE s.id = @structureId`),
);

// ---------------------------------------------------------------------------------------------
// The rules, per kind of actor. A kind of actor (the administration's agents, ADR 0019) adds its
// member to `Actor` and its function here: it answers the same question, on the same resolved
// target, with the same vocabulary of rights.

type Resolution = { target: Target; rows: Rows; structureId: number | undefined; now: Date };
type Rules<A extends Actor> = (actor: A, resolution: Resolution) => Omit<Grant, "ok" | keyof Rows> | null;

const POLICIES: { [K in Actor["kind"]]: Rules<Extract<Actor, { kind: K }>> } = {
  user: userRules,
  agent: agentRules,
};

/**
 * The rights of an agent of the administration: role × action × département
 * (lib/access/agents.ts, ADR 0020). No farm action ever; the target's structure is the same one.
 */
function agentRules(actor: AgentActor, { target }: Resolution): Omit<Grant, "ok" | keyof Rows> | null {
  const rights: Set<Right> = agentRights(actor, target);
  return { structure: null, rights, tic: undefined };
}

/** The rights of a person with a user account (farmers, accountants). */
function userRules(actor: UserActor, { target, rows, structureId, now }: Resolution): Omit<Grant, "ok" | keyof Rows> | null {
  const today = parisToday(now);
  const facts = userFactsQuery().get({ userId: actor.userId, structureId: structureId ?? null, today });
  if (!facts?.active) return null;
  const rights = new Set<Right>(["structure.create"]);
  if (facts.has_portfolio) rights.add("portfolio.view");
  if (facts.manages_any) rights.add("managerDashboard.view");
  if (facts.s_id === null) return { structure: null, rights, tic: undefined };

  const structure: StructureFacts = {
    id: facts.s_id,
    name: facts.s_name!,
    mainManagerId: facts.s_manager!,
    isManagementCentre: facts.s_centre === 1,
    verificationStatus: facts.s_verification!,
    isManager: facts.s_manager === actor.userId,
    isMember: facts.s_member === 1,
  };
  const { isManager, isMember } = structure;
  const accesses = spaceAccesses(actor.userId, structure.id, now);
  const tic = accesses.find((access) => access.kind === "ticRefund");
  const grant = (right: Right, when: boolean) => {
    if (when) rights.add(right);
  };

  // On the structure itself.
  grant("attachment.request", true);
  grant("structure.work", isMember);
  grant("structure.manage", isManager);
  // The code was posted to the establishment: only the person who claims it types it.
  grant("structure.verify", isManager);
  // Anyone but its gestionnaire principal may say the structure is not theirs to manage.
  grant("structure.contest", !isManager);
  grant("space.open", isManager);
  // A centre de gestion has no TIC space: no bank details, nothing to delegate.
  grant("bankDetails.manage", isManager && !structure.isManagementCentre);
  // A farm's bank details in full (IBAN, BIC, RIB): its gestionnaire principal and its own members
  // who see its TIC space. A mandated structure — « Consultation » or « Modification » — sees the
  // IBAN masked and no RIB (docs/decisions/0018, issue 22 point 7).
  grant("bankDetails.view", !structure.isManagementCentre && (isManager || (isMember && tic?.canView === true)));
  grant("mandate.give", isManager && !structure.isManagementCentre);
  // Asked in the name of the structure that will hold it, by its gestionnaire principal.
  grant("mandate.request", isManager);
  // Mandates asked from a file, with invitations to farms not yet on the portal: a centre de gestion's gestionnaire principal (ADR 0029).
  grant("mandate.askMany", isManager && structure.isManagementCentre);
  grant("refund.view", tic?.canView === true);
  grant("refund.edit", tic?.canEdit === true);
  grant("refund.transmit", tic?.canTransmit === true);
  // Work on a structure: one's own (attached), or a client farm through a mandate in force.
  grant("structure.select", isMember || tic?.canView === true);

  // On the thing the target names.
  if (rows.request) {
    const editable = isEditable(rows.request.status);
    grant("request.edit", editable && tic?.canEdit === true);
    grant("request.delete", editable && tic?.canEdit === true && rows.request.status === "draft" && rows.request.reference === null);
    grant("request.transmit", editable && tic?.canTransmit === true);
  }
  if (rows.space) {
    const open = rows.space.closedAt === null;
    const access = accesses.find((a) => a.spaceId === rows.space!.id);
    grant("space.update", open && isManager);
    grant("subscription.request", open && isMember);
    grant("space.view", access?.canView === true);
    grant("space.edit", access?.canEdit === true);
  }
  if (rows.subscription) {
    grant("subscription.decide", isManager);
    grant("subscription.end", isManager || rows.subscription.userId === actor.userId);
  }
  if (rows.attachment) {
    grant("attachment.cancel", rows.attachment.userId === actor.userId);
    grant("attachment.decide", isManager);
  }
  if (rows.file) {
    // Invoices and receipts: whoever sees the TIC space. A RIB stays within the farm: whoever sees its
    // bank details in full (its gestionnaire principal, its own members who see the space), never a
    // mandated structure, whatever its rights (docs/decisions/0018).
    grant("file.download", rows.file.kind === "rib" ? rights.has("bankDetails.view") : tic?.canView === true);
  }
  if (rows.mandate) {
    // The farm's gestionnaire principal decides; either side ends; the holder's members read it.
    const holder = relationQuery().get({ userId: actor.userId, structureId: rows.mandate.agentStructureId });
    grant("mandate.decide", isManager);
    grant("mandate.end", isManager || holder?.manager === 1);
    grant("mandate.view", isManager || holder?.member === 1);
  }
  if (target.userId !== undefined && !rows.mandate && target.userId !== actor.userId && isManager) {
    // Detach a member, or hand them the role: someone else, attached to this structure.
    const other = relationQuery().get({ userId: target.userId, structureId: structure.id });
    grant("member.detach", other?.member === 1);
    grant("manager.handover", other?.member === 1);
  }
  return { structure, rights, tic };
}

// ---------------------------------------------------------------------------------------------

/**
 * May this actor do this to that? A refusal, or the resolved target (its rows and structure) with
 * every right the actor holds on it. A thing that does not exist has no structure and is refused.
 */
export function authorize<T extends Target>(
  actor: Actor | null,
  action: Action,
  target: T = {} as T,
  now = new Date(),
): (Grant & Resolved<T>) | Refusal {
  const grant = rightsOn(actor, target, now);
  return grant?.rights.has(action) ? grant : { ok: false, action };
}

/**
 * Every right the actor holds on the target, whatever they mean to do: what the layout, the menu
 * and « Accueil » show. Null for no one (signed out, an account no longer active, a target that
 * does not exist).
 */
export function rightsOn<T extends Target>(actor: Actor | null, target: T = {} as T, now = new Date()): (Grant & Resolved<T>) | null {
  if (!actor) return null;
  const { rows, structureId } = resolveTarget(target);
  const named = Object.keys(target).some((key) => key !== "structureId" && key !== "userId" && key !== "agentId");
  if (named && structureId === undefined) return null;
  const rules = POLICIES[actor.kind] as Rules<Actor>;
  const held = rules(actor, { target, rows, structureId, now });
  return held ? ({ ok: true, ...rows, ...held } as Grant & Resolved<T>) : null;
}

/** The grant, or `AccessDenied` (which the server-action wrapper turns into a French form error). */
export function assertAuthorized<T extends Target>(
  actor: Actor | null,
  action: Action,
  target: T = {} as T,
  now = new Date(),
): Grant & Resolved<T> {
  const result = authorize(actor, action, target, now);
  if (!result.ok) throw new AccessDenied(action);
  return result;
}

export function can(actor: Actor | null, action: Action, target: Target = {}): boolean {
  return authorize(actor, action, target).ok;
}

export function assertCan<A extends Actor>(actor: A | null, action: Action, target: Target = {}): asserts actor is A {
  assertAuthorized(actor, action, target);
}
