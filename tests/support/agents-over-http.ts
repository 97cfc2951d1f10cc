// The administration's agents over HTTP, without a browser: enrolment from the invitation page
// (the TOTP secret read from it, the code computed as an app would), sign-in in two steps.
import { Secret, TOTP } from "otpauth";
import { alertText, Visitor } from "./visitor";

export const AGENT_PASSWORD = "Préfecture lavande boussole 73";

export function totpNow(secret: string, aheadSeconds = 0): string {
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({
    timestamp: Date.now() + aheadSeconds * 1000,
  });
}

/** Enrols from the invitation path and signs in; the visitor then holds the agent's session. */
export async function enrolAndSignInOverHttp(base: string, invitationPath: string, email: string): Promise<Visitor> {
  const visitor = new Visitor(base);
  const page = await visitor.get(invitationPath);
  const secret = page.$("[data-testid=totp-secret]").text().trim();
  if (!secret) throw new Error(`Pas de clé sur ${invitationPath} (statut ${page.status})`);
  const enrolled = await visitor.fillAndSubmit(invitationPath, "Activer mon accès", {
    password: AGENT_PASSWORD,
    passwordConfirm: AGENT_PASSWORD,
    code: totpNow(secret),
  });
  if (!enrolled.html.includes("Votre accès est activé")) throw new Error(`Enrôlement refusé : ${enrolled.status} ${alertText(enrolled)}`);
  const first = await visitor.fillAndSubmit("/administration/connexion", "Continuer", { email, password: AGENT_PASSWORD });
  if (first.location !== "/administration/connexion/code") throw new Error(`Mot de passe refusé : ${first.status} ${alertText(first)}`);
  const second = await visitor.fillAndSubmit("/administration/connexion/code", "Se connecter", { code: totpNow(secret, 30) });
  if (second.location !== "/administration") throw new Error(`Code refusé : ${second.status} ${alertText(second)}`);
  return visitor;
}
