import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import { rightAway, type Later } from "@/lib/later";
import type { RequestMeta } from "@/lib/request-meta";
import { hashSecret } from "@/lib/security/password-hash";
import { limit } from "@/lib/security/rate-limit";
import { ACTIVATION_VALIDITY_MINUTES, consumeMailToken, lookupMailToken, mailActivationLink } from "./mail-tokens";
import { passwordError } from "./password-policy";
import { questionText, type ActivationInput } from "./schemas";
import { normalizeAnswer } from "./secret-questions";

export type ActivationLink =
  | { status: "valid"; firstName: string; loginEmail: string }
  | { status: "expired" | "used"; loginEmail: string | null }
  | { status: "unknown" };

/** What the activation page shows for this link, without using it. */
export function inspectActivationLink(token: string, now = new Date()): ActivationLink {
  const found = lookupMailToken(token, "activation", now);
  if (found.status === "unknown") return found;
  if (found.status === "valid") {
    if (found.user.status !== "pending") return { status: "used", loginEmail: null };
    return { status: "valid", firstName: found.user.firstName, loginEmail: found.user.loginEmail };
  }
  // Pre-filling the re-send form is safe: whoever holds the link received it at that address.
  return { status: found.status, loginEmail: found.user.status === "pending" ? found.user.loginEmail : null };
}

export const LINK_NOT_USABLE = "Ce lien d'activation n'est plus valable (il a expiré ou a déjà servi). Demandez-en un nouveau ci-dessous.";

/** « Valider » on the activation page: password and secret question chosen, account active. */
export async function activateAccount(
  input: ActivationInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult<{ loginEmail: string }>> {
  const link = lookupMailToken(input.token, "activation", now);
  if (link.status !== "valid" || link.user.status !== "pending") return { ok: false, formError: LINK_NOT_USABLE };
  const user = link.user;

  const weakness = passwordError(input.password, [user.loginEmail.split("@")[0] ?? "", user.firstName, user.lastName]);
  if (weakness) return { ok: false, fieldErrors: { password: weakness } };

  const [passwordHash, secretAnswerHash] = await Promise.all([hashSecret(input.password), hashSecret(normalizeAnswer(input.secretAnswer))]);
  const activated = inTransaction((tx) => {
    if (!consumeMailToken(tx, link.tokenId, now)) return false;
    tx.update(users)
      .set({
        status: "active",
        passwordHash,
        secretQuestion: questionText(input),
        secretAnswerHash,
        activatedAt: now,
        passwordChangedAt: now,
      })
      .where(eq(users.id, user.id))
      .run();
    recordAudit(tx, { action: "account.activated", actorUserId: user.id, targetType: "user", targetId: user.id, ip: meta.ip }, now);
    return true;
  });
  if (!activated) return { ok: false, formError: LINK_NOT_USABLE };
  // « Se connecter » comes next: the page pre-fills the address the person just activated.
  return { ok: true, data: { loginEmail: user.loginEmail } };
}

/**
 * « Renvoyer le lien d'activation ». Same answer whether or not the address awaits activation;
 * a new link replaces the previous one.
 */
export function resendActivation(loginEmail: string, meta: RequestMeta, now = new Date(), later: Later = rightAway): ActionResult {
  const verdict = limit(
    [
      ["activationResend.ip", meta.ip],
      ["activationResend.address", loginEmail],
    ],
    now.getTime(),
  );
  if (!verdict.allowed) return { ok: false, formError: verdict.message };
  // Whether the address is known shows neither in the answer nor in its timing.
  later(() => {
    const user = getDb().select().from(users).where(eq(users.loginEmail, loginEmail)).get();
    if (user?.status === "pending") {
      inTransaction((tx) => {
        mailActivationLink(tx, user, now);
        recordAudit(tx, { action: "account.activation_resent", targetType: "user", targetId: user.id, ip: meta.ip }, now);
      });
      kickDelivery();
    }
  });
  return {
    ok: true,
    data: undefined,
    message: `Si l'adresse ${loginEmail} attend une activation, un nouveau lien vient de lui être envoyé. Il remplace le précédent et reste valable ${ACTIVATION_VALIDITY_MINUTES} minutes.`,
  };
}
