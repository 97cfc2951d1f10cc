import { and, eq, inArray } from "drizzle-orm";
import { mandates, structures, users } from "@/db/schema";
import type { MandateEvent } from "@/emails/mandate-changed";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { parisToday } from "@/lib/dates";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import type { RequestMeta } from "@/lib/request-meta";
import { RATE_LIMITS, limit } from "@/lib/security/rate-limit";
import { fullName } from "@/lib/names";
import { mandateRightsText } from "@/lib/rights-wording";
import { untilText } from "./presentation";
import type { AskMandateInput, DecideMandateInput, GiveMandateInput } from "./schemas";

/** SIRET look-ups by one person: enough for an accountant's whole client list in a day, not for a crawl. */
export const MANDATE_LOOKUPS_PER_USER_PER_DAY = RATE_LIMITS["mandateLookup.user"].limit;

type Mandate = typeof mandates.$inferSelect;
type Rights = { rights: "consultation" | "modification"; canTransmit: boolean; endDate: string | null };

const managesStructure = (tx: Db, userId: number, structureId: number) =>
  tx.select({ id: structures.id }).from(structures).where(and(eq(structures.id, structureId), eq(structures.mainManagerId, userId))).get() !== undefined;

const structureBySiret = (siret: string) => getDb().select().from(structures).where(eq(structures.siret, siret)).get();

function rightsError(input: Rights, now: Date): Record<string, string> | null {
  if (input.endDate !== null && input.endDate < parisToday(now)) return { endDate: "La date de fin est aujourd'hui ou plus tard." };
  return null;
}

/** Both gestionnaires principaux get a mail for every step (once if they are the same person). */
function mailBothSides(tx: Db, mandate: Mandate, event: MandateEvent, actor: Actor, reason: string | null, now: Date) {
  const [farm, agent] = [mandate.farmStructureId, mandate.agentStructureId].map(
    (id) =>
      tx
        .select({ name: structures.name, firstName: users.firstName, contactEmail: users.contactEmail })
        .from(structures)
        .innerJoin(users, eq(users.id, structures.mainManagerId))
        .where(eq(structures.id, id))
        .get()!,
  ) as [{ name: string; firstName: string; contactEmail: string }, { name: string; firstName: string; contactEmail: string }];
  const sides = [
    { who: farm, toFarm: true },
    { who: agent, toFarm: false },
  ].filter((side, index, all) => all.findIndex((other) => other.who.contactEmail === side.who.contactEmail) === index);
  for (const { who, toFarm } of sides) {
    enqueueMail(tx, {
      to: who.contactEmail,
      template: "mandate-changed",
      props: {
        firstName: who.firstName,
        event,
        toFarm,
        farmName: farm.name,
        agentName: agent.name,
        rights: mandateRightsText(mandate),
        until: untilText(mandate.endDate),
        actorName: fullName(actor),
        reason,
        link: links.mandate(mandate.id),
      },
    }, now);
  }
}

function audit(tx: Db, action: string, actor: Actor, mandate: Mandate, meta: RequestMeta, now: Date, extra: Record<string, unknown> = {}) {
  recordAudit(tx, {
    action,
    actorUserId: actor.userId,
    targetType: "mandate",
    targetId: mandate.id,
    ip: meta.ip,
    details: { farmStructureId: mandate.farmStructureId, agentStructureId: mandate.agentStructureId, canEdit: mandate.canEdit, canTransmit: mandate.canTransmit, endDate: mandate.endDate, ...extra },
  }, now);
}

/** Refuses a second live mandate between the same two structures, in words that say what to do. */
function liveMandateError(tx: Db, farmStructureId: number, agentStructureId: number): string | null {
  const live = tx
    .select({ status: mandates.status, origin: mandates.origin })
    .from(mandates)
    .where(and(eq(mandates.farmStructureId, farmStructureId), eq(mandates.agentStructureId, agentStructureId), inArray(mandates.status, ["pending", "active"])))
    .get();
  if (!live) return null;
  if (live.status === "active") return "Un mandat est déjà en vigueur entre ces deux structures. Mettez-y fin pour en établir un autre.";
  return "Une demande de mandat entre ces deux structures attend déjà la décision du gestionnaire principal de l'exploitation.";
}

