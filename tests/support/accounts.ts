// Builds accounts through the real services, as a person would, and reads the mails they got.
import { desc, eq } from "drizzle-orm";
import { outbox, users } from "@/db/schema";
import { activateAccount } from "@/lib/accounts/activation";
import { signUpSchema } from "@/lib/accounts/schemas";
import { signUp } from "@/lib/accounts/sign-up";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { signUpForm } from "./sign-up-form";

export { signUpForm, uniqueEmail } from "./sign-up-form";

export const META = { ip: "203.0.113.7" };
export const GOOD_PASSWORD = "Cheval batterie agrafe 42";
export const ANSWER = "Saint-Étienne";
export const QUESTION = "Dans quelle commune avez-vous grandi ?";

export function mailsTo(address: string) {
  return getDb().select().from(outbox).where(eq(outbox.to, address)).orderBy(desc(outbox.id)).all();
}

/** The token in the last link of that kind mailed to this address. */
export function lastTokenMailedTo(address: string, kind: "activation" | "mot-de-passe-oublie"): string {
  for (const mail of mailsTo(address)) {
    const match = mail.props?.match(new RegExp(`/${kind}/([A-Za-z0-9_-]{43})`));
    if (match) return match[1]!;
  }
  throw new Error(`Aucun lien ${kind} envoyé à ${address}`);
}

export function pendingUser(overrides: Record<string, string> = {}) {
  const parsed = parseForm(signUpSchema, signUpForm(overrides));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  const result = signUp(parsed.data, META);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return parsed.data.loginEmail;
}

export async function activeUser(overrides: Record<string, string> = {}) {
  const loginEmail = pendingUser(overrides);
  const token = lastTokenMailedTo(loginEmail, "activation");
  const result = await activateAccount(
    {
      token,
      password: GOOD_PASSWORD,
      passwordConfirmation: GOOD_PASSWORD,
      secretQuestion: QUESTION,
      customQuestion: null,
      secretAnswer: ANSWER,
    },
    META,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  const user = getDb().select().from(users).where(eq(users.loginEmail, loginEmail)).get()!;
  return user;
}

/** A signed-in actor for this user, through the real sign-in. */
export async function actorFor(user: { loginEmail: string }) {
  const { authenticate, bindSession, resolveSession } = await import("@/lib/auth/sessions");
  const result = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META);
  if (!result.ok) throw new Error(JSON.stringify(result));
  bindSession(result.sessionId);
  return resolveSession(result.sessionId)!;
}
