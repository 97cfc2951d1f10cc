import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
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
import { notify } from "@/lib/mail/digest";
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
  tx
    .select({ id: structures.id })
    .from(structures)
    .where(and(eq(structures.id, structureId), eq(structures.mainManagerId, userId)))
    .get() !== undefined;

const structureBySiret = (siret: string) => getDb().select().from(structures).where(eq(structures.siret, siret)).get();

function rightsError(input: Rights, now: Date): Record<string, string> | null {
  if (input.endDate !== null && input.endDate < parisToday(now)) return { endDate: "La date de fin est aujourd'hui ou plus tard." };
  return null;
}

/** Both gestionnaires principaux are told of every step (once if they are the same person): by mail, or in their digest. */
export function mailBothSides(tx: Db, mandate: Mandate, event: MandateEvent, actor: Actor | string, reason: string | null, now: Date) {
  const [farm, agent] = [mandate.farmStructureId, mandate.agentStructureId].map((id) =>
    tx
      .select({ name: structures.name, userId: users.id, firstName: users.firstName, contactEmail: users.contactEmail })
      .from(structures)
      .innerJoin(users, eq(users.id, structures.mainManagerId))
      .where(eq(structures.id, id))
      .get()!,
  ) as [
    { name: string; userId: number; firstName: string; contactEmail: string },
    { name: string; userId: number; firstName: string; contactEmail: string },
  ];
  const sides = [
    { who: farm, toFarm: true },
    { who: agent, toFarm: false },
  ].filter((side, index, all) => all.findIndex((other) => other.who.contactEmail === side.who.contactEmail) === index);
  for (const { who, toFarm } of sides) {
    // One mail a day per side, pair of structures and step; the steps beyond go to the next day's digest.
    notify(
      tx,
      {
        userId: who.userId,
        to: who.contactEmail,
        pair: `${mandate.farmStructureId}:${mandate.agentStructureId}`,
        kind: `mandate-changed:${event}`,
        template: "mandate-changed",
        props: {
          firstName: who.firstName,
          event,
          toFarm,
          farmName: farm.name,
          agentName: agent.name,
          rights: mandateRightsText(mandate),
          until: untilText(mandate.endDate),
          actorName: typeof actor === "string" ? actor : fullName(actor),
          reason,
          link: links.mandate(mandate.id),
        },
      },
      now,
    );
  }
}

function audit(tx: Db, action: string, actor: Actor, mandate: Mandate, meta: RequestMeta, now: Date, extra: Record<string, unknown> = {}) {
  recordAudit(
    tx,
    {
      action,
      actorUserId: actor.userId,
      targetType: "mandate",
      targetId: mandate.id,
      ip: meta.ip,
      details: {
        farmStructureId: mandate.farmStructureId,
        agentStructureId: mandate.agentStructureId,
        canEdit: mandate.canEdit,
        canTransmit: mandate.canTransmit,
        endDate: mandate.endDate,
        ...extra,
      },
    },
    now,
  );
}

/** Refuses a second live mandate between the same two structures, in words that say what to do. */
export function liveMandateError(tx: Db, farmStructureId: number, agentStructureId: number): string | null {
  const live = tx
    .select({ status: mandates.status, origin: mandates.origin })
    .from(mandates)
    .where(
      and(
        eq(mandates.farmStructureId, farmStructureId),
        eq(mandates.agentStructureId, agentStructureId),
        inArray(mandates.status, ["pending", "active"]),
      ),
    )
    .get();
  if (!live) return null;
  if (live.status === "active") return "Un mandat est déjà en vigueur entre ces deux structures. Mettez-y fin pour en établir un autre.";
  return "Une demande de mandat entre ces deux structures attend déjà la décision du gestionnaire principal de l'exploitation.";
}

function lookupAllowed(actor: Actor, now: Date): boolean {
  return limit([["mandateLookup.user", actor.userId]], now.getTime()).allowed;
}

const TOO_MANY = "Trop de recherches de SIRET aujourd'hui. Réessayez demain.";

/**
 * Loops of ask/withdraw or give/end are limited (issue 22, point 3): what starts a mandate (asking,
 * giving) per pair of structures and per person; what stops one (withdrawing, refusing, ending) per
 * person only, so that the other side's loops never keep anyone from ending a mandate.
 */