function lookupAllowed(actor: Actor, now: Date): boolean {
  return limit([["mandateLookup.user", actor.userId]], now.getTime()).allowed;
}

const TOO_MANY = "Trop de recherches de SIRET aujourd'hui. Réessayez demain.";

/** « Donner un mandat »: the farm's gestionnaire principal names the structure; in force at once. */
export function giveMandate(actor: Actor, input: GiveMandateInput, meta: RequestMeta, now = new Date()): ActionResult<{ mandateId: number }> {
  assertCan(actor, "mandate.give", { structureId: input.farmStructureId });
  const fieldErrors = rightsError(input, now);
  if (fieldErrors) return { ok: false, fieldErrors };
  if (!lookupAllowed(actor, now)) return { ok: false, formError: TOO_MANY };
  const agent = structureBySiret(input.agentSiret);
  if (!agent) return { ok: false, fieldErrors: { agentSiret: "Aucune structure n'a ce SIRET sur le portail. Elle doit d'abord y être créée par son gestionnaire principal." } };
  if (agent.id === input.farmStructureId) return { ok: false, fieldErrors: { agentSiret: "Une structure ne se donne pas de mandat à elle-même." } };
  const result = inTransaction((tx): ActionResult<{ mandateId: number }> => {
    const conflict = liveMandateError(tx, input.farmStructureId, agent.id);
    if (conflict) return { ok: false, formError: conflict };
    const mandate = tx
      .insert(mandates)
      .values({
        farmStructureId: input.farmStructureId,
        agentStructureId: agent.id,
        canEdit: input.rights === "modification",
        canTransmit: input.canTransmit,
        endDate: input.endDate,
        origin: "given",
        status: "active",
        requestedAt: now,
        requestedBy: actor.userId,
        decidedAt: now,
        decidedBy: actor.userId,
      })
      .returning()
      .get();
    audit(tx, "mandate.given", actor, mandate, meta, now);
    mailBothSides(tx, mandate, "given", actor, null, now);
    return { ok: true, data: { mandateId: mandate.id }, message: `Le mandat est donné à ${agent.name} : ses utilisateurs ont accès à votre espace dès maintenant.` };
  });
  if (result.ok) kickDelivery();
  return result;
}

/** « Demander un mandat »: the other structure's gestionnaire principal asks; the farm decides. */
export function askMandate(actor: Actor, input: AskMandateInput, meta: RequestMeta, now = new Date()): ActionResult<{ mandateId: number }> {
  assertCan(actor, "mandate.request", { structureId: input.agentStructureId });
  const fieldErrors = rightsError(input, now);
  if (fieldErrors) return { ok: false, fieldErrors };
  if (!lookupAllowed(actor, now)) return { ok: false, formError: TOO_MANY };
  const farm = structureBySiret(input.farmSiret);
  if (!farm) return { ok: false, fieldErrors: { farmSiret: "Aucune exploitation n'a ce SIRET sur le portail. Son gestionnaire principal doit d'abord y créer sa structure." } };
  if (farm.id === input.agentStructureId) return { ok: false, fieldErrors: { farmSiret: "Une structure ne se donne pas de mandat à elle-même." } };
  if (farm.isManagementCentre) return { ok: false, fieldErrors: { farmSiret: "Cette structure est un centre de gestion agricole : elle n'a pas d'espace « Demande de remboursement TIC » à confier." } };
  const result = inTransaction((tx): ActionResult<{ mandateId: number }> => {
    const conflict = liveMandateError(tx, farm.id, input.agentStructureId);
    if (conflict) return { ok: false, formError: conflict };
    const mandate = tx
      .insert(mandates)
      .values({
        farmStructureId: farm.id,
        agentStructureId: input.agentStructureId,
        canEdit: input.rights === "modification",
        canTransmit: input.canTransmit,
        endDate: input.endDate,
        origin: "asked",
        status: "pending",
        requestedAt: now,
        requestedBy: actor.userId,
      })
      .returning()
      .get();
    audit(tx, "mandate.asked", actor, mandate, meta, now);
    mailBothSides(tx, mandate, "asked", actor, null, now);
    return { ok: true, data: { mandateId: mandate.id }, message: `Votre demande de mandat est transmise au gestionnaire principal de ${farm.name}. Vous recevrez un courriel dès sa décision.` };
  });
  if (result.ok) kickDelivery();
  return result;
}

