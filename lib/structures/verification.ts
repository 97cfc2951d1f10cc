import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { structures, users, verificationLetters } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { RATE_LIMITS, limit } from "@/lib/security/rate-limit";
import { getConfig } from "@/lib/config";
import { buildVerificationLetter } from "./verification-letter";
import { fullName } from "@/lib/names";

/**
 * A structure is verified when its gestionnaire principal types the code of a letter posted to
 * the SIRENE address of the establishment, or when an operator has reviewed an officer's document.
 * See docs/decisions/0016-structure-verification.md.
 */
export const VERIFICATION = {
  /** A posted letter needs days; its code stays valid for two months. */
  codeValidityDays: 60,
  /** Entries per letter, the right one included: a letter is spent after that. */
  attemptsPerLetter: 5,
  /** Letters per structure over `letterPeriodDays` (the one sent at creation counts). */
  lettersPerPeriod: 3,
  letterPeriodDays: 60,
  /** Code entries per user, whatever the structure (docs/decisions/0005-rate-limits.md). */
  entriesPerUserPerHour: RATE_LIMITS["structureVerify.user"].limit,
} as const;

const DAY = 24 * 60 * 60 * 1000;
/** No 0/O, 1/I: the code is read on paper and typed by hand. 32 symbols, 12 of them: 60 bits. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 12;

export const UNVERIFIED_PROBLEM =
  "Structure non vérifiée : le gestionnaire principal doit saisir le code reçu par courrier à l'adresse de l'établissement (« Vérifier la structure »).";
export const SUSPENDED_PROBLEM = "Structure suspendue après une contestation de sa gestion : aucune demande ne peut être transmise.";

export function newVerificationCode(): { code: string; hash: string } {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return { code: raw.match(/.{4}/g)!.join("-"), hash: hashVerificationCode(raw) };
}

/** Case, spaces and dashes do not matter when typing it. */
export function hashVerificationCode(code: string): string {
  return createHash("sha256").update(code.toUpperCase().replace(/[\s-]/g, ""), "utf8").digest("hex");
}

export type PreparedLetter = { codeHash: string; pdf: Uint8Array; createdAt: Date; expiresAt: Date };

/** The code and its printable letter, made before the transaction (PDF generation is asynchronous). */
export async function prepareLetter(
  structure: {
    name: string;
    siret: string;
    street: string | null;
    complement: string | null;
    postalCode: string | null;
    city: string | null;
  },
  requesterName: string,
  now: Date,
): Promise<PreparedLetter> {
  const { code, hash } = newVerificationCode();
  const expiresAt = new Date(now.getTime() + VERIFICATION.codeValidityDays * DAY);
  const pdf = await buildVerificationLetter({
    structureName: structure.name,
    siret: structure.siret,
    address: structure,
    requesterName,
    portalUrl: getConfig().appUrl,
    code,
    createdAt: now,
    expiresAt,
  });
  return { codeHash: hash, pdf, createdAt: now, expiresAt };
}

/** Earlier letters of the structure stop working: only the newest code is valid. */
export function revokeLiveLetters(tx: Db, structureId: number, now: Date): void {
  tx.update(verificationLetters)
    .set({ revokedAt: now })
    .where(and(eq(verificationLetters.structureId, structureId), isNull(verificationLetters.usedAt), isNull(verificationLetters.revokedAt)))
    .run();
}

/** Queues the letter for the operator, in the caller's transaction. */
export function queueLetter(tx: Db, structureId: number, requestedBy: number | null, letter: PreparedLetter): number {
  revokeLiveLetters(tx, structureId, letter.createdAt);
  return tx
    .insert(verificationLetters)
    .values({
      structureId,
      codeHash: letter.codeHash,
      requestedBy,
      createdAt: letter.createdAt,
      expiresAt: letter.expiresAt,
      pdf: Buffer.from(letter.pdf),
    })
    .returning({ id: verificationLetters.id })
    .get().id;
}

function lettersInPeriod(tx: Db, structureId: number, now: Date): number {
  return tx
    .select({ n: sql<number>`count(*)` })
    .from(verificationLetters)
    .where(
      and(
        eq(verificationLetters.structureId, structureId),
        gt(verificationLetters.createdAt, new Date(now.getTime() - VERIFICATION.letterPeriodDays * DAY)),
      ),
    )
    .get()!.n;
}

function newestLetter(tx: Db, structureId: number) {
  return tx
    .select()
    .from(verificationLetters)
    .where(eq(verificationLetters.structureId, structureId))
    .orderBy(desc(verificationLetters.id))
    .get();
}

const isLive = (letter: { usedAt: Date | null; revokedAt: Date | null; attempts: number; expiresAt: Date }, now: Date) =>
  letter.usedAt === null && letter.revokedAt === null && letter.attempts < VERIFICATION.attemptsPerLetter && letter.expiresAt > now;

function structureFacts(structureId: number) {
  return getDb()
    .select({
      id: structures.id,
      name: structures.name,
      siret: structures.siret,
      street: structures.street,
      complement: structures.complement,
      postalCode: structures.postalCode,
      city: structures.city,
      verificationStatus: structures.verificationStatus,
    })
    .from(structures)
    .where(eq(structures.id, structureId))
    .get();
}

export type VerificationState = {
  status: "unverified" | "verified" | "suspended";
  verifiedAt: Date | null;
  /** The letter whose code works now, if any. */
  letter: { createdAt: Date; expiresAt: Date; sentAt: Date | null; attemptsLeft: number } | null;
  /** Why the newest letter no longer works, when none does. */
  lastLetterEnded: "expired" | "spent" | null;
  canRequestLetter: boolean;
};