function stepRefused(
  actor: Actor,
  startsBetween: { farmStructureId: number; agentStructureId: number } | null,
  now: Date,
  perPerson = true,
): string | null {
  if (startsBetween) {
    const perPair = limit([["mandateSteps.pair", `${startsBetween.farmStructureId}:${startsBetween.agentStructureId}`]], now.getTime());
    if (!perPair.allowed) return perPair.message;
  }
  if (!perPerson) return null;
  const perUser = limit([["mandateSteps.user", actor.userId]], now.getTime());
  return perUser.allowed ? null : perUser.message;
}

/** « Donner un mandat »: the farm's gestionnaire principal names the structure; in force at once. */
export function giveMandate(
  actor: Actor,
  input: GiveMandateInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ mandateId: number }> {
  assertCan(actor, "mandate.give", { structureId: input.farmStructureId });
  const fieldErrors = rightsError(input, now);
  if (fieldErrors) return { ok: false, fieldErrors };
  if (!lookupAllowed(actor, now)) return { ok: false, formError: TOO_MANY };
  const agent = structureBySiret(input.agentSiret);
  if (!agent)
    return {
      ok: false,
      fieldErrors: {
        agentSiret: "Aucune structure n'a ce SIRET sur le portail. Elle doit d'abord y être créée par son gestionnaire principal.",
      },
    };
  if (agent.id === input.farmStructureId)
    return { ok: false, fieldErrors: { agentSiret: "Une structure ne se donne pas de mandat à elle-même." } };
  const result = inTransaction((tx): ActionResult<{ mandateId: number }> => {
    const conflict = liveMandateError(tx, input.farmStructureId, agent.id);
    if (conflict) return { ok: false, formError: conflict };
    const refused = stepRefused(actor, { farmStructureId: input.farmStructureId, agentStructureId: agent.id }, now);
    if (refused) return { ok: false, formError: refused };
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
    return {
      ok: true,
      data: { mandateId: mandate.id },
      message: `Le mandat est donné à ${agent.name} : ses utilisateurs ont accès à votre espace dès maintenant.`,
    };
  });
  if (result.ok) kickDelivery();
  return result;
}

/** Why a structure found by SIRET cannot be asked a mandate by that one, or null. */
export function askedFarmProblem(farm: { id: number; isManagementCentre: boolean }, agentStructureId: number): string | null {
  if (farm.id === agentStructureId) return "Une structure ne se donne pas de mandat à elle-même.";
  if (farm.isManagementCentre)
    return "Cette structure est un centre de gestion agricole : elle n'a pas d'espace « Demande de remboursement TIC » à confier.";
  return null;
}

/** « Demander un mandat »: the other structure's gestionnaire principal asks; the farm decides. */
export function askMandate(actor: Actor, input: AskMandateInput, meta: RequestMeta, now = new Date()): ActionResult<{ mandateId: number }> {
  assertCan(actor, "mandate.request", { structureId: input.agentStructureId });
  const fieldErrors = rightsError(input, now);
  if (fieldErrors) return { ok: false, fieldErrors };
  if (!lookupAllowed(actor, now)) return { ok: false, formError: TOO_MANY };
  const farm = structureBySiret(input.farmSiret);
  if (!farm)
    return {
      ok: false,
      fieldErrors: {
        farmSiret: "Aucune exploitation n'a ce SIRET sur le portail. Son gestionnaire principal doit d'abord y créer sa structure.",
      },
    };
  const problem = askedFarmProblem(farm, input.agentStructureId);
  if (problem) return { ok: false, fieldErrors: { farmSiret: problem } };
  const result = insertAskedMandate(
    actor,
    farm,
    input.agentStructureId,
    { canEdit: input.rights === "modification", canTransmit: input.canTransmit, endDate: input.endDate },
    meta,
    now,
  );
  if (result.ok) kickDelivery();
  return result;
}

/**
 * The asked mandate itself, in its own transaction, once the farm is known: refused while one is
 * live between the two structures or beyond the limits. A row of a centre's file (ADR 0029) is not
 * counted against the person's hourly steps: its SIRET look-up was counted when the file was read.
 */
