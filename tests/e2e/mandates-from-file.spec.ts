import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  PASSWORD,
  activate,
  expectAccessible,
  fillSignUp,
  freeSiret,
  linkFromMail,
  personSignedIn,
  queryOne,
  squeezedWords,
  structureCreatedBy,
  uniqueEmail,
} from "./support";

/**
 * Issue 21, point 11 (ADR 0029): a centre de gestion asks mandates from a CSV of SIRETs; the farm
 * already on the portal is asked, the one not yet on it is invited by mail, the invalid row is
 * named with its line. The invited person signs up through the mail's link, creates the farm's
 * structure (pre-filled from SIRENE) and accepts the mandate, which the centre then sees in force.
 */
/** A centre de gestion (its manager signed in) and a SIRET of the sample not yet on the portal, with the address to invite. */
async function centreAndFarmToInvite(browser: Browser) {
  const accountant = await personSignedIn(browser, "fichier-centre", { firstName: "Paul", lastName: "Martin" });
  const centre = freeSiret();
  await structureCreatedBy(accountant, centre.siret, { managementCentre: true });
  let invited = freeSiret();
  while (invited.siret === centre.siret) invited = freeSiret();
  const centreName = queryOne<{ name: string }>("SELECT name FROM structures WHERE siret = ?", centre.siret)!.name;
  return { accountant, centre: { ...centre, name: centreName }, invited, invitedEmail: uniqueEmail("fichier-invitee") };
}

