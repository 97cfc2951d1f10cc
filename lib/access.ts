import { and, eq, sql } from "drizzle-orm";
import { attachments, bankAccounts, mandates, refundLines, refundRequests, services, spaces, storedFiles, structures, subscriptions, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { spaceAccess, spaceAccesses } from "@/lib/spaces/rights";

/**
 * The single access policy: may this actor do this to that? Every service asks it before acting;
 * pages only ask it to hide what the service would refuse anyway. Facts are read from the
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
  | "mandate.decide"
  | "mandate.end"
  | "mandate.view"
  | "portfolio.view";

/**
 * What an action is on. A target names the thing itself (a line, a bank account, a service…) and
 * the policy finds its structure: callers never look owners up on their own.
 */
type Target = {
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
};

export class AccessDenied extends Error {
  override name = "AccessDenied";
  constructor(public readonly action: Action) {
    super(`Action refusée : ${action}`);
  }
}

const userStatusQuery = prepared((db) => db.select({ status: users.status }).from(users).where(eq(users.id, sql.placeholder("userId"))).prepare());
const mainManagerQuery = prepared((db) =>
  db.select({ managerId: structures.mainManagerId }).from(structures).where(eq(structures.id, sql.placeholder("structureId"))).prepare(),
);
const membershipQuery = prepared((db) =>
  db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.userId, sql.placeholder("userId")), eq(attachments.structureId, sql.placeholder("structureId")), eq(attachments.status, "approved")))
    .prepare(),
);

function isActiveUser(userId: number): boolean {
  return userStatusQuery().get({ userId })?.status === "active";
}

export function isMainManager(userId: number, structureId: number): boolean {
  return mainManagerQuery().get({ structureId })?.managerId === userId;
}

export function isMember(userId: number, structureId: number): boolean {
  return membershipQuery().get({ userId, structureId }) !== undefined;
}

function attachmentFacts(attachmentId: number) {
  return getDb()
    .select({ userId: attachments.userId, structureId: attachments.structureId })
    .from(attachments)
    .where(eq(attachments.id, attachmentId))
    .get();
}

function spaceFacts(spaceId: number) {
  return getDb().select({ structureId: spaces.structureId, closedAt: spaces.closedAt }).from(spaces).where(eq(spaces.id, spaceId)).get();
}

function subscriptionFacts(subscriptionId: number) {
  return getDb()
    .select({ userId: subscriptions.userId, structureId: spaces.structureId })
    .from(subscriptions)
    .innerJoin(spaces, eq(spaces.id, subscriptions.spaceId))
    .where(eq(subscriptions.id, subscriptionId))
    .get();
}

/**
 * The structure the target belongs to: that of the thing it names (request, line, bank account,
 * service), else the structure named. Undefined when the thing does not exist.
 */
function structureOf(target: Target): number | undefined {
  const db = getDb();
  if (target.requestId !== undefined) {
    return db.select({ id: refundRequests.structureId }).from(refundRequests).where(eq(refundRequests.id, target.requestId)).get()?.id;
  }
  if (target.lineId !== undefined) {
    return db
      .select({ id: refundRequests.structureId })
      .from(refundLines)
      .innerJoin(refundRequests, eq(refundRequests.id, refundLines.requestId))
      .where(eq(refundLines.id, target.lineId))
      .get()?.id;
  }
  if (target.bankAccountId !== undefined) {
    return db.select({ id: bankAccounts.structureId }).from(bankAccounts).where(eq(bankAccounts.id, target.bankAccountId)).get()?.id;
  }
  if (target.serviceId !== undefined) {
    return db.select({ id: services.structureId }).from(services).where(eq(services.id, target.serviceId)).get()?.id;
  }
  return target.structureId;
}

/** The rights of this user on the open TIC space of the target's structure, if any. */
function ticRights(userId: number, target: Target) {
  const structureId = structureOf(target);
  if (structureId === undefined) return undefined;
  return spaceAccesses(userId, structureId).find((access) => access.kind === "ticRefund");
}

function mandateFacts(mandateId: number) {
  return getDb()
    .select({ farmStructureId: mandates.farmStructureId, agentStructureId: mandates.agentStructureId, status: mandates.status })
    .from(mandates)
    .where(eq(mandates.id, mandateId))
    .get();
}

function isManagementCentre(structureId: number): boolean | undefined {
  return getDb().select({ isCentre: structures.isManagementCentre }).from(structures).where(eq(structures.id, structureId)).get()?.isCentre;
}

function fileFacts(fileId: number) {
  return getDb().select({ structureId: storedFiles.structureId, kind: storedFiles.kind }).from(storedFiles).where(eq(storedFiles.id, fileId)).get();
}