export function insertAskedMandate(
  actor: Actor,
  farm: { id: number; name: string },
  agentStructureId: number,
  rights: { canEdit: boolean; canTransmit: boolean; endDate: string | null },
  meta: RequestMeta,
  now: Date,
  source: "form" | "file" = "form",
): ActionResult<{ mandateId: number }> {
  return inTransaction((tx): ActionResult<{ mandateId: number }> => {
    const conflict = liveMandateError(tx, farm.id, agentStructureId);
    if (conflict) return { ok: false, formError: conflict };
    const refused = stepRefused(actor, { farmStructureId: farm.id, agentStructureId }, now, source === "form");
    if (refused) return { ok: false, formError: refused };
    const mandate = tx
      .insert(mandates)
      .values({
        farmStructureId: farm.id,
        agentStructureId,
        ...rights,
        origin: "asked",
        status: "pending",
        requestedAt: now,
        requestedBy: actor.userId,
      })
      .returning()
      .get();
    audit(tx, "mandate.asked", actor, mandate, meta, now, source === "file" ? { source } : {});
    mailBothSides(tx, mandate, "asked", actor, null, now);
    return {
      ok: true,
      data: { mandateId: mandate.id },
      message: `Votre demande de mandat est transmise au gestionnaire principal de ${farm.name}. Vous recevrez un courriel dès sa décision.`,
    };
  });
}

/** The farm's gestionnaire principal accepts or refuses an asked mandate; decided once. */
export function decideMandate(actor: Actor, input: DecideMandateInput, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "mandate.decide", { mandateId: input.mandateId });
  const accept = input.decision === "accept";
  const result = inTransaction((tx): ActionResult => {
    const asked = tx
      .select({ endDate: mandates.endDate })
      .from(mandates)
      .where(and(eq(mandates.id, input.mandateId), eq(mandates.status, "pending")))
      .get();
    if (!asked) return { ok: false, formError: "Cette demande de mandat a déjà été traitée ou retirée : rien n'a changé." };
    const refused = stepRefused(actor, null, now);
    if (refused) return { ok: false, formError: refused };
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
    return {
      ok: true,
      data: undefined,
      message: accept ? "Le mandat est accepté : il s'applique dès maintenant." : "La demande de mandat est refusée.",
    };
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
    const pending = tx
      .select()
      .from(mandates)
      .where(and(eq(mandates.id, mandateId), eq(mandates.status, "pending")))
      .get();
    if (pending && !managesStructure(tx, actor.userId, pending.agentStructureId)) {
      return {
        ok: false,
        formError: "Cette demande de mandat attend votre décision : refusez-la avec « Refuser le mandat » si vous ne l'acceptez pas.",
      };
    }
    const refused = stepRefused(actor, null, now);
    if (refused) return { ok: false, formError: refused };
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
    return {
      ok: true,
      data: undefined,
      message: ended ? "Le mandat est terminé : l'accès qu'il donnait s'arrête dès maintenant." : "La demande de mandat est retirée.",
    };
  });
  if (result.ok) kickDelivery();
  return result;
}

/**
 * Every live mandate (asked or in force) where this structure is either side ends now, decided by
 * the portal's operator (a contest transferred or suspended the structure: the rights its former
 * management gave or asked are void). Both sides are told why; either may ask again. Inside the
 * caller's transaction; returns the ids ended.
 */
export function endLiveMandatesOf(tx: Db, structureId: number, reason: string, now: Date): number[] {
  const live = tx
    .select()
    .from(mandates)
    .where(
      and(
        or(eq(mandates.farmStructureId, structureId), eq(mandates.agentStructureId, structureId)),
        inArray(mandates.status, ["pending", "active"]),
      ),
    )
    .all();
  for (const mandate of live) {
    const ended = mandate.status === "active";
    const after = tx
      .update(mandates)
      .set({ status: ended ? "ended" : "cancelled", endedAt: now, endedBy: null })
      .where(eq(mandates.id, mandate.id))
      .returning()
      .get()!;
    recordAudit(
      tx,
      {
        action: ended ? "mandate.ended" : "mandate.cancelled",
        targetType: "mandate",
        targetId: mandate.id,
        details: { farmStructureId: mandate.farmStructureId, agentStructureId: mandate.agentStructureId, by: "operator", reason },
      },
      now,
    );
    mailBothSides(tx, after, ended ? "ended" : "cancelled", OPERATOR_NAME, reason, now);
  }
  return live.map((m) => m.id);
}

/** How the mails name a step the portal's operator took. */
export const OPERATOR_NAME = "L'opérateur du Portail TIC";
