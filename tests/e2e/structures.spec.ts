import { expect, test } from "@playwright/test";
import {
  activeAccount,
  createStructure,
  expectAccessible,
  freeSiret,
  linkFromMail,
  mailsTo,
  personSignedIn,
  requestAttachment,
  searchSiret,
  signIn,
  siretOf,
  structureCreatedBy,
} from "./support";

test("A creates the structure from the directory; B asks to be attached; A validates; B sees it at once", async ({ browser }) => {
  const { siret, name } = freeSiret();
  const a = await personSignedIn(browser, "gestionnaire", { firstName: "Claire", lastName: "Durand" });

  await a.page.getByRole("link", { name: "Demander un rattachement" }).click();
  // The SIRET given at sign-up is proposed first.
  await expect(a.page.getByLabel("Identifiant", { exact: true })).toHaveValue("732 829 320 00074");
  await expectAccessible(a.page);
  await searchSiret(a.page, siret);
  await expectAccessible(a.page);
  // The search result leads straight to the form pre-filled from SIRENE; the RCS number is one link away.
  await a.page.getByRole("link", { name: "Saisir une nouvelle structure" }).click();
  await expect(a.page.getByText(name, { exact: true })).toBeVisible();
  await a.page.getByRole("link", { name: "Ajouter un numéro RCS" }).click();
  await expect(a.page.getByLabel("N° de SIRET")).toHaveValue(siret);
  await expectAccessible(a.page);
  await a.page.getByRole("button", { name: "Continuer" }).click();
  await expect(a.page.getByText(name, { exact: true })).toBeVisible();
  await expect(a.page.getByText("Statut : actif")).toBeVisible();
  await expect(a.page.getByLabel("La structure est un centre de gestion agricole")).not.toBeChecked();
  await expectAccessible(a.page);
  await a.page.getByRole("button", { name: "Enregistrer et Valider" }).click();
  await expect(a.page.getByText("Votre structure est créée")).toBeVisible();
  await expect(a.page.getByText(`Structure : ${name}`)).toBeVisible();
  await expect(a.page.getByText(`Votre compte est rattaché à ${name}.`)).toBeVisible();

  const b = await personSignedIn(browser, "membre", { firstName: "Paul", lastName: "Martin" });
  await requestAttachment(b.page, siret, "Claire Durand");
  await b.page.goto("/accueil");
  await expect(
    b.page.getByText(new RegExp(`Votre demande de rattachement à ${name} attend la décision de Claire Durand depuis le`)).first(),
  ).toBeVisible();
  await linkFromMail(a.email, "Nouvelle demande de rattachement", "/gestionnaire");

  await a.page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Activités du gestionnaire" }).click();
  await expect(a.page.getByRole("heading", { name: "Demandes de rattachement en attente (1)" })).toBeVisible();
  await expectAccessible(a.page);
  await a.page.getByRole("button", { name: "Valider la demande de rattachement de Paul Martin" }).click();
  await expect(a.page.getByRole("region", { name: /Demandes de rattachement/ }).getByRole("status")).toHaveText("1 demande validée.");
  await expect(a.page.getByRole("heading", { name: "Demandes de rattachement en attente (0)" })).toBeVisible();

  // B: no sign-out, no sign-in: the next page shows the structure.
  await b.page.reload();
  await expect(b.page.getByText(`Votre compte est rattaché à ${name}.`)).toBeVisible();
  await expect(b.page.getByText(`Structure : ${name}`)).toBeVisible();
  await linkFromMail(b.email, "Votre demande de rattachement est acceptée", "/accueil");
  const [decision] = (await mailsTo(b.email)).filter((m) => m.subject.startsWith("Votre demande de rattachement est acceptée"));
  expect(decision!.text).toContain("a validé votre rattachement");
});