/** What the structure page shows in « Vérifier la structure ». */
export function verificationState(structureId: number, now = new Date()): VerificationState {
  const db = getDb();
  const structure = db
    .select({ status: structures.verificationStatus, verifiedAt: structures.verifiedAt })
    .from(structures)
    .where(eq(structures.id, structureId))
    .get()!;
  const newest = newestLetter(db, structureId);
  const live = newest && isLive(newest, now) ? newest : null;
  return {
    status: structure.status,
    verifiedAt: structure.verifiedAt,
    letter: live
      ? {
          createdAt: live.createdAt,
          expiresAt: live.expiresAt,
          sentAt: live.sentAt,
          attemptsLeft: VERIFICATION.attemptsPerLetter - live.attempts,
        }
      : null,
    lastLetterEnded: live || !newest || newest.usedAt || newest.revokedAt ? null : newest.expiresAt <= now ? "expired" : "spent",
    canRequestLetter: structure.status === "unverified" && lettersInPeriod(db, structureId, now) < VERIFICATION.lettersPerPeriod,
  };
}

/** « Vérifier la structure »: the gestionnaire principal types the code of the letter. */
export function verifyWithCode(
  actor: Actor,
  input: { structureId: number; code: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "structure.verify", { structureId: input.structureId });
  const verdict = limit([["structureVerify.user", actor.userId]], now.getTime());
  if (!verdict.allowed) return { ok: false, formError: verdict.message };
  return inTransaction((tx): ActionResult => {
    const structure = tx
      .select({ status: structures.verificationStatus })
      .from(structures)
      .where(eq(structures.id, input.structureId))
      .get()!;
    if (structure.status === "verified") return { ok: true, data: undefined, message: "La structure est déjà vérifiée." };
    if (structure.status === "suspended") return { ok: false, formError: SUSPENDED_PROBLEM };
    const letter = newestLetter(tx, input.structureId);
    if (!letter || letter.usedAt || letter.revokedAt)
      return { ok: false, formError: "Aucun code n'est en cours de validité : demandez un nouveau courrier." };
    if (letter.expiresAt <= now) return { ok: false, formError: "Ce code a expiré : demandez un nouveau courrier." };
    // The attempt is counted before the code is compared: no entry is ever free.
    const claimed = tx
      .update(verificationLetters)
      .set({ attempts: sql`${verificationLetters.attempts} + 1` })
      .where(and(eq(verificationLetters.id, letter.id), sql`${verificationLetters.attempts} < ${VERIFICATION.attemptsPerLetter}`))
      .returning({ attempts: verificationLetters.attempts })
      .get();
    if (!claimed) return { ok: false, formError: "Ce code a reçu trop d'essais erronés : demandez un nouveau courrier." };
    const right = timingSafeEqual(Buffer.from(letter.codeHash, "hex"), Buffer.from(hashVerificationCode(input.code), "hex"));
    if (!right) {
      const left = VERIFICATION.attemptsPerLetter - claimed.attempts;
      recordAudit(
        tx,
        {
          action: "structure.verification_failed",
          actorUserId: actor.userId,
          targetType: "structure",
          targetId: input.structureId,
          ip: meta.ip,
          details: { letterId: letter.id, attemptsLeft: left },
        },
        now,
      );
      return {
        ok: false,
        fieldErrors: {
          code:
            left > 0
              ? `Ce code n'est pas le bon. Il vous reste ${left} essai${left > 1 ? "s" : ""}.`
              : "Ce code n'est pas le bon, et c'était le dernier essai : demandez un nouveau courrier.",
        },
      };
    }
    tx.update(verificationLetters).set({ usedAt: now }).where(eq(verificationLetters.id, letter.id)).run();
    tx.update(structures).set({ verificationStatus: "verified", verifiedAt: now }).where(eq(structures.id, input.structureId)).run();
    recordAudit(
      tx,
      {
        action: "structure.verified",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: input.structureId,
        ip: meta.ip,
        details: { method: "postal-code", letterId: letter.id },
      },
      now,
    );
    return { ok: true, data: undefined, message: "La structure est vérifiée : ses demandes de remboursement peuvent être transmises." };
  });
}

/** « Recevoir un nouveau courrier »: limited, since each one is printed and posted. */
export async function requestNewLetter(actor: Actor, structureId: number, meta: RequestMeta, now = new Date()): Promise<ActionResult> {
  assertCan(actor, "structure.verify", { structureId });
  const structure = structureFacts(structureId)!;
  if (structure.verificationStatus !== "unverified")
    return { ok: false, formError: structure.verificationStatus === "verified" ? "La structure est déjà vérifiée." : SUSPENDED_PROBLEM };
  const requester = getDb()
    .select({ firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.id, actor.userId))
    .get()!;
  const letter = await prepareLetter(structure, `${fullName(requester)}`, now);
  return inTransaction((tx): ActionResult => {
    if (lettersInPeriod(tx, structureId, now) >= VERIFICATION.lettersPerPeriod) {
      return {
        ok: false,
        formError: `${VERIFICATION.lettersPerPeriod} courriers ont déjà été demandés ces ${VERIFICATION.letterPeriodDays} derniers jours : attendez le dernier, ou écrivez-nous avec un justificatif (extrait Kbis, statuts).`,
      };
    }
    const letterId = queueLetter(tx, structureId, actor.userId, letter);
    recordAudit(
      tx,
      {
        action: "structure.letter_requested",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: structureId,
        ip: meta.ip,
        details: { letterId },
      },
      now,
    );
    return {
      ok: true,
      data: undefined,
      message: "Un nouveau courrier va être envoyé à l'adresse de l'établissement ; le code du courrier précédent ne fonctionne plus.",
    };
  });
}
