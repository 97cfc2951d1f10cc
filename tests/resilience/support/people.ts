// The onboarding steps a person goes through, over HTTP, without JavaScript.
import { expect } from "vitest";
import type { createResendStub } from "../../support/resend-stub.mjs";
import { signUpForm } from "../../support/accounts";
import { Visitor, alertText } from "./visitor";

export const PASSWORD = "Cheval batterie agrafe 42";

type Stub = ReturnType<typeof createResendStub>;

/** « Finaliser l'inscription »: true when the server acknowledged it (redirect to the confirmation). */
export async function signUp(visitor: Visitor, loginEmail: string): Promise<boolean> {
  const answer = await visitor.fillAndSubmit("/inscription", "Finaliser l'inscription", signUpForm({ loginEmail }));
  expect(answer.status, alertText(answer)).toBeLessThan(500);
  return answer.status === 303 && answer.location?.startsWith("/inscription/confirmation") === true;
}

export async function activationLink(stub: Stub, loginEmail: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = stub.mails.find((m) => m.to.includes(loginEmail) && m.subject.startsWith("Activez votre compte"));
    const link = mail?.text.match(/https?:\/\/\S+\/activation\/[A-Za-z0-9_-]+/)?.[0];
    if (link) return new URL(link).pathname;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pas de courriel d'activation pour ${loginEmail}`);
}

export async function activate(visitor: Visitor, path: string) {
  const form = await visitor.form(path, "Valider");
  const answer = await visitor.submit(form, {
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
    secretQuestion: form.fields.secretQuestion || "Dans quelle commune avez-vous grandi ?",
    secretAnswer: "Saint-Étienne",
  });
  expect(answer.status, alertText(answer)).toBe(303);
  expect(answer.location).toBe("/connexion?compte=actif");
}

export async function signIn(visitor: Visitor, loginEmail: string) {
  const answer = await visitor.fillAndSubmit("/connexion", "Se connecter", { loginEmail, password: PASSWORD });
  expect(answer.status, alertText(answer)).toBe(303);
  expect(answer.location).toMatch(/\/accueil$/);
}

/** Sign-up, activation mail, activation, sign-in. */
export async function activePerson(base: string, stub: Stub, loginEmail: string): Promise<Visitor> {
  const visitor = new Visitor(base);
  expect(await signUp(visitor, loginEmail)).toBe(true);
  await activate(visitor, await activationLink(stub, loginEmail));
  await signIn(visitor, loginEmail);
  return visitor;
}

/** « Saisir une nouvelle structure » → « Continuer » → « Enregistrer et Valider ». */
export async function createStructure(visitor: Visitor, siret: string) {
  const first = await visitor.fillAndSubmit(`/structures/nouvelle?siret=${siret}`, "Continuer", { siret, rcs: "" });
  expect(first.status, alertText(first)).toBe(303);
  const created = await visitor.fillAndSubmit(first.location!, "Enregistrer et Valider", {});
  expect(created.status, alertText(created)).toBe(303);
}

/** « Envoyer la demande de rattachement » to the structure with this SIRET. */
export async function requestAttachment(visitor: Visitor, siret: string) {
  const answer = await visitor.fillAndSubmit(`/structures/rattachement?identifiant=${siret}`, "Envoyer la demande de rattachement", {});
  expect(answer.status, alertText(answer)).toBeLessThan(500);
  return answer;
}