test("a refusal with its reason reaches the requester by mail and in « Mes rattachements »", async ({ browser }) => {
  const { siret, name } = freeSiret();
  const a = await personSignedIn(browser, "gestionnaire-refus", { firstName: "Claire", lastName: "Durand" });
  await createStructure(a.page, siret);
  const c = await personSignedIn(browser, "inconnu", { firstName: "Luc", lastName: "Faure" });
  await requestAttachment(c.page, siret, "Claire Durand");

  await a.page.goto("/gestionnaire");
  await a.page.getByRole("checkbox", { name: "Sélectionner la demande de rattachement de Luc Faure" }).check();
  await a.page
    .getByRole("region", { name: /Demandes de rattachement/ })
    .getByLabel("Motif du refus")
    .fill("Vous ne travaillez pas sur l'exploitation.");
  await a.page.getByRole("button", { name: "Refuser la sélection" }).click();
  await expect(a.page.getByRole("region", { name: /Demandes de rattachement/ }).getByRole("status")).toHaveText("1 demande refusée.");

  await linkFromMail(c.email, "Votre demande de rattachement est refusée", "/mon-compte");
  const [mail] = (await mailsTo(c.email)).filter((m) => m.subject.startsWith("Votre demande de rattachement est refusée"));
  expect(mail!.text).toContain("Motif : Vous ne travaillez pas sur l'exploitation.");
  await c.page.goto("/mon-compte");
  const row = c.page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Refusée");
  await expect(row).toContainText("Motif : Vous ne travaillez pas sur l'exploitation.");
  await expectAccessible(c.page);
});

test("a closed SIRET cannot become a structure; a centre de gestion is suggested as such", async ({ page }) => {
  const email = await activeAccount("ferme");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/accueil$/);
  await page.goto("/structures/nouvelle");
  await page.getByLabel("N° de SIRET").fill(siretOf("EARL DU VIEUX PUITS"));
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("N° de SIRET")).toHaveAccessibleDescription(/Cet établissement est fermé selon la base INSEE/);
  await expectAccessible(page);

  // Any centre de gestion of the sample that no other test has registered yet.
  await page.getByLabel("N° de SIRET").fill(freeSiret("69.20Z").siret);
  await page.getByLabel("Numéro RCS").fill("RCS Auch B 412 345 670");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("Numéro RCS")).toHaveAccessibleDescription(/ne correspond pas aux 9 premiers chiffres du SIRET/);
  await page.getByLabel("Numéro RCS").fill("");
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("La structure est un centre de gestion agricole")).toBeChecked();
});

test("« Changer » switches to the chosen structure: the selector and « Accueil » name it at once", async ({ browser }) => {
  const a = await personSignedIn(browser, "deux-fermes", { firstName: "Claire", lastName: "Durand" });
  const first = freeSiret();
  const firstId = await structureCreatedBy(a, first.siret);
  let second = freeSiret();
  while (second.siret === first.siret) second = freeSiret();
  const secondId = await structureCreatedBy(a, second.siret);

  await a.page.goto("/accueil");
  const selector = a.page.getByLabel("Structure", { exact: true });
  // The last structure created is the current one.
  await expect(selector).toHaveValue(String(secondId));
  await expect(a.page.getByText(`Votre compte est rattaché à ${second.name}.`)).toBeVisible();
  for (const [id, name] of [
    [firstId, first.name],
    [secondId, second.name],
  ] as const) {
    await selector.selectOption(String(id));
    await a.page.getByRole("button", { name: "Changer" }).click();
    await expect(a.page).toHaveURL(/\/accueil\?fait=structure-changee$/);
    await expect(a.page.getByRole("status").filter({ hasText: "Vous travaillez maintenant sur la structure choisie" })).toBeVisible();
    await expect(selector).toHaveValue(String(id));
    await expect(selector.locator("option:checked")).toHaveText(name);
    await expect(a.page.getByText(`Votre compte est rattaché à ${name}.`)).toBeVisible();
  }
});