export function can(actor: Actor | null, action: Action, target: Target = {}): boolean {
  if (!actor || !isActiveUser(actor.userId)) return false;
  switch (action) {
    case "structure.create":
      return true;
    case "attachment.request":
      return target.structureId !== undefined && getDb().select({ id: structures.id }).from(structures).where(eq(structures.id, target.structureId)).get() !== undefined;
    case "attachment.cancel": {
      const facts = target.attachmentId === undefined ? undefined : attachmentFacts(target.attachmentId);
      return facts?.userId === actor.userId;
    }
    case "attachment.decide": {
      const facts = target.attachmentId === undefined ? undefined : attachmentFacts(target.attachmentId);
      return facts !== undefined && isMainManager(actor.userId, facts.structureId);
    }
    case "structure.manage": {
      const structureId = structureOf(target);
      return structureId !== undefined && isMainManager(actor.userId, structureId);
    }
    case "structure.work":
      return target.structureId !== undefined && isMember(actor.userId, target.structureId);
    case "structure.verify":
      // The code was posted to the establishment: only the person who claims it types it.
      return target.structureId !== undefined && isMainManager(actor.userId, target.structureId);
    case "structure.contest": {
      // Anyone but its gestionnaire principal may say the structure is not theirs to manage.
      const managerId = target.structureId === undefined ? undefined : mainManagerQuery().get({ structureId: target.structureId })?.managerId;
      return managerId !== undefined && managerId !== actor.userId;
    }
    case "space.open":
      return target.structureId !== undefined && isMainManager(actor.userId, target.structureId);
    case "space.update": {
      const space = target.spaceId === undefined ? undefined : spaceFacts(target.spaceId);
      return space !== undefined && space.closedAt === null && isMainManager(actor.userId, space.structureId);
    }
    case "space.view":
      return target.spaceId !== undefined && spaceAccess(actor.userId, target.spaceId)?.canView === true;
    case "space.edit":
      return target.spaceId !== undefined && spaceAccess(actor.userId, target.spaceId)?.canEdit === true;
    case "subscription.request": {
      const space = target.spaceId === undefined ? undefined : spaceFacts(target.spaceId);
      return space !== undefined && space.closedAt === null && isMember(actor.userId, space.structureId);
    }
    case "subscription.decide": {
      const facts = target.subscriptionId === undefined ? undefined : subscriptionFacts(target.subscriptionId);
      return facts !== undefined && isMainManager(actor.userId, facts.structureId);
    }
    case "subscription.end": {
      const facts = target.subscriptionId === undefined ? undefined : subscriptionFacts(target.subscriptionId);
      return facts !== undefined && (facts.userId === actor.userId || isMainManager(actor.userId, facts.structureId));
    }
    case "member.detach":
    case "manager.handover":
      return (
        target.structureId !== undefined &&
        target.userId !== undefined &&
        target.userId !== actor.userId &&
        isMainManager(actor.userId, target.structureId) &&
        isMember(target.userId, target.structureId)
      );
    case "refund.view":
      return ticRights(actor.userId, target)?.canView === true;
    case "refund.edit":
      return ticRights(actor.userId, target)?.canEdit === true;
    case "refund.transmit":
      return ticRights(actor.userId, target)?.canTransmit === true;
    case "structure.select":
      // Work on a structure: one's own (attached), or a client farm through a mandate in force.
      return target.structureId !== undefined && (isMember(actor.userId, target.structureId) || ticRights(actor.userId, target)?.canView === true);
    case "mandate.give":
      // A farm's gestionnaire principal; a centre de gestion never has a TIC space to delegate.
      return target.structureId !== undefined && isMainManager(actor.userId, target.structureId) && isManagementCentre(target.structureId) === false;
    case "mandate.request":
      // Asked in the name of the structure that will hold it, by its gestionnaire principal.
      return target.structureId !== undefined && isMainManager(actor.userId, target.structureId);
    case "mandate.decide": {
      const mandate = target.mandateId === undefined ? undefined : mandateFacts(target.mandateId);
      return mandate !== undefined && isMainManager(actor.userId, mandate.farmStructureId);
    }
    case "mandate.end": {
      const mandate = target.mandateId === undefined ? undefined : mandateFacts(target.mandateId);
      return mandate !== undefined && (isMainManager(actor.userId, mandate.farmStructureId) || isMainManager(actor.userId, mandate.agentStructureId));
    }
    case "mandate.view": {
      // Both gestionnaires principaux, and the members of the mandated structure who work under it.
      const mandate = target.mandateId === undefined ? undefined : mandateFacts(target.mandateId);
      return mandate !== undefined && (isMainManager(actor.userId, mandate.farmStructureId) || isMember(actor.userId, mandate.agentStructureId));
    }
    case "portfolio.view":
      return target.structureId !== undefined && isMember(actor.userId, target.structureId);
    case "file.download": {
      // Invoices and receipts: whoever sees the structure's TIC space; a RIB also: the gestionnaire
      // principal, who recorded it.
      const file = target.fileId === undefined ? undefined : fileFacts(target.fileId);
      if (!file) return false;
      // A RIB stays within the farm: its gestionnaire principal and its own members who see the
      // space; never a mandated structure, whatever its rights (docs/decisions/0018).
      if (file.kind === "rib") return isMainManager(actor.userId, file.structureId) || seesBankDetails(actor.userId, file.structureId);
      return ticRights(actor.userId, { structureId: file.structureId })?.canView === true;
    }
  }
}

/**
 * Whether this person sees a structure's bank details in full (IBAN, BIC, RIB): its gestionnaire
 * principal and its own members who see its TIC space. A mandated structure — « Consultation » or
 * « Modification » — sees the IBAN masked and no RIB (docs/decisions/0018, issue 22 point 7).
 */
export function seesBankDetails(userId: number, structureId: number): boolean {
  if (!isActiveUser(userId)) return false;
  return isMainManager(userId, structureId) || (isMember(userId, structureId) && ticRights(userId, { structureId })?.canView === true);
}

export function assertCan(actor: Actor | null, action: Action, target: Target = {}): asserts actor is Actor {
  if (!can(actor, action, target)) throw new AccessDenied(action);
}
