import "server-only";
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { attachments, bankAccounts, structureContests, structures, userPreferences, users, verificationLetters } from "@/db/schema";
import { assertCan } from "@/lib/access";
import type { AgentAction, AgentTarget } from "@/lib/access/agents";
import { agentName, isAgentActor, type AgentActor } from "@/lib/agents/identity";
import { recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { enqueueMail } from "@/lib/mail/outbox";
import { withdrawFormerManagement } from "./contest-outcome";
import { prepareLetter, queueLetter, revokeLiveLetters } from "./verification";
import { fullName } from "@/lib/names";

/**
 * What an operator does: print and post the letters, decide contests, verify a structure from an
 * officer's document. From the administration's pages the operator is an agent, checked by the
 * policy and audited as `actor_agent_id` (ADR 0020); from `npm run operator -- …` (the server's
 * shell) a name typed with `--operateur`. Operators are not portal users: `actor_user_id` stays null.
 */

export type Operator = string | AgentActor;

function checkOperator(operator: Operator, action: AgentAction, target: AgentTarget): { name: string; agentId: number | null } | null {
  if (isAgentActor(operator)) {
    assertCan(operator, action, target);
    return { name: agentName(operator), agentId: operator.agentId };
  }
  const name = operator.trim();
  return name.length >= 2 && name.length <= 100 ? { name, agentId: null } : null;
}
const NO_OPERATOR = 'Donnez votre nom d\'opérateur : --operateur "Prénom Nom".';
const NO_MOTIF = 'Un motif est obligatoire : --motif "…".';

const unposted = and(
  isNull(verificationLetters.sentAt),
  isNull(verificationLetters.revokedAt),
  isNull(verificationLetters.usedAt),
  isNotNull(verificationLetters.pdf),
);

/** Letters to print: made, not yet posted, still useful; with the person whose step asked for each. */
export function pendingLetters() {
  return getDb()
    .select({
      id: verificationLetters.id,
      structureId: structures.id,
      name: structures.name,
      siret: structures.siret,
      postalCode: structures.postalCode,
      city: structures.city,
      createdAt: verificationLetters.createdAt,
      pdf: verificationLetters.pdf,
      requesterId: verificationLetters.requestedBy,
      requesterFirstName: users.firstName,
      requesterLastName: users.lastName,
      requesterEmail: users.loginEmail,
    })
    .from(verificationLetters)
    .innerJoin(structures, eq(structures.id, verificationLetters.structureId))
    .leftJoin(users, eq(users.id, verificationLetters.requestedBy))
    .where(unposted)
    .orderBy(asc(verificationLetters.id))
    .all();
}

export type PendingLetter = ReturnType<typeof pendingLetters>[number];

/** « Courriers à envoyer » by requester, the busiest first: a burst of creations stands out. */
export function pendingLettersByRequester(letters: PendingLetter[] = pendingLetters()) {
  const groups = new Map<number | null, { requesterId: number | null; requester: string; letters: PendingLetter[] }>();
  for (const letter of letters) {
    const group = groups.get(letter.requesterId) ?? {
      requesterId: letter.requesterId,
      requester:
        letter.requesterId === null
          ? "(compte supprimé)"
          : `${fullName(letter.requesterFirstName, letter.requesterLastName)} <${letter.requesterEmail}>`,
      letters: [],
    };
    group.letters.push(letter);
    groups.set(letter.requesterId, group);
  }
  return [...groups.values()].sort((a, b) => b.letters.length - a.letters.length || a.letters[0]!.id - b.letters[0]!.id);
}

/**
 * Stops a burst: every letter of this requester not yet posted is withdrawn (its code will never
 * be sent), audited with the operator's name and motif. The structures stay unverified; their real
 * owners may contest, or the operator verify them from a document.
 */
export function stopLettersOf(
  requesterId: number,
  input: { operator: string; motif: string },
  now = new Date(),
): ActionResult<{ stopped: number[] }> {
  const op = checkOperator(input.operator, "letter.handle", {});
  if (!op) return { ok: false, formError: NO_OPERATOR };
  const motif = input.motif.trim();
  if (!motif) return { ok: false, formError: NO_MOTIF };
  return inTransaction((tx): ActionResult<{ stopped: number[] }> => {
    const stopped = tx
      .update(verificationLetters)
      .set({ revokedAt: now, pdf: null })
      .where(and(eq(verificationLetters.requestedBy, requesterId), unposted))
      .returning({ id: verificationLetters.id, structureId: verificationLetters.structureId })
      .all();
    if (stopped.length === 0) return { ok: false, formError: `Aucun courrier à poster n'a été demandé par la personne n° ${requesterId}.` };
    recordAudit(
      tx,
      {
        action: "operator.letters_stopped",
        actorAgentId: op.agentId,
        targetType: "user",
        targetId: requesterId,
        details: { operator: op.name, motif, letterIds: stopped.map((l) => l.id), structureIds: stopped.map((l) => l.structureId) },
      },
      now,
    );
    return {
      ok: true,
      data: { stopped: stopped.map((l) => l.id) },
      message: `${stopped.length} courrier${stopped.length > 1 ? "s" : ""} de la personne n° ${requesterId} retiré${stopped.length > 1 ? "s" : ""} : ${stopped.map((l) => `n° ${l.id}`).join(", ")}.`,
    };
  });
}

/** The operator took the letters' PDFs (which show the codes): who and which, in the audit trail. */
export function recordLettersExported(operator: Operator, letterIds: number[], folder: string, now = new Date()): ActionResult {
  // An agent must be competent for every letter taken.
  const op =
    letterIds.map((letterId) => checkOperator(operator, "letter.handle", { letterId }))[0] ??
    (isAgentActor(operator) ? { name: agentName(operator), agentId: operator.agentId } : checkOperator(operator, "letter.handle", {}));
  if (!op) return { ok: false, formError: NO_OPERATOR };
  inTransaction((tx) =>
    recordAudit(
      tx,
      {
        action: "operator.letters_exported",
        actorAgentId: op.agentId,
        targetType: "verification_letter",
        details: { operator: op.name, letterIds, folder },
      },
      now,
    ),
  );
  return { ok: true, data: undefined };
}

/** « Posté »: the PDF, the only copy of the code, is deleted. */
export function markLetterSent(letterId: number, operator: Operator, now = new Date()): ActionResult {
  const op = checkOperator(operator, "letter.handle", { letterId });
  if (!op) return { ok: false, formError: NO_OPERATOR };
  const name = op.name;
  return inTransaction((tx): ActionResult => {
    const letter = tx
      .update(verificationLetters)
      .set({ sentAt: now, sentBy: name, pdf: null })
      .where(
        and(
          eq(verificationLetters.id, letterId),
          isNull(verificationLetters.sentAt),
          isNull(verificationLetters.revokedAt),
          isNull(verificationLetters.usedAt),
        ),
      )
      .returning({ structureId: verificationLetters.structureId })
      .get();
    if (!letter)
      return { ok: false, formError: `Le courrier n° ${letterId} n'est pas à poster (inconnu, déjà posté, remplacé ou déjà utilisé).` };
    recordAudit(
      tx,
      {
        action: "operator.letter_sent",
        actorAgentId: op.agentId,
        targetType: "structure",
        targetId: letter.structureId,
        details: { operator: name, letterId },
      },
      now,
    );
    return { ok: true, data: undefined, message: `Courrier n° ${letterId} marqué comme posté.` };
  });
}

/** « Vérifier » from an officer's document (Kbis, statuts, identity) reviewed by hand. */
export function verifyByOperator(structureId: number, input: { operator: Operator; motif: string }, now = new Date()): ActionResult {
  const op = checkOperator(input.operator, "structure.review", { structureId });
  if (!op) return { ok: false, formError: NO_OPERATOR };
  const name = op.name;
  const motif = input.motif.trim();
  if (!motif) return { ok: false, formError: NO_MOTIF };
  return inTransaction((tx): ActionResult => {
    const structure = tx
      .select({ status: structures.verificationStatus, name: structures.name })
      .from(structures)
      .where(eq(structures.id, structureId))
      .get();
    if (!structure) return { ok: false, formError: `Aucune structure n° ${structureId}.` };
    if (structure.status === "verified") return { ok: false, formError: `La structure n° ${structureId} est déjà vérifiée.` };
    tx.update(structures).set({ verificationStatus: "verified", verifiedAt: now }).where(eq(structures.id, structureId)).run();
    revokeLiveLetters(tx, structureId, now);
    recordAudit(
      tx,
      {
        action: "structure.verified",
        actorAgentId: op.agentId,
        targetType: "structure",
        targetId: structureId,
        details: { method: "operator", operator: name, motif, from: structure.status },
      },
      now,
    );
    return { ok: true, data: undefined, message: `${structure.name} (n° ${structureId}) est vérifiée.` };
  });
}

export function pendingContests() {
  return getDb()
    .select({
      id: structureContests.id,
      structureId: structures.id,
      structureName: structures.name,
      siret: structures.siret,
      verificationStatus: structures.verificationStatus,
      contesterFirst: users.firstName,
      contesterLast: users.lastName,
      contesterEmail: users.contactEmail,
      motif: structureContests.motif,
      createdAt: structureContests.createdAt,
    })
    .from(structureContests)
    .innerJoin(structures, eq(structures.id, structureContests.structureId))
    .innerJoin(users, eq(users.id, structureContests.userId))
    .where(eq(structureContests.status, "pending"))
    .orderBy(asc(structureContests.id))
    .all();
}

export type ContestDecision = "keep" | "transfer" | "suspend";
const OUTCOME: Record<ContestDecision, { status: "kept" | "transferred" | "suspended"; text: string }> = {
  keep: { status: "kept", text: "Le gestionnaire principal reste inchangé." },
  transfer: {
    status: "transferred",
    text: "Le rôle de gestionnaire principal est transmis à la personne qui a contesté ; la structure doit de nouveau être vérifiée par le code d'un courrier envoyé à l'adresse de l'établissement ; les références bancaires enregistrées auparavant, les mandats, les rattachements et abonnements accordés par l'ancien gestionnaire sont retirés, et les demandes non traitées reviennent en brouillon.",
  },
  suspend: {
    status: "suspended",
    text: "La structure est suspendue : aucune demande de remboursement ne peut être transmise en son nom jusqu'à nouvel ordre ; ses mandats, les rattachements et abonnements accordés par son gestionnaire sont retirés.",
  },
};

function personOf(tx: Db, userId: number) {
  return tx
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, contactEmail: users.contactEmail })
    .from(users)
    .where(eq(users.id, userId))
    .get()!;
}