/** The farm's gestionnaire principal accepts or refuses an asked mandate; decided once. */
export function decideMandate(actor: Actor, input: DecideMandateInput, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "mandate.decide", { mandateId: input.mandateId });
  const accept = input.decision === "accept";
  const result = inTransaction((tx): ActionResult => {
    const asked = tx.select({ endDate: mandates.endDate }).from(mandates).where(and(eq(mandates.id, input.mandateId), eq(mandates.status, "pending"))).get();
    if (!asked) return { ok: false, formError: "Cette demande de mandat a déjà été traitée ou retirée : rien n'a changé." };
    // Accepting a mandate whose end date has passed would grant nothing: say so instead.
    if (accept && asked.endDate !== null && asked.endDate < parisToday(now)) {
      return { ok: false, formError: "La date de fin de ce mandat est passée : refusez-le ; la structure pourra en demander un nouveau." };
    }
    const mandate = tx
      .update(mandates)
      .set({ status: accept ? "active" : "refused", decidedAt: now, decidedBy: actor.userId, reason: accept ? null : input.reason })
      .where(eq(mandates.id, input.mandateId))
      .returning()
      .get()!;
    audit(tx, accept ? "mandate.accepted" : "mandate.refused", actor, mandate, meta, now, accept ? {} : { reason: input.reason });
    mailBothSides(tx, mandate, accept ? "accepted" : "refused", actor, accept ? null : input.reason, now);
    return { ok: true, data: undefined, message: accept ? "Le mandat est accepté : il s'applique dès maintenant." : "La demande de mandat est refusée." };
  });
  if (result.ok) kickDelivery();
  return result;
}

/**
 * Either side ends a mandate in force; the side that asked withdraws one still asked (the farm
 * refuses it instead: one button, « Refuser le mandat », not two that look alike; issue 21).
 * Access stops at once.
 */
export function endMandate(actor: Actor, mandateId: number, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "mandate.end", { mandateId });
  const result = inTransaction((tx): ActionResult => {
    const pending = tx.select().from(mandates).where(and(eq(mandates.id, mandateId), eq(mandates.status, "pending"))).get();
    if (pending && !managesStructure(tx, actor.userId, pending.agentStructureId)) {
      return { ok: false, formError: "Cette demande de mandat attend votre décision : refusez-la avec « Refuser le mandat » si vous ne l'acceptez pas." };
    }
    const ended = tx
      .update(mandates)
      .set({ status: "ended", endedAt: now, endedBy: actor.userId })
      .where(and(eq(mandates.id, mandateId), eq(mandates.status, "active")))
      .returning()
      .get();
    const mandate =
      ended ??
      tx
        .update(mandates)
        .set({ status: "cancelled", endedAt: now, endedBy: actor.userId })
        .where(and(eq(mandates.id, mandateId), eq(mandates.status, "pending")))
        .returning()
        .get();
    if (!mandate) return { ok: false, formError: "Ce mandat est déjà terminé." };
    audit(tx, ended ? "mandate.ended" : "mandate.cancelled", actor, mandate, meta, now);
    mailBothSides(tx, mandate, ended ? "ended" : "cancelled", actor, null, now);
    return { ok: true, data: undefined, message: ended ? "Le mandat est terminé : l'accès qu'il donnait s'arrête dès maintenant." : "La demande de mandat est retirée." };
  });
  if (result.ok) kickDelivery();
  return result;
}
