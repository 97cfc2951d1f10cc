import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import type { RequestMeta } from "@/lib/request-meta";
import { hashSecret, verifySecret } from "@/lib/security/password-hash";
import { limit } from "@/lib/security/rate-limit";
import { storeNewPassword } from "./password-change";
import { passwordError } from "./password-policy";
import { questionText, type changePasswordSchema, type changeSecretQuestionSchema, type ProfileInput } from "./schemas";
import { normalizeAnswer } from "./secret-questions";
import { formatAddress } from "@/lib/addresses";

export function getProfile(actor: Actor) {
  const user = getDb().select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw new Error("Compte introuvable");
  return {
    loginEmail: user.loginEmail,
    contactEmail: user.contactEmail,
    lastName: user.lastName,
    firstName: user.firstName,
    phone: user.phone,
    siret: user.siret,
    address: formatAddress({
      street: user.addressStreet,
      complement: user.addressComplement,
      postalCode: user.postalCode,
      city: user.city,
    }),
    secretQuestion: user.secretQuestion,
    activatedAt: user.activatedAt,
    passwordChangedAt: user.passwordChangedAt,
  };
}

export function updateProfile(actor: Actor, input: ProfileInput, meta: RequestMeta, now = new Date()): ActionResult {
  inTransaction((tx) => {
    const before = tx.select().from(users).where(eq(users.id, actor.userId)).get();
    if (!before) return;
    const changed = (Object.keys(input) as (keyof ProfileInput)[]).filter((key) => before[key] !== input[key]);
    if (changed.length === 0) return;
    tx.update(users).set(input).where(eq(users.id, actor.userId)).run();
    recordAudit(
      tx,
      {
        action: "account.profile_updated",
        actorUserId: actor.userId,
        targetType: "user",
        targetId: actor.userId,
        ip: meta.ip,
        details: { fields: changed },
      },
      now,
    );
  });
  return { ok: true, data: undefined, message: "Vos informations personnelles sont enregistrées." };
}

/** Guessing the current password from a stolen session is limited too. */
async function checkCurrentPassword(actor: Actor, currentPassword: string, now: Date): Promise<ActionResult | null> {
  const verdict = limit([["currentPassword.user", actor.userId]], now.getTime());
  if (!verdict.allowed) return { ok: false, formError: verdict.message };
  const user = getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).get();
  if (!(await verifySecret(user?.passwordHash ?? null, currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: "Le mot de passe actuel est incorrect." } };
  }
  return null;
}

export async function changePassword(
  actor: Actor,
  input: z.output<typeof changePasswordSchema>,
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult> {
  const refused = await checkCurrentPassword(actor, input.currentPassword, now);
  if (refused) return refused;
  const weakness = passwordError(input.password, [actor.loginEmail.split("@")[0] ?? "", actor.firstName, actor.lastName]);
  if (weakness) return { ok: false, fieldErrors: { password: weakness } };
  const passwordHash = await hashSecret(input.password);
  inTransaction((tx) =>
    storeNewPassword(
      tx,
      { id: actor.userId, firstName: actor.firstName, contactEmail: actor.contactEmail },
      passwordHash,
      {
        action: "account.password_changed",
        ip: meta.ip,
        keepSessionId: actor.sessionId,
      },
      now,
    ),
  );
  kickDelivery();
  return { ok: true, data: undefined, message: "Votre mot de passe est modifié. Vos autres sessions ont été fermées." };
}

export async function changeSecretQuestion(
  actor: Actor,
  input: z.output<typeof changeSecretQuestionSchema>,
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult> {
  const refused = await checkCurrentPassword(actor, input.currentPassword, now);
  if (refused) return refused;
  const secretAnswerHash = await hashSecret(normalizeAnswer(input.secretAnswer));
  inTransaction((tx) => {
    tx.update(users)
      .set({ secretQuestion: questionText(input), secretAnswerHash })
      .where(eq(users.id, actor.userId))
      .run();
    recordAudit(
      tx,
      { action: "account.secret_question_changed", actorUserId: actor.userId, targetType: "user", targetId: actor.userId, ip: meta.ip },
      now,
    );
  });
  return { ok: true, data: undefined, message: "Votre question secrète est modifiée." };
}
