import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { MAX_WRONG_ANSWERS } from "@/lib/accounts/mail-tokens";
import { RECOVERY_LINK_NOT_USABLE, completeRecovery, inspectRecoveryLink, requestRecovery } from "@/lib/accounts/recovery";
import { authenticate, bindSession, resolveSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { verifySecret } from "@/lib/security/password-hash";
import { ANSWER, GOOD_PASSWORD, META, QUESTION, activeUser, lastTokenMailedTo, mailsTo } from "../support/accounts";

const NEW_PASSWORD = "Le merle chante sous la grange";

describe("password recovery", () => {
  it("sends a 30-minute link that asks the secret question, then sets the new password and ends sessions", async () => {
    const user = await activeUser();
    const signedIn = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META);
    if (!signedIn.ok) throw new Error("sign-in should succeed");
    bindSession(signedIn.sessionId);

    expect(requestRecovery(user.loginEmail, META).ok).toBe(true);
    const token = lastTokenMailedTo(user.loginEmail, "mot-de-passe-oublie");
    expect(inspectRecoveryLink(token)).toEqual({ status: "valid", question: QUESTION, attemptsLeft: MAX_WRONG_ANSWERS });
    expect(inspectRecoveryLink(token, new Date(Date.now() + 31 * 60_000)).status).toBe("expired");

    const result = await completeRecovery(
      { token, secretAnswer: "SAINT etienne", password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
      META,
    );
    expect(result.ok).toBe(true);
    const stored = getDb().select().from(users).where(eq(users.id, user.id)).get()!;
    expect(await verifySecret(stored.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(resolveSession(signedIn.sessionId)).toBeNull();
    expect(inspectRecoveryLink(token).status).toBe("used");
    expect(mailsTo(user.contactEmail).map((m) => m.template)).toContain("password-changed");
  });

  it("spends the link after five wrong answers", async () => {
    const user = await activeUser();
    requestRecovery(user.loginEmail, META);
    const token = lastTokenMailedTo(user.loginEmail, "mot-de-passe-oublie");
    const attempt = (secretAnswer: string) =>
      completeRecovery({ token, secretAnswer, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }, META);
    for (let i = 1; i < MAX_WRONG_ANSWERS; i++) {
      const wrong = await attempt("Paris");
      expect(wrong).toEqual({
        ok: false,
        fieldErrors: {
          secretAnswer: `Réponse incorrecte. Il vous reste ${MAX_WRONG_ANSWERS - i} essai${MAX_WRONG_ANSWERS - i > 1 ? "s" : ""} avec ce lien.`,
        },
      });
    }
    const last = await attempt("Lyon");
    expect(!last.ok && last.formError).toMatch(/Ce lien est désormais désactivé/);
    // Even the right answer no longer works.
    expect(await attempt(ANSWER)).toEqual({ ok: false, formError: RECOVERY_LINK_NOT_USABLE });
    const stored = getDb().select().from(users).where(eq(users.id, user.id)).get()!;
    expect(await verifySecret(stored.passwordHash, GOOD_PASSWORD)).toBe(true);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "account.recovery_wrong_answer")).all()).toHaveLength(5);
  });

  it("answers the same for unknown addresses, and sends nothing", async () => {
    const user = await activeUser();
    const known = requestRecovery(user.loginEmail, META);
    const unknown = requestRecovery("inconnu@exemple.fr", META);
    expect(known.ok && unknown.ok).toBe(true);
    expect(unknown.ok && unknown.message).toBe(known.ok ? known.message?.replace(user.loginEmail, "inconnu@exemple.fr") : "");
    expect(mailsTo("inconnu@exemple.fr")).toHaveLength(0);
  });

  it("does not spend an attempt on a weak new password", async () => {
    const user = await activeUser();
    requestRecovery(user.loginEmail, META);
    const token = lastTokenMailedTo(user.loginEmail, "mot-de-passe-oublie");
    const weak = await completeRecovery(
      { token, secretAnswer: "faux", password: "123456789012", passwordConfirmation: "123456789012" },
      META,
    );
    expect(!weak.ok && weak.fieldErrors?.password).toBeTruthy();
    expect(inspectRecoveryLink(token)).toMatchObject({ attemptsLeft: MAX_WRONG_ANSWERS });
  });
});
