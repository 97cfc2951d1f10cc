import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { LINK_NOT_USABLE, activateAccount, inspectActivationLink, resendActivation } from "@/lib/accounts/activation";
import { normalizeAnswer } from "@/lib/accounts/secret-questions";
import { getDb } from "@/lib/db";
import { verifySecret } from "@/lib/security/password-hash";
import { ANSWER, GOOD_PASSWORD, META, QUESTION, lastTokenMailedTo, mailsTo, pendingUser } from "../support/accounts";

const input = (token: string, overrides: Partial<Parameters<typeof activateAccount>[0]> = {}) => ({
  token,
  password: GOOD_PASSWORD,
  passwordConfirmation: GOOD_PASSWORD,
  secretQuestion: QUESTION,
  customQuestion: null,
  secretAnswer: ANSWER,
  ...overrides,
});

const userOf = (loginEmail: string) => getDb().select().from(users).where(eq(users.loginEmail, loginEmail)).get()!;

describe("activation link", () => {
  it("activates the account once, with hashed password and answer", async () => {
    const loginEmail = pendingUser();
    const token = lastTokenMailedTo(loginEmail, "activation");
    expect(inspectActivationLink(token)).toMatchObject({ status: "valid", loginEmail });

    expect(await activateAccount(input(token), META)).toEqual({ ok: true, data: { loginEmail } });
    const user = userOf(loginEmail);
    expect(user.status).toBe("active");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifySecret(user.passwordHash, GOOD_PASSWORD)).toBe(true);
    // Answers compare without case, accents or hyphens.
    expect(await verifySecret(user.secretAnswerHash, normalizeAnswer("SAINT etienne"))).toBe(true);
    expect(user.secretAnswerHash).toMatch(/^\$argon2id\$/);
    expect(user.secretQuestion).toBe(QUESTION);

    // Single use.
    expect(inspectActivationLink(token).status).toBe("used");
    expect(await activateAccount(input(token), META)).toEqual({ ok: false, formError: LINK_NOT_USABLE });
  });

  it("expires after 60 minutes", async () => {
    const loginEmail = pendingUser();
    const token = lastTokenMailedTo(loginEmail, "activation");
    const later = new Date(Date.now() + 61 * 60_000);
    expect(inspectActivationLink(token, later)).toEqual({ status: "expired", loginEmail });
    expect(await activateAccount(input(token), META, later)).toEqual({ ok: false, formError: LINK_NOT_USABLE });
    expect(userOf(loginEmail).status).toBe("pending");
    const almost = new Date(Date.now() + 59 * 60_000);
    expect((await activateAccount(input(token), META, almost)).ok).toBe(true);
  });

  it("refuses unknown and malformed links without a lookup error", () => {
    expect(inspectActivationLink("x".repeat(43))).toEqual({ status: "unknown" });
    expect(inspectActivationLink("../../etc/passwd")).toEqual({ status: "unknown" });
  });

  it("refuses a weak password and keeps the link usable", async () => {
    const loginEmail = pendingUser();
    const token = lastTokenMailedTo(loginEmail, "activation");
    const weak = await activateAccount(input(token, { password: "azertyuiop123", passwordConfirmation: "azertyuiop123" }), META);
    expect(weak.ok).toBe(false);
    expect(!weak.ok && weak.fieldErrors?.password).toMatch(/trop (facile|courant)/);
    expect(inspectActivationLink(token).status).toBe("valid");
  });

  it("re-sends a new link that replaces the old one, for pending accounts only", async () => {
    const loginEmail = pendingUser();
    const first = lastTokenMailedTo(loginEmail, "activation");
    const answer = resendActivation(loginEmail, META);
    expect(answer.ok && answer.message).toContain(loginEmail);
    const second = lastTokenMailedTo(loginEmail, "activation");
    expect(second).not.toBe(first);
    expect(inspectActivationLink(first).status).toBe("used");
    expect(inspectActivationLink(second).status).toBe("valid");

    // An unknown address gets the very same answer, and no mail.
    const unknown = resendActivation("personne@exemple.fr", META);
    expect(unknown).toEqual({ ...answer, message: answer.ok ? answer.message?.replace(loginEmail, "personne@exemple.fr") : "" });
    expect(mailsTo("personne@exemple.fr")).toHaveLength(0);
  });

  it("limits re-sends per address", () => {
    const loginEmail = pendingUser();
    for (let i = 0; i < 3; i++) expect(resendActivation(loginEmail, META).ok).toBe(true);
    const refused = resendActivation(loginEmail, META);
    expect(!refused.ok && refused.formError).toMatch(/Trop de demandes/);
  });
});
