import { expect, test, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { administratorLink, administratorOverHttp, browserOf, invitedOverHttp } from "./agents-support";
import { expectAccessible, linkFromMail, personSignedIn, structureCreatedBy, uniqueEmail } from "./support";
import { formatSiret } from "@/lib/identifiers";

const AGENT_PASSWORD = "Préfecture lavande boussole 73";

/** The code an authenticator app shows for this secret, `aheadSeconds` from now (one step of drift is accepted). */
function codeFor(secret: string, aheadSeconds = 0): string {
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({
    timestamp: Date.now() + aheadSeconds * 1000,
  });
}

/** An establishment of the sample inside (or outside) the Haute-Garonne, not yet on the portal. */
function freeSiretIn(inside31: boolean): string {
  const db = new Database("data/e2e/portail-tic.db", { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
         WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL
           AND (e.postal_code LIKE '31%') = ? AND e.postal_code NOT LIKE '20%' AND e.postal_code NOT LIKE '97%'
           AND e.siret NOT IN (SELECT siret FROM structures) AND e.siret <> '73282932000074'`,
      )
      .all(inside31 ? 1 : 0) as { siret: string }[];
    return rows[randomInt(rows.length)]!.siret;
  } finally {
    db.close();
  }
}

/** Enrols from the invitation link in a fresh browser, then signs in with password and code. */
async function enrolAndSignIn(browser: Browser, link: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Activer votre accès d'agent" })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  await page.getByLabel("Mot de passe", { exact: true }).fill(AGENT_PASSWORD);
  await page.getByLabel("Confirmation du mot de passe").fill(AGENT_PASSWORD);
  await page.getByLabel("Code affiché par l'application").fill(codeFor(secret));
  await page.getByRole("button", { name: "Activer mon accès" }).click();
  await expect(page.getByRole("heading", { name: "Votre accès est activé : notez vos codes de secours" })).toBeFocused();
  await expect(page.getByRole("list", { name: "Codes de secours" }).getByRole("listitem")).toHaveCount(10);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Connexion des agents" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(AGENT_PASSWORD);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByRole("heading", { name: "Code de connexion" })).toBeVisible();
  await expectAccessible(page);
  // The code of the enrolment's step is spent: the app's next code (a step later) is accepted.
  await page.getByLabel("Code").fill(codeFor(secret, 30));
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Espace de l'administration" })).toBeVisible();
  // Host-only, HttpOnly, SameSite=Strict (Secure and __Host- under HTTPS; this server is http).
  const cookie = (await page.context().cookies()).find((c) => c.name === "portail-tic-agent");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", domain: "127.0.0.1", path: "/" });
  return page;
}

async function firstAdministrator(browser: Browser): Promise<Page> {
  const email = uniqueEmail("administrateur");
  return enrolAndSignIn(browser, await administratorLink(email), email);
}

/** « Inviter l'agent » on « Agents »; returns the address invited. */
async function sendInvitation(admin: Page, role: string, departements: string): Promise<string> {
  const email = uniqueEmail("agent");
  await admin.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Agents" }).first().click();
  await expect(admin.getByRole("heading", { name: "Agents", exact: true })).toBeVisible();
  await admin.getByLabel("Adresse électronique").fill(email);
  await admin.getByLabel("Nom", { exact: true }).fill("Agent");
  await admin.getByLabel("Prénom").fill("Bruno");
  await admin.getByLabel(role).check();
  await admin.getByRole("textbox", { name: /^Départements/ }).fill(departements);
  await admin.getByRole("button", { name: "Inviter l'agent" }).click();
  await expect(admin.getByRole("status")).toContainText(`Invitation envoyée à Bruno Agent (${email})`);
  await expectAccessible(admin);
  return email;
}

async function invite(admin: Page, browser: Browser, role: string, departements: string): Promise<Page> {
  const email = await sendInvitation(admin, role, departements);
  const link = await linkFromMail(email, "Votre accès à l'espace de l'administration", "/administration/invitation/");
  return enrolAndSignIn(browser, link, email);
}

// Each agent costs an argon2id hash at enrolment and one at sign-in, and the command line starts tsx:
// these tests take 25–40 s on this shared machine, so they get twice the default timeout (0017).
test.describe.configure({ timeout: 120_000 });

test("an administrator created from the command line invites an instructor, who enrols and signs in", async ({ browser }) => {
  const admin = await firstAdministrator(browser);
  await expectAccessible(admin);
  const instructor = await invite(admin, browser, "Instructeur (instruit les demandes)", "31, 81");
  await expect(instructor.getByRole("banner")).toContainText("Instructeur");
  await expect(instructor.getByRole("main")).toContainText("Vos départements : 31, 81.");
  // An instructor is no administrator nor operator: those pages do not exist for them.
  for (const path of ["/administration/agents", "/administration/courriers", "/administration/assistance"]) {
    const response = await instructor.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await admin.getByRole("link", { name: "Mon activité" }).click();
  await expect(admin.getByRole("table")).toContainText("Agent invité");
  await expectAccessible(admin);
});

test("« Renvoyer l'invitation »: the administrator sends a new link from the agent's page; the first link is dead, the new one enrols", async ({
  browser,
}) => {
  const admin = await firstAdministrator(browser);
  const email = await sendInvitation(admin, "Payeur (ordres de paiement)", "31");
  const SUBJECT = "Votre accès à l'espace de l'administration";
  const first = await linkFromMail(email, SUBJECT, "/administration/invitation/");
  const row = admin.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Invité");
  await row.getByRole("link", { name: "Bruno Agent" }).click();
  await expect(admin.getByRole("heading", { name: "Invitation" })).toBeVisible();
  await admin.getByRole("button", { name: "Renvoyer l'invitation" }).click();
  await expect(admin.getByRole("status")).toContainText(
    `Nouvelle invitation envoyée à Bruno Agent (${email}), valable 24 heures ; le lien précédent ne fonctionne plus.`,
  );
  await expectAccessible(admin);

  const second = await linkFromMail(email, SUBJECT, "/administration/invitation/", 2);
  expect(second).not.toBe(first);
  const stale = await (await browser.newContext()).newPage();
  await stale.goto(first);
  await expect(stale.getByRole("heading", { name: "Lien d'invitation non valable" })).toBeVisible();
  const payer = await enrolAndSignIn(browser, second, email);
  await expect(payer.getByRole("banner")).toContainText("Payeur");
  await admin.getByRole("link", { name: "Mon activité" }).click();
  await expect(admin.getByRole("table")).toContainText("Invitation renvoyée");
});

test("an operator prints the letters of their département, marks them sent, and sees nothing elsewhere; sessions never cross", async ({
  browser,
}) => {
  const farmer = await personSignedIn(browser, "exploitant", { firstName: "Claire", lastName: "Durand" });
  const inside = freeSiretIn(true);
  const structureId = await structureCreatedBy(farmer, inside);
  const outside = freeSiretIn(false);
  await structureCreatedBy(farmer, outside);

  // The enrolment in the browser is the first test's: this one starts signed in.
  const operator = await browserOf(browser, await invitedOverHttp(await administratorOverHttp(), ["operator"], "31"));

  await operator.getByRole("link", { name: "Courriers à envoyer" }).first().click();
  await expect(operator.getByRole("heading", { name: "Courriers à envoyer", level: 1 })).toBeVisible();
  // The requester is named, with their count, and filters the list.
  await operator.getByRole("link", { name: new RegExp(farmer.email.replace(/[.+]/g, "\\$&")) }).click();
  const table = operator.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(2);
  // Whole SIRETs as the page writes them: two farms often share the last five digits (« 00017 »).
  await expect(table).toContainText(formatSiret(inside));
  await expect(table).not.toContainText(formatSiret(outside));
  await expectAccessible(operator);
  const pdf = await operator.request.get((await operator.getByRole("link", { name: /en un seul PDF/ }).getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const letterId = (await table.getByRole("row").nth(1).getByRole("cell").nth(1).textContent())!.trim();
  await operator.getByRole("checkbox", { name: `Courrier n° ${letterId}`, exact: false }).check();
  await operator.getByRole("button", { name: "Marquer comme envoyés" }).click();
  await expect(operator.getByRole("status")).toContainText("1 courrier marqué comme envoyé");

  await operator.goto(`/administration/verifier?siret=${outside}`);
  await expect(operator.getByRole("status")).toContainText("Aucune structure de vos départements");
  await operator.goto(`/administration/verifier?siret=${inside}`);
  await expect(operator.getByRole("main")).toContainText("Structure non vérifiée.");
  await expectAccessible(operator);
  await operator.goto(`/administration/assistance?adresse=${encodeURIComponent(farmer.email)}`);
  await expect(operator.getByRole("main")).toContainText("compte actif");
  await expectAccessible(operator);
  await operator.goto("/administration/contestations");
  await expectAccessible(operator);
  await operator.goto("/administration/mon-activite");
  await expect(operator.getByRole("table")).toContainText("Courrier marqué comme envoyé");

  // A farm's session gets nothing from /administration, an agent's nothing from the farms' pages.
  await farmer.page.goto("/administration/courriers");
  await expect(farmer.page).toHaveURL(/\/administration\/connexion$/);
  await operator.goto("/accueil");
  await expect(operator).toHaveURL(/\/connexion/);
  expect(structureId).toBeGreaterThan(0);
});
