import "server-only";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { mailTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import { rightAway, type Later } from "@/lib/later";
import type { RequestMeta } from "@/lib/request-meta";
import { hashSecret, verifySecret } from "@/lib/security/password-hash";
import { limit } from "@/lib/security/rate-limit";
import { links } from "@/lib/links";
import {
  MAX_WRONG_ANSWERS,
  RECOVERY_VALIDITY_MINUTES,
  consumeMailToken,
  issueMailToken,
  lookupMailToken,
  mailActivationLink,
} from "./mail-tokens";
import { storeNewPassword } from "./password-change";
import { passwordError } from "./password-policy";
import type { RecoveryInput } from "./schemas";
import { normalizeAnswer } from "./secret-questions";

/** « Mot de passe oublié » : same answer whatever the address. */
export function requestRecovery(loginEmail: string, meta: RequestMeta, now = new Date(), later: Later = rightAway): ActionResult {
  const verdict = limit(
    [
      ["recovery.ip", meta.ip],
      ["recovery.address", loginEmail],
    ],
    now.getTime(),
  );
  if (!verdict.allowed) return { ok: false, formError: verdict.message };
  // Whether the address is known shows neither in the answer nor in its timing.
  later(() => {
    const user = getDb().select().from(users).where(eq(users.loginEmail, loginEmail)).get();
    if (user && user.status !== "disabled") {
      inTransaction((tx) => {
        if (user.status === "pending") {
          // Never activated: what they need is a new activation link.
          mailActivationLink(tx, user, now);
        } else {
          const token = issueMailToken(tx, user.id, "recovery", now);
          enqueueMail(
            tx,
            {
              to: user.loginEmail,
              template: "password-recovery",
              props: { firstName: user.firstName, link: links.recovery(token), validityMinutes: RECOVERY_VALIDITY_MINUTES },
            },
            now,
          );
        }
        recordAudit(tx, { action: "account.recovery_requested", targetType: "user", targetId: user.id, ip: meta.ip }, now);
      });
      kickDelivery();
    }
  });
  return {
    ok: true,
    data: undefined,
    message: `Si un compte existe pour l'adresse ${loginEmail}, un lien de réinitialisation vient de lui être envoyé. Il est valable ${RECOVERY_VALIDITY_MINUTES} minutes.`,
  };
}

export type RecoveryLink = { status: "valid"; question: string; attemptsLeft: number } | { status: "expired" | "used" | "unknown" };

export function inspectRecoveryLink(token: string, now = new Date()): RecoveryLink {
  const found = lookupMailToken(token, "recovery", now);
  if (found.status !== "valid") return { status: found.status };
  if (found.user.status !== "active" || !found.user.secretQuestion) return { status: "used" };
  return { status: "valid", question: found.user.secretQuestion, attemptsLeft: MAX_WRONG_ANSWERS - found.failedAnswers };
}

export const RECOVERY_LINK_NOT_USABLE =
  "Ce lien de réinitialisation n'est plus valable (il a expiré ou a déjà servi). Demandez-en un nouveau.";

/** The secret answer, then a new password. Five wrong answers spend the link. */
export async function completeRecovery(input: RecoveryInput, meta: RequestMeta, now = new Date()): Promise<ActionResult> {
  const link = lookupMailToken(input.token, "recovery", now);
  if (link.status !== "valid" || link.user.status !== "active") return { ok: false, formError: RECOVERY_LINK_NOT_USABLE };
  const user = link.user;

  const weakness = passwordError(input.password, [user.loginEmail.split("@")[0] ?? "", user.firstName, user.lastName]);
  if (weakness) return { ok: false, fieldErrors: { password: weakness } };

  // Each answer takes one of the five tries before it is checked, in one conditional UPDATE:
  // answers sent at once cannot all be checked against the same count.
  const attempt = getDb()
    .update(mailTokens)
    .set({ failedAnswers: sql`${mailTokens.failedAnswers} + 1` })
    .where(and(eq(mailTokens.id, link.tokenId), isNull(mailTokens.usedAt), lt(mailTokens.failedAnswers, MAX_WRONG_ANSWERS)))
    .returning({ tries: mailTokens.failedAnswers })
    .get();
  if (!attempt) return { ok: false, formError: RECOVERY_LINK_NOT_USABLE };

  if (!(await verifySecret(user.secretAnswerHash, normalizeAnswer(input.secretAnswer)))) {
    inTransaction((tx) => {
      if (attempt.tries >= MAX_WRONG_ANSWERS) {
        tx.update(mailTokens)
          .set({ usedAt: now })
          .where(and(eq(mailTokens.id, link.tokenId), isNull(mailTokens.usedAt)))
          .run();
      }
      recordAudit(tx, { action: "account.recovery_wrong_answer", targetType: "user", targetId: user.id, ip: meta.ip }, now);
    });
    const left = MAX_WRONG_ANSWERS - attempt.tries;
    if (left <= 0) {
      return {
        ok: false,
        formError: "Réponse incorrecte. Ce lien est désormais désactivé : demandez un nouveau lien de réinitialisation.",
      };
    }
    return {
      ok: false,
      fieldErrors: {
        secretAnswer: `Réponse incorrecte. Il vous reste ${left} essai${left > 1 ? "s" : ""} avec ce lien.`,
      },
    };
  }

  const passwordHash = await hashSecret(input.password);
  const changed = inTransaction((tx) => {
    if (!consumeMailToken(tx, link.tokenId, now)) return false;
    storeNewPassword(tx, user, passwordHash, { action: "account.password_reset", ip: meta.ip }, now);
    return true;
  });
  if (!changed) return { ok: false, formError: RECOVERY_LINK_NOT_USABLE };
  kickDelivery();
  return { ok: true, data: undefined };
}