/**
 * The operator's decision on a contest: keep the manager, transfer the role to the contester (a
 * new letter goes to the establishment, the former manager's attachment and the bank details are
 * withdrawn), or suspend the structure. Both people are mailed.
 */
export async function resolveContest(
  contestId: number,
  input: { decision: ContestDecision; operator: Operator; motif: string },
  now = new Date(),
): Promise<ActionResult> {
  const op = checkOperator(input.operator, "contest.decide", { contestId });
  if (!op) return { ok: false, formError: NO_OPERATOR };
  const name = op.name;
  const motif = input.motif.trim();
  if (!motif) return { ok: false, formError: NO_MOTIF };
  const contest = getDb().select().from(structureContests).where(eq(structureContests.id, contestId)).get();
  if (!contest || contest.status !== "pending") return { ok: false, formError: `La contestation n° ${contestId} n'est pas en attente.` };
  const structure = getDb().select().from(structures).where(eq(structures.id, contest.structureId)).get()!;
  const contester = personOf(getDb(), contest.userId);
  // Made before the transaction (PDF generation is asynchronous); unused unless transferred.
  const letter = input.decision === "transfer" ? await prepareLetter(structure, `${fullName(contester)}`, now) : null;
  return inTransaction((tx): ActionResult => {
    const outcome = OUTCOME[input.decision];
    const formerManagerId = tx.select({ id: structures.mainManagerId }).from(structures).where(eq(structures.id, structure.id)).get()!.id;
    if (input.decision === "transfer" && formerManagerId === contest.userId)
      return { ok: false, formError: "La personne qui a contesté est déjà gestionnaire principal." };
    const updated = tx
      .update(structureContests)
      .set({ status: outcome.status, resolvedAt: now, resolvedBy: name, resolutionMotif: motif })
      .where(and(eq(structureContests.id, contestId), eq(structureContests.status, "pending")))
      .returning({ id: structureContests.id })
      .get();
    if (!updated) return { ok: false, formError: `La contestation n° ${contestId} vient d'être décidée.` };
    const details: Record<string, unknown> = { operator: name, contestId, decision: input.decision, motif };
    if (input.decision === "transfer") {
      tx.update(structures)
        .set({ mainManagerId: contest.userId, verificationStatus: "unverified", verifiedAt: null })
        .where(eq(structures.id, structure.id))
        .run();
      tx.update(attachments)
        .set({ status: "revoked", decidedAt: now, reason: "Contestation de la gestion" })
        .where(and(eq(attachments.structureId, structure.id), eq(attachments.userId, formerManagerId), eq(attachments.status, "approved")))
        .run();
      // Their pending request, if any, becomes the approved link; else a new approved one.
      const approved = tx
        .update(attachments)
        .set({ status: "approved", decidedAt: now })
        .where(and(eq(attachments.structureId, structure.id), eq(attachments.userId, contest.userId), eq(attachments.status, "pending")))
        .returning({ id: attachments.id })
        .get();
      const already = tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(eq(attachments.structureId, structure.id), eq(attachments.userId, contest.userId), eq(attachments.status, "approved")))
        .get();
      if (!approved && !already)
        tx.insert(attachments)
          .values({ userId: contest.userId, structureId: structure.id, status: "approved", requestedAt: now, decidedAt: now })
          .run();
      tx.update(userPreferences)
        .set({ currentStructureId: null })
        .where(and(eq(userPreferences.userId, formerManagerId), eq(userPreferences.currentStructureId, structure.id)))
        .run();
      const removed = tx
        .update(bankAccounts)
        .set({ removedAt: now, isDefault: false })
        .where(and(eq(bankAccounts.structureId, structure.id), isNull(bankAccounts.removedAt)))
        .returning({ id: bankAccounts.id })
        .all();
      details.letterId = queueLetter(tx, structure.id, contest.userId, letter!);
      details.bankAccountsRemoved = removed.map((r) => r.id);
      details.from = formerManagerId;
      details.to = contest.userId;
    } else if (input.decision === "suspend") {
      tx.update(structures).set({ verificationStatus: "suspended" }).where(eq(structures.id, structure.id)).run();
      revokeLiveLetters(tx, structure.id, now);
    }
    if (input.decision !== "keep") {
      // The rights the contested management gave die with it (docs/decisions/0021).
      details.withdrawn = withdrawFormerManagement(
        tx,
        {
          structureId: structure.id,
          structureName: structure.name,
          formerManagerId,
          contesterId: contest.userId,
          contestFiledAt: contest.createdAt,
          why: `Décision sur la contestation de la gestion de ${structure.name} : ${outcome.text}`,
        },
        now,
      );
    }
    recordAudit(
      tx,
      { action: "operator.contest_resolved", actorAgentId: op.agentId, targetType: "structure", targetId: structure.id, details },
      now,
    );
    for (const person of [contester, personOf(tx, formerManagerId)]) {
      enqueueMail(
        tx,
        {
          to: person.contactEmail,
          template: "contest-resolved",
          props: { firstName: person.firstName, structureName: structure.name, outcome: outcome.text, motif, link: links.home() },
        },
        now,
      );
    }
    return { ok: true, data: undefined, message: `Contestation n° ${contestId} : ${outcome.text}` };
  });
}
