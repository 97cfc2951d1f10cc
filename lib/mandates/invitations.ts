import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { mandateInvitations, mandates, structures, users } from "@/db/schema";
import { AccessDenied, assertCan } from "@/lib/access";
import { maskEmail, recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { formatDay, parisToday } from "@/lib/dates";
import { getDb, inTransaction, type Db } from "@/lib/db";
import { lookup } from "@/lib/directory/lookup";
import { CLOSED_SIRET_MESSAGE, UNKNOWN_SIRET_MESSAGE } from "@/lib/directory/types";
import type { ActionResult, RowError } from "@/lib/forms";
import { formatSiret } from "@/lib/identifiers";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import { fullName } from "@/lib/names";
import type { RequestMeta } from "@/lib/request-meta";
import { mandateRightsText } from "@/lib/rights-wording";
import { limit } from "@/lib/security/rate-limit";
import { openSealed, seal } from "@/lib/security/seal";
import { hashToken, looksLikeToken, newToken } from "@/lib/security/tokens";
import { readMandateFile, type MandateFileRow, type MandateRights } from "./invitation-file";
import { askedFarmProblem, insertAskedMandate, liveMandateError, mailBothSides } from "./mandates";
import { untilText } from "./presentation";
import type { ConfirmMandateFileInput, PreviewMandateFileInput } from "./schemas";

/**
 * Mandates asked from a centre's file, and invitations to the farms not yet on the portal (issue
 * 21, point 11; docs/decisions/0029-mandates-from-a-file.md). Reading the file shows, row by row,
 * what confirming would do (ask the mandate, or invite the farm) or why not; confirming does each
 * row in its own transaction and says what became of it.
 */

/** Days an invitation's link stays valid. */
export const INVITATION_DAYS = 30;
/** Minutes between the preview and « Confirmer » (the rows travel sealed in the page). */
export const PREVIEW_MINUTES = 30;
const SEAL_PURPOSE = "mandate-file";
const DAY = 86_400_000;

export type PlannedRow = MandateFileRow & ({ outcome: "ask"; farmName: string } | { outcome: "invite"; email: string });
export type FilePreview = { rows: PlannedRow[]; errors: RowError[]; sealed: string };
export type RowResult = {
  row: number;
  siret: string;
  outcome: "asked" | "invited" | "failed";
  farmName: string | null;
  mandateId: number | null;
  message: string;
};

type Sealed = { agentStructureId: number; rows: MandateFileRow[] };

const structureOfSiret = (db: Db, siret: string) =>
  db
    .select({ id: structures.id, name: structures.name, isManagementCentre: structures.isManagementCentre })
    .from(structures)
    .where(eq(structures.siret, siret))
    .get();

/** The invitation from this centre to this SIRET still waiting (not expired), if any. */
const waitingInvitation = (db: Db, agentStructureId: number, siret: string, now: Date) =>
  db
    .select({ createdAt: mandateInvitations.createdAt, expiresAt: mandateInvitations.expiresAt })
    .from(mandateInvitations)
    .where(
      and(
        eq(mandateInvitations.agentStructureId, agentStructureId),
        eq(mandateInvitations.siret, siret),
        eq(mandateInvitations.status, "pending"),
        gt(mandateInvitations.expiresAt, now),
      ),
    )
    .get();

const waitingMessage = (waiting: { createdAt: Date; expiresAt: Date }) =>
  `Une invitation envoyée le ${formatDay(waiting.createdAt)} à cette exploitation attend encore sa réponse (jusqu'au ${formatDay(waiting.expiresAt)}) : annulez-la dans « Mandats » pour en envoyer une autre.`;

const NO_EMAIL = "Cette exploitation n'est pas encore sur le portail : indiquez son adresse électronique, elle recevra une invitation.";
const TOO_MANY_LOOKUPS = "Trop de recherches de SIRET aujourd'hui : cette ligne n'a pas été vérifiée. Réessayez demain.";

/** What confirming would do with one row, or why it cannot. Counts one SIRET look-up. */
async function planRow(actor: Actor, agentStructureId: number, row: MandateFileRow, now: Date): Promise<PlannedRow | RowError> {
  if (!limit([["mandateLookup.user", actor.userId]], now.getTime()).allowed)
    return { row: row.row, column: "siret", message: TOO_MANY_LOOKUPS };
  const db = getDb();
  const farm = structureOfSiret(db, row.siret);
  if (farm) {
    const problem = askedFarmProblem(farm, agentStructureId) ?? liveMandateError(db, farm.id, agentStructureId);
    return problem ? { row: row.row, column: "siret", message: problem } : { ...row, outcome: "ask", farmName: farm.name };
  }
  if (row.email === null) return { row: row.row, column: "courriel", message: NO_EMAIL };
  const waiting = waitingInvitation(db, agentStructureId, row.siret, now);
  if (waiting) return { row: row.row, column: "siret", message: waitingMessage(waiting) };
  // The invitation leads to creating that SIRET's structure: it must be one the directory allows.
  const found = await lookup(row.siret);
  if (found.status === "unknown") return { row: row.row, column: "siret", message: UNKNOWN_SIRET_MESSAGE };
  if (found.status === "found" && !found.establishment.isActive) return { row: row.row, column: "siret", message: CLOSED_SIRET_MESSAGE };
  return { ...row, outcome: "invite", email: row.email };
}

/** « Vérifier le fichier »: every row planned or refused with its line and column; nothing written but the look-ups counted. */
export async function previewMandateFile(
  actor: Actor,
  input: PreviewMandateFileInput,
  _meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult<FilePreview>> {
  assertCan(actor, "mandate.askMany", { structureId: input.agentStructureId });
  if (input.endDate !== null && input.endDate < parisToday(now))
    return { ok: false, fieldErrors: { endDate: "La date de fin est aujourd'hui ou plus tard." } };
  if (!input.file) return { ok: false, fieldErrors: { file: "Choisissez le fichier CSV de vos exploitations." } };
  const defaults: MandateRights = { canEdit: input.rights === "modification", canTransmit: input.canTransmit, endDate: input.endDate };
  const read = readMandateFile(input.file.bytes, defaults, now);
  if (!read.ok) return { ok: false, formError: "Le fichier n'a pas pu être lu : aucun mandat n'est demandé.", rowErrors: read.errors };
  const errors = [...read.errors];
  const rows: PlannedRow[] = [];
  for (const row of read.rows) {
    const planned = await planRow(actor, input.agentStructureId, row, now);
    if ("outcome" in planned) rows.push(planned);
    else errors.push(planned);
  }
  const kept: MandateFileRow[] = rows.map(({ row, siret, email, canEdit, canTransmit, endDate }) => ({
    row,
    siret,
    email,
    canEdit,
    canTransmit,
    endDate,
  }));
  const sealed = seal(SEAL_PURPOSE, actor.userId, { agentStructureId: input.agentStructureId, rows: kept } satisfies Sealed, now);
  return { ok: true, data: { rows, errors: [...errors].sort((a, b) => a.row - b.row), sealed } };
}

/** One invitation, in its own transaction: the row, its mail through the outbox, its audit event. */
function inviteFarm(
  actor: Actor,
  agentStructureId: number,
  row: MandateFileRow & { email: string },
  meta: RequestMeta,
  now: Date,
): ActionResult<{ invitationId: number }> {
  return inTransaction((tx): ActionResult<{ invitationId: number }> => {
    if (structureOfSiret(tx, row.siret))
      return {
        ok: false,
        formError: "Cette exploitation vient de s'inscrire sur le portail : importez de nouveau le fichier pour lui demander le mandat.",
      };
    const waiting = waitingInvitation(tx, agentStructureId, row.siret, now);
    if (waiting) return { ok: false, formError: waitingMessage(waiting) };
    const limited = limit(
      [
        ["mandateInvitation.structure", agentStructureId],
        ["mandateInvitation.address", row.email],
      ],
      now.getTime(),
    );
    if (!limited.allowed) return { ok: false, formError: limited.message };
    const agent = tx.select({ name: structures.name }).from(structures).where(eq(structures.id, agentStructureId)).get()!;
    const { token, hash } = newToken();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
    const invitation = tx
      .insert(mandateInvitations)
      .values({
        agentStructureId,
        siret: row.siret,
        email: row.email,
        canEdit: row.canEdit,
        canTransmit: row.canTransmit,
        endDate: row.endDate,
        tokenHash: hash,
        status: "pending",
        createdAt: now,
        createdBy: actor.userId,
        expiresAt,
      })
      .returning({ id: mandateInvitations.id })
      .get();
    enqueueMail(
      tx,
      {
        to: row.email,
        template: "mandate-invitation",
        props: {
          agentName: agent.name,
          siret: formatSiret(row.siret),
          rights: mandateRightsText(row),
          until: untilText(row.endDate),
          link: links.mandateInvitation(token),
          expiresOn: formatDay(expiresAt),
        },
      },
      now,
    );
    recordAudit(
      tx,
      {
        action: "mandate.invited",
        actorUserId: actor.userId,
        targetType: "mandate_invitation",
        targetId: invitation.id,
        ip: meta.ip,
        details: {
          agentStructureId,
          siret: row.siret,
          email: maskEmail(row.email),
          canEdit: row.canEdit,
          canTransmit: row.canTransmit,
          endDate: row.endDate,
          expiresAt: expiresAt.toISOString(),
        },
      },
      now,
    );
    return { ok: true, data: { invitationId: invitation.id } };
  });
}

/** « Confirmer »: each row of the sealed preview done on its own (a refused row never holds back the others), a result per row. */
export function confirmMandateFile(
  actor: Actor,
  input: ConfirmMandateFileInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ results: RowResult[] }> {
  assertCan(actor, "mandate.askMany", { structureId: input.agentStructureId });
  const sealed = openSealed<Sealed>(SEAL_PURPOSE, input.rows, actor.userId, PREVIEW_MINUTES, now);
  if (!sealed || sealed.agentStructureId !== input.agentStructureId) {
    return { ok: false, formError: `Cet aperçu n'est plus valide (il l'est ${PREVIEW_MINUTES} minutes) : importez de nouveau le fichier.` };
  }
  const results: RowResult[] = [];
  for (const row of sealed.rows) {
    const farm = structureOfSiret(getDb(), row.siret);
    const base = { row: row.row, siret: row.siret, farmName: farm?.name ?? null, mandateId: null };
    if (farm) {
      const problem = askedFarmProblem(farm, input.agentStructureId);
      const asked = problem
        ? ({ ok: false, formError: problem } as const)
        : insertAskedMandate(
            actor,
            farm,
            input.agentStructureId,
            { canEdit: row.canEdit, canTransmit: row.canTransmit, endDate: row.endDate },
            meta,
            now,
            "file",
          );
      results.push(
        asked.ok
          ? {
              ...base,
              outcome: "asked",
              mandateId: asked.data.mandateId,
              message: "Mandat demandé : l'exploitation l'accepte ou le refuse.",
            }
          : { ...base, outcome: "failed", message: asked.formError ?? "Le mandat n'a pas pu être demandé." },
      );
    } else if (row.email !== null) {
      const invited = inviteFarm(actor, input.agentStructureId, { ...row, email: row.email }, meta, now);
      results.push(
        invited.ok
          ? { ...base, outcome: "invited", message: `Invitation envoyée ; son lien est valable ${INVITATION_DAYS} jours.` }
          : { ...base, outcome: "failed", message: invited.formError ?? "L'invitation n'a pas pu être envoyée." },
      );
    } else {
      results.push({ ...base, outcome: "failed", message: NO_EMAIL });
    }
  }
  if (results.some((r) => r.outcome !== "failed")) kickDelivery();
  const done = results.filter((r) => r.outcome !== "failed").length;
  return {
    ok: true,
    data: { results },
    message: `${done} ligne${done > 1 ? "s" : ""} sur ${results.length} traitée${done > 1 ? "s" : ""}.`,
  };
}

/**
 * The structure of an invited SIRET is created (by whoever creates it: the farm's manager decides
 * anyway): each invitation still waiting becomes an asked mandate, mailed to both sides as one
 * asked on the form. Inside the creation's transaction; the mandates' ids.
 */
export function convertInvitations(
  tx: Db,
  structure: { id: number; siret: string; isManagementCentre: boolean },
  creatorUserId: number,
  now: Date,
): number[] {
  if (structure.isManagementCentre) return [];
  const waiting = tx
    .select({ invitation: mandateInvitations, askerFirstName: users.firstName, askerLastName: users.lastName })
    .from(mandateInvitations)
    .innerJoin(users, eq(users.id, mandateInvitations.createdBy))
    .where(
      and(eq(mandateInvitations.siret, structure.siret), eq(mandateInvitations.status, "pending"), gt(mandateInvitations.expiresAt, now)),
    )
    .all();
  const ids: number[] = [];
  for (const { invitation, askerFirstName, askerLastName } of waiting) {
    if (liveMandateError(tx, structure.id, invitation.agentStructureId)) continue;
    const mandate = tx
      .insert(mandates)
      .values({
        farmStructureId: structure.id,
        agentStructureId: invitation.agentStructureId,
        canEdit: invitation.canEdit,
        canTransmit: invitation.canTransmit,
        endDate: invitation.endDate,
        origin: "asked",
        status: "pending",
        requestedAt: now,
        requestedBy: invitation.createdBy,
      })
      .returning()
      .get();
    tx.update(mandateInvitations)
      .set({ status: "converted", mandateId: mandate.id, convertedAt: now })
      .where(eq(mandateInvitations.id, invitation.id))
      .run();
    recordAudit(
      tx,
      {
        action: "mandate.invitation_converted",
        actorUserId: creatorUserId,
        targetType: "mandate_invitation",
        targetId: invitation.id,
        details: { mandateId: mandate.id, farmStructureId: structure.id, agentStructureId: invitation.agentStructureId },
      },
      now,
    );
    recordAudit(
      tx,
      {
        action: "mandate.asked",
        actorUserId: invitation.createdBy,
        targetType: "mandate",
        targetId: mandate.id,
        details: {
          farmStructureId: structure.id,
          agentStructureId: invitation.agentStructureId,
          canEdit: mandate.canEdit,
          canTransmit: mandate.canTransmit,
          endDate: mandate.endDate,
          source: "invitation",
          invitationId: invitation.id,
        },
      },
      now,
    );
    mailBothSides(tx, mandate, "asked", fullName(askerFirstName, askerLastName), null, now);
    ids.push(mandate.id);
  }
  return ids;
}

export type InvitationView =
  | { state: "invalid" }
  | { state: "expired"; agentName: string }
  | { state: "converted"; mandateId: number }
  | { state: "pending"; agentName: string; siret: string; rights: string; until: string; expiresAt: Date; usedBy: number | null };

const agent = alias(structures, "agent");

const invitationByToken = (db: Db, token: string) =>
  looksLikeToken(token)
    ? db
        .select({ invitation: mandateInvitations, agentName: agent.name })
        .from(mandateInvitations)
        .innerJoin(agent, eq(agent.id, mandateInvitations.agentStructureId))
        .where(eq(mandateInvitations.tokenHash, hashToken(token)))
        .get()
    : undefined;

/**
 * What the invitation's link shows. A link cancelled, unknown, or already followed by someone else
 * reads « invalid », the same for all.
 */
export function invitationView(token: string, viewerUserId: number | null, now = new Date()): InvitationView {
  const found = invitationByToken(getDb(), token);
  if (!found || found.invitation.status === "cancelled") return { state: "invalid" };
  const { invitation, agentName } = found;
  if (invitation.usedBy !== null && invitation.usedBy !== viewerUserId) return { state: "invalid" };
  if (invitation.status === "converted")
    return invitation.mandateId !== null ? { state: "converted", mandateId: invitation.mandateId } : { state: "invalid" };
  if (invitation.expiresAt <= now) return { state: "expired", agentName };
  return {
    state: "pending",
    agentName,
    siret: invitation.siret,
    rights: mandateRightsText(invitation),
    until: untilText(invitation.endDate),
    expiresAt: invitation.expiresAt,
    usedBy: invitation.usedBy,
  };
}

export const INVALID_INVITATION = "Ce lien d'invitation n'est pas valide ou a déjà servi.";

/**
 * « Inscrire mon exploitation »: the signed-in person follows the link (once: the link then works
 * for them only) and goes on to create the structure of that SIRET; or, when it already exists and
 * the invitation became a mandate asked, to that mandate.
 */
export function followInvitation(actor: Actor, token: string, meta: RequestMeta, now = new Date()): ActionResult<{ next: string }> {
  assertCan(actor, "structure.create");
  return inTransaction((tx): ActionResult<{ next: string }> => {
    const found = invitationByToken(tx, token);
    if (
      !found ||
      found.invitation.status === "cancelled" ||
      (found.invitation.usedBy !== null && found.invitation.usedBy !== actor.userId)
    ) {
      return { ok: false, formError: INVALID_INVITATION };
    }
    const { invitation, agentName } = found;
    if (invitation.status === "converted") return { ok: true, data: { next: `/mandats/${invitation.mandateId}` } };
    if (invitation.expiresAt <= now)
      return { ok: false, formError: `Ce lien d'invitation a expiré : demandez à ${agentName} de vous en envoyer un nouveau.` };
    if (invitation.usedBy === null) {
      const used = tx
        .update(mandateInvitations)
        .set({ usedAt: now, usedBy: actor.userId })
        .where(and(eq(mandateInvitations.id, invitation.id), isNull(mandateInvitations.usedBy)))
        .run();
      if (used.changes === 0) return { ok: false, formError: INVALID_INVITATION };
      recordAudit(
        tx,
        {
          action: "mandate.invitation_followed",
          actorUserId: actor.userId,
          targetType: "mandate_invitation",
          targetId: invitation.id,
          ip: meta.ip,
          details: { siret: invitation.siret },
        },
        now,
      );
    }
    // Created meanwhile (by someone else, or before a first click): the invitation becomes the mandate now.
    const existing = tx
      .select({
        id: structures.id,
        siret: structures.siret,
        isManagementCentre: structures.isManagementCentre,
        mainManagerId: structures.mainManagerId,
      })
      .from(structures)
      .where(eq(structures.siret, invitation.siret))
      .get();
    if (existing) {
      const [mandateId] = convertInvitations(tx, existing, actor.userId, now);
      // The mandate is its gestionnaire principal's to decide; anyone else goes on to ask to be attached.
      const next =
        existing.mainManagerId !== actor.userId
          ? `/structures/rattachement?identifiant=${invitation.siret}&type=siret`
          : mandateId !== undefined
            ? `/mandats/${mandateId}`
            : "/mandats";
      return { ok: true, data: { next } };
    }
    return { ok: true, data: { next: `/structures/nouvelle?siret=${invitation.siret}` } };
  });
}

/** « Annuler l'invitation »: by the centre's gestionnaire principal, while it waits; its link stops working. */
export function cancelInvitation(actor: Actor, invitationId: number, meta: RequestMeta, now = new Date()): ActionResult {
  const found = getDb()
    .select({ agentStructureId: mandateInvitations.agentStructureId })
    .from(mandateInvitations)
    .where(eq(mandateInvitations.id, invitationId))
    .get();
  if (!found) throw new AccessDenied("mandate.askMany");
  // The structure is the invitation's own, never one posted beside it.
  assertCan(actor, "mandate.askMany", { structureId: found.agentStructureId });
  return inTransaction((tx): ActionResult => {
    const cancelled = tx
      .update(mandateInvitations)
      .set({ status: "cancelled", cancelledAt: now, cancelledBy: actor.userId })
      .where(and(eq(mandateInvitations.id, invitationId), eq(mandateInvitations.status, "pending")))
      .returning({ siret: mandateInvitations.siret })
      .get();
    if (!cancelled) return { ok: false, formError: "Cette invitation n'est plus en attente : rien n'a changé." };
    recordAudit(
      tx,
      {
        action: "mandate.invitation_cancelled",
        actorUserId: actor.userId,
        targetType: "mandate_invitation",
        targetId: invitationId,
        ip: meta.ip,
        details: { siret: cancelled.siret },
      },
      now,
    );
    return { ok: true, data: undefined, message: "L'invitation est annulée : son lien ne fonctionne plus." };
  });
}

export const INVITATION_STATUS_LABELS = {
  pending: "En attente",
  expired: "Expirée",
  converted: "Structure inscrite : mandat demandé",
  cancelled: "Annulée",
} as const;

/** The invitations a centre sent, newest first, each with its status as the centre may know it (« Expirée » read from the date). */
export function invitationsOfStructure(agentStructureId: number, now = new Date()) {
  return getDb()
    .select({ invitation: mandateInvitations })
    .from(mandateInvitations)
    .where(eq(mandateInvitations.agentStructureId, agentStructureId))
    .orderBy(desc(mandateInvitations.createdAt), desc(mandateInvitations.id))
    .limit(500)
    .all()
    .map(({ invitation }) => ({
      ...invitation,
      state: (invitation.status === "pending" && invitation.expiresAt <= now
        ? "expired"
        : invitation.status) as keyof typeof INVITATION_STATUS_LABELS,
    }));
}
