// The onboarding steps a person goes through, over HTTP, without JavaScript: the real server and
// its real forms, without a browser's cost. Shared by the resilience suite and by the Playwright
// tests whose subject is not the onboarding itself (their people are set up here in a fraction of
// the time a browser takes). Framework-neutral: a step that does not get the expected answer throws.
import { signUpForm } from "./sign-up-form";
import { type Answer, Visitor, alertText } from "./visitor";

export const PASSWORD = "Cheval batterie agrafe 42";
export const SECRET_QUESTION = "Quel est le nom de votre premier animal de compagnie ?";
export const SECRET_ANSWER = "Noiraude";

type Mail = { to: string[]; subject: string; text: string };
/** Where the mails sent to an address can be read (the Resend stub, in or out of process). */
export type Mailbox = (address: string) => Mail[] | Promise<Mail[]>;

function expectAnswer(answer: Answer, ok: boolean, step: string) {
  if (!ok) throw new Error(`${step} : réponse ${answer.status} ${answer.location ?? ""} ${alertText(answer)}`.trim());
}

/** « Finaliser l'inscription »: true when the server acknowledged it (redirect to the confirmation). */
export async function signUp(visitor: Visitor, loginEmail: string, overrides: Record<string, string> = {}): Promise<boolean> {
  const answer = await visitor.fillAndSubmit("/inscription", "Finaliser l'inscription", signUpForm({ ...overrides, loginEmail }));
  expectAnswer(answer, answer.status < 500, "inscription");
  return answer.status === 303 && answer.location?.startsWith("/inscription/confirmation") === true;
}

/** The path of the activation link mailed to this address, once it has arrived. */
export async function activationLink(mailbox: Mailbox, loginEmail: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 25; Date.now() < deadline; wait = Math.min(wait * 2, 200)) {
    const mail = (await mailbox(loginEmail)).find((m) => m.to.includes(loginEmail) && m.subject.startsWith("Activez votre compte"));
    const link = mail?.text.match(/https?:\/\/\S+\/activation\/[A-Za-z0-9_-]+/)?.[0];
    if (link) return new URL(link).pathname;
    // The mail leaves right after the commit: usually there within a few tens of milliseconds.
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  throw new Error(`pas de courriel d'activation pour ${loginEmail}`);
}

export async function activate(visitor: Visitor, path: string) {
  const form = await visitor.form(path, "Valider");
  const answer = await visitor.submit(form, {
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
    secretQuestion: SECRET_QUESTION,
    secretAnswer: SECRET_ANSWER,
  });
  expectAnswer(answer, answer.status === 303 && answer.location === "/connexion?compte=actif", "activation");
}

export async function signIn(visitor: Visitor, loginEmail: string) {
  const answer = await visitor.fillAndSubmit("/connexion", "Se connecter", { loginEmail, password: PASSWORD });
  expectAnswer(answer, answer.status === 303 && /\/accueil$/.test(answer.location ?? ""), "connexion");
}

/** Sign-up, activation mail, activation. */
export async function activeAccount(
  base: string,
  mailbox: Mailbox,
  loginEmail: string,
  overrides: Record<string, string> = {},
): Promise<Visitor> {
  const visitor = new Visitor(base);
  if (!(await signUp(visitor, loginEmail, overrides))) throw new Error(`inscription refusée pour ${loginEmail}`);
  await activate(visitor, await activationLink(mailbox, loginEmail));
  return visitor;
}

/** Sign-up, activation mail, activation, sign-in. */
export async function activePerson(
  base: string,
  mailbox: Mailbox,
  loginEmail: string,
  overrides: Record<string, string> = {},
): Promise<Visitor> {
  const visitor = await activeAccount(base, mailbox, loginEmail, overrides);
  await signIn(visitor, loginEmail);
  return visitor;
}

/** « Saisir une nouvelle structure » → « Continuer » → « Enregistrer et Valider ». */
export async function createStructure(visitor: Visitor, siret: string, options: { managementCentre?: boolean } = {}) {
  const first = await visitor.fillAndSubmit(`/structures/nouvelle?siret=${siret}`, "Continuer", { siret, rcs: "" });
  expectAnswer(first, first.status === 303, "saisie de la structure");
  const created = await visitor.fillAndSubmit(
    first.location!,
    "Enregistrer et Valider",
    options.managementCentre ? { isManagementCentre: "on" } : {},
  );
  expectAnswer(created, created.status === 303, "création de la structure");
}

/** « Envoyer la demande de rattachement » to the structure with this SIRET. */
export async function requestAttachment(visitor: Visitor, siret: string) {
  const answer = await visitor.fillAndSubmit(`/structures/rattachement?identifiant=${siret}`, "Envoyer la demande de rattachement", {});
  expectAnswer(answer, answer.status < 500, "demande de rattachement");
  return answer;
}