/** « Vérifier le fichier » with this CSV, from « Mandats ». */
async function previewFile(page: Page, csv: string) {
  await page.goto("/mandats");
  await page.getByRole("link", { name: "Demander des mandats à partir d'un fichier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demander des mandats à partir d'un fichier" })).toBeVisible();
  await page
    .getByLabel("Fichier CSV de vos exploitations")
    .setInputFiles({ name: "mandats.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
}

test("a centre asks mandates from a 3-row CSV: one farm on the portal asked, one invited, one invalid row named; the results per row and the invitation waiting", async ({
  browser,
}) => {
  const { accountant, invited, invitedEmail } = await centreAndFarmToInvite(browser);
  const farmer = await personSignedIn(browser, "fichier-ferme", { firstName: "Jeanne", lastName: "Roux" });
  let farm = freeSiret();
  while (farm.siret === invited.siret) farm = freeSiret();
  await structureCreatedBy(farmer, farm.siret);

  const page = accountant.page;
  await previewFile(
    page,
    `\uFEFFsiret;courriel\r\n${farm.siret};\r\n${invited.siret};${invitedEmail}\r\n12345678901234;quelquun@exemple.fr\r\n`,
  );
  // The preview: two rows to do, the invalid one named with its line and column.
  await expect(page.getByRole("heading", { name: "Aperçu : 2 lignes à traiter, 1 en erreur" })).toBeVisible();
  const errors = page.getByRole("table", { name: /Erreurs du fichier/ });
  await expect(errors.getByRole("row").filter({ hasText: "siret" })).toContainText("4");
  const planned = page.getByRole("table", { name: /Lignes qui seront traitées/ });
  await expect(planned).toContainText(`Demande de mandat à ${farm.name}`);
  await expect(planned).toContainText(`Invitation à ${invitedEmail}`);
  await expectAccessible(page);
  expect(queryOne<{ n: number }>("SELECT count(*) AS n FROM mandate_invitations WHERE siret = ?", invited.siret)!.n).toBe(0);
  // On a phone: no word cut inside, nothing beyond the screen's edge (the tables read as cards).
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await squeezedWords(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Confirmer les 2 lignes" }).click();
  const results = page.getByRole("region", { name: /^Résultat : 2 lignes sur 2 traitées/ });
  await expect(results).toBeVisible();
  await expect(results.getByRole("link", { name: new RegExp(`${farm.name} : Mandat demandé`) })).toBeVisible();
  await expect(results).toContainText("Invitation envoyée");
  await expectAccessible(page);
  await linkFromMail(farmer.email, "Demande de mandat", "/mandats/");

  // The invitation shows on the centre's « Mandats », waiting.
  await page.getByRole("link", { name: "Voir les mandats et les invitations de votre structure" }).click();
  const invitations = page.getByRole("table", { name: /Invitations envoyées par/ });
  await expect(invitations.getByRole("row").filter({ hasText: invitedEmail })).toContainText("En attente jusqu'au");
  await expectAccessible(page);
});

test("the invited person signs up from the mail's link, creates the structure of that SIRET and accepts the mandate; the centre sees it in force", async ({
  browser,
}) => {
  const { accountant, centre, invited, invitedEmail } = await centreAndFarmToInvite(browser);
  const page = accountant.page;
  await previewFile(page, `siret;courriel\n${invited.siret};${invitedEmail}\n`);
  await page.getByRole("button", { name: "Confirmer la ligne" }).click();
  await expect(page.getByRole("region", { name: /^Résultat : 1 ligne sur 1 traitée/ })).toBeVisible();

  // The invited person, signed out, follows the mail's link.
  const person = await (await browser.newContext()).newPage();
  const link = await linkFromMail(invitedEmail, "vous invite", "/invitation-mandat/");
  await person.goto(link);
  await expect(person.getByRole("heading", { level: 1, name: `${centre.name} vous demande un mandat` })).toBeVisible();
  await expectAccessible(person);
  await person.locator("#contenu").getByRole("link", { name: "Créer votre compte" }).click();
  await fillSignUp(person, invitedEmail, { firstName: "Lucie", lastName: "Bernard" });
  await person.getByRole("button", { name: "Finaliser l'inscription" }).click();
  await expect(person.getByRole("heading", { name: "Consultez votre messagerie" })).toBeVisible();
  await activate(person, await linkFromMail(invitedEmail, "Activez votre compte", "/activation/"));

  // Back to the invitation's link: « Se connecter » leads back to it.
  await person.goto(link);
  await person.locator("#contenu").getByRole("link", { name: "Se connecter" }).click();
  await person.getByLabel("Adresse électronique de connexion").fill(invitedEmail);
  await person.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await person.getByRole("button", { name: "Se connecter" }).click();
  await expect(person).toHaveURL(/\/invitation-mandat\//);
  await person.getByRole("button", { name: "Inscrire mon exploitation" }).click();

  // The structure of THAT SIRET, pre-filled from SIRENE.
  await expect(person.getByLabel("N° de SIRET")).toHaveValue(invited.siret);
  await person.getByRole("button", { name: "Continuer" }).click();
  await expect(person.getByRole("heading", { name: "Valider la nouvelle structure" })).toBeVisible();
  await expect(person.getByText(invited.name).first()).toBeVisible();
  await person.getByRole("button", { name: "Enregistrer et Valider" }).click();

  // Then the waiting mandate, accepted.
  await expect(
    person.getByRole("status").filter({ hasText: "Votre structure est créée. La structure qui vous a invité vous demande un mandat" }),
  ).toBeVisible();
  await expect(person.getByRole("heading", { level: 1, name: `Mandat de ${centre.name} pour ${invited.name}` })).toBeVisible();
  await expectAccessible(person);
  await person.getByRole("button", { name: "Accepter le mandat" }).click();
  await expect(person.getByRole("status").filter({ hasText: "Le mandat est accepté" })).toBeVisible();

  // The link served: opened again, it says so and leads to the mandate.
  await person.goto(link);
  await expect(person.getByRole("heading", { name: "Invitation déjà suivie" })).toBeVisible();

  // The centre sees the mandate in force, and the invitation as done.
  await page.goto("/mandats");
  const held = page.getByRole("table", { name: /Mandats détenus par/ });
  await expect(held.getByRole("row").filter({ hasText: invited.name })).toContainText("En vigueur");
  await expect(
    page
      .getByRole("table", { name: /Invitations envoyées par/ })
      .getByRole("row")
      .filter({ hasText: invitedEmail }),
  ).toContainText("Structure inscrite : mandat demandé");
  await expectAccessible(page);
});

test("without JavaScript: the file is previewed and confirmed through plain forms answered by the server", async ({ browser }) => {
  const { accountant, invited, invitedEmail } = await centreAndFarmToInvite(browser);
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.context().addCookies(await accountant.page.context().cookies());
  await plain.goto("/mandats/import");
  await plain.getByLabel("Fichier CSV de vos exploitations").setInputFiles({
    name: "mandats.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`siret,courriel\n${invited.siret},${invitedEmail}\n`),
  });
  await plain.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(plain.getByRole("heading", { name: "Aperçu : 1 ligne à traiter, 0 en erreur" })).toBeVisible();
  await plain.getByRole("button", { name: "Confirmer la ligne" }).click();
  await expect(plain.getByRole("region", { name: /^Résultat : 1 ligne sur 1 traitée/ })).toContainText("Invitation envoyée");
  await linkFromMail(invitedEmail, "vous invite", "/invitation-mandat/");
});

test("the form and the invitation link are refused to whoever is not the centre's gestionnaire principal", async ({ browser }) => {
  const farmer = await personSignedIn(browser, "fichier-refus", { firstName: "Jeanne", lastName: "Roux" });
  await structureCreatedBy(farmer, freeSiret().siret);
  await farmer.page.goto("/mandats/import");
  await expect(
    farmer.page.getByText("Seul le gestionnaire principal d'un centre de gestion agricole peut demander des mandats à partir d'un fichier"),
  ).toBeVisible();
  await expect(farmer.page.getByLabel("Fichier CSV de vos exploitations")).toHaveCount(0);
  await expectAccessible(farmer.page);
  // A link that is not one of ours says so, the same for every reason.
  await farmer.page.goto(`/invitation-mandat/${"A".repeat(43)}`);
  await expect(farmer.page.getByRole("heading", { name: "Lien d'invitation non valable" })).toBeVisible();
  await expectAccessible(farmer.page);
});
