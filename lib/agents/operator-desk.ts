import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { PDFDocument } from "pdf-lib";
import { structureContests, structures, users, verificationLetters } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { competence } from "@/lib/access/agents";
import { getDb } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { markLetterSent, recordLettersExported } from "@/lib/structures/operator";
import type { AgentActor } from "./identity";

/**
 * What the operators' pages read (ADR 0020), always within the operator's départements: the
 * letters to post and who asked for them, the contests waiting. The decisions themselves go
 * through lib/structures/operator.ts, with the agent as actor.
 */

const waiting = and(
  isNull(verificationLetters.sentAt),
  isNull(verificationLetters.revokedAt),
  isNull(verificationLetters.usedAt),
  isNotNull(verificationLetters.pdf),
);

function lettersWhere(departements: string[], requesterId?: number): SQL | undefined {
  return and(
    waiting,
    inArray(structures.departement, departements),
    requesterId === undefined ? undefined : eq(verificationLetters.requestedBy, requesterId),
  );
}

/** « Courriers à envoyer »: by département, then oldest first; optionally one requester's. */
export function lettersToSend(actor: AgentActor, requesterId?: number) {
  const departements = competence(actor, "operator");
  if (departements.length === 0) return [];
  return getDb()
    .select({
      id: verificationLetters.id,
      structureId: structures.id,
      name: structures.name,
      siret: structures.siret,
      postalCode: structures.postalCode,
      city: structures.city,
      departement: structures.departement,
      createdAt: verificationLetters.createdAt,
      requesterId: users.id,
      requesterFirst: users.firstName,
      requesterLast: users.lastName,
      requesterEmail: users.loginEmail,
    })
    .from(verificationLetters)
    .innerJoin(structures, eq(structures.id, verificationLetters.structureId))
    .leftJoin(users, eq(users.id, verificationLetters.requestedBy))
    .where(lettersWhere(departements, requesterId))
    .orderBy(asc(structures.departement), asc(verificationLetters.id))
    .all();
}

/** Who asked for the letters waiting, most letters first: a burst of creations shows at once. */
export function lettersByRequester(actor: AgentActor) {
  const departements = competence(actor, "operator");
  if (departements.length === 0) return [];
  return getDb()
    .select({
      requesterId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.loginEmail,
      letters: count(verificationLetters.id),
    })
    .from(verificationLetters)
    .innerJoin(structures, eq(structures.id, verificationLetters.structureId))
    .leftJoin(users, eq(users.id, verificationLetters.requestedBy))
    .where(lettersWhere(departements))
    .groupBy(users.id)
    .orderBy(desc(count(verificationLetters.id)), asc(users.lastName))
    .all();
}

/**
 * The chosen letters as one PDF to print, each starting on a new page; the export is audited with
 * the agent (the PDFs show the codes). Letters outside the agent's départements are refused.
 */
export async function lettersAsOnePdf(actor: AgentActor, letterIds: number[]): Promise<{ pdf: Uint8Array; count: number } | null> {
  if (letterIds.length === 0) return null;
  for (const letterId of letterIds) assertCan(actor, "letter.handle", { letterId });
  const rows = getDb()
    .select({ id: verificationLetters.id, pdf: verificationLetters.pdf })
    .from(verificationLetters)
    .where(and(inArray(verificationLetters.id, letterIds), waiting))
    .orderBy(asc(verificationLetters.id))
    .all();
  if (rows.length === 0) return null;
  const merged = await PDFDocument.create();
  merged.setTitle("Courriers de vérification à poster");
  for (const row of rows) {
    const letter = await PDFDocument.load(row.pdf!);
    for (const page of await merged.copyPages(letter, letter.getPageIndices())) merged.addPage(page);
  }
  const exported = recordLettersExported(
    actor,
    rows.map((r) => r.id),
    "téléchargement (administration)",
  );
  if (!exported.ok) return null;
  return { pdf: await merged.save(), count: rows.length };
}

/** « Marquer comme envoyés »: each letter through the same service as `npm run operator`. */
export function markLettersSent(actor: AgentActor, letterIds: number[]): ActionResult {
  const done: number[] = [];
  const errors: string[] = [];
  for (const letterId of letterIds) {
    const result = markLetterSent(letterId, actor);
    if (result.ok) done.push(letterId);
    else if (result.formError) errors.push(result.formError);
  }
  if (done.length === 0) return { ok: false, formError: errors[0] ?? "Cochez au moins un courrier.", errorList: errors.slice(1) };
  return {
    ok: true,
    data: undefined,
    message: `${done.length} courrier${done.length > 1 ? "s marqués comme envoyés" : " marqué comme envoyé"} ; ${done.length > 1 ? "leurs PDF sont supprimés" : "son PDF est supprimé"}.${errors.length ? ` ${errors.join(" ")}` : ""}`,
  };
}

const managers = alias(users, "managers");

/** « Contestations » waiting, within the operator's départements: structure, manager, contester, motif. */
export function contestsToDecide(actor: AgentActor) {
  const departements = competence(actor, "operator");
  if (departements.length === 0) return [];
  return getDb()
    .select({
      id: structureContests.id,
      structureId: structures.id,
      structureName: structures.name,
      siret: structures.siret,
      departement: structures.departement,
      verificationStatus: structures.verificationStatus,
      managerFirst: managers.firstName,
      managerLast: managers.lastName,
      managerEmail: managers.loginEmail,
      contesterFirst: users.firstName,
      contesterLast: users.lastName,
      contesterEmail: users.loginEmail,
      motif: structureContests.motif,
      createdAt: structureContests.createdAt,
    })
    .from(structureContests)
    .innerJoin(structures, eq(structures.id, structureContests.structureId))
    .innerJoin(users, eq(users.id, structureContests.userId))
    .innerJoin(managers, eq(managers.id, structures.mainManagerId))
    .where(and(eq(structureContests.status, "pending"), inArray(structures.departement, departements)))
    .orderBy(asc(structureContests.id))
    .all();
}
