import { expect, test } from "@playwright/test";
import { PASSWORD, activate, expectAccessible, expireLinksOf, fillSignUp, linkFromMail, mailsTo, signIn, uniqueEmail } from "./support";

test("sign-up → mail → activation → sign-in → Accueil → sign-out", async ({ page }) => {
  const loginEmail = uniqueEmail("parcours");
  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Créer votre compte" }).first().click();

  await expect(page.getByRole("heading", { name: "Créer votre compte" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Étapes de l'inscription" })).toContainText("1Compte");
  await expectAccessible(page);
  await fillSignUp(page, loginEmail);
  await page.getByRole("button", { name: "Finaliser l'inscription" }).click();

  await expect(page.getByRole("heading", { name: "Consultez votre messagerie" })).toBeVisible();
  await expect(page.getByText(`Un courriel d'activation a été envoyé à ${loginEmail}.`)).toBeVisible();
  await expectAccessible(page);

  const link = await linkFromMail(loginEmail, "Activez votre compte", "/activation/");
  const [mail] = await mailsTo(loginEmail);
  expect(mail!.html).toContain("Activer votre compte");
  expect(mail!.text).toContain("valable 60 minutes");

  await page.goto(link);
  await expectAccessible(page);
  // A refused password keeps the chosen question and answer.
  const question = "Quel est le nom de votre premier animal de compagnie ?";
  await page.getByLabel("Mot de passe", { exact: true }).fill("azertyuiop123");
  await page.getByLabel("Confirmation du mot de passe").fill("azertyuiop123");
  await page.getByLabel("Question secrète", { exact: true }).selectOption(question);
  await page.getByLabel("Réponse à la question secrète").fill("Noiraude");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Le formulaire contient 1 erreur. Corrigez-la :");
  await expect(page.getByLabel("Question secrète", { exact: true })).toHaveValue(question);
  await expect(page.getByLabel("Réponse à la question secrète")).toHaveValue("Noiraude");
  await expect(page.getByLabel("Mot de passe", { exact: true })).toHaveValue("");
  await activate(page, link);
  await expectAccessible(page);
  // « Se connecter » comes pre-filled with the address just activated.
  await expect(page.getByLabel("Adresse électronique de connexion")).toHaveValue(loginEmail);

  // The link was used: it cannot serve twice.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Lien d'activation non valable" })).toBeVisible();

  await signIn(page, loginEmail);
  await expect(page).toHaveURL(/\/accueil$/);
  await expect(page.getByRole("heading", { name: "Bonjour Claire" })).toBeVisible();
  await expect(page.getByText("Étape 1 : Créer votre compte utilisateur")).toBeVisible();
  await expect(page.getByText("Terminée", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Demander un rattachement" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mon compte" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByText("Vous êtes déconnecté.")).toBeVisible();
  await page.goto("/accueil");
  await expect(page).toHaveURL(/\/connexion$/);
});

test("sign-up errors are shown next to their fields, values are kept, nothing is sent", async ({ page }) => {
  const loginEmail = uniqueEmail("erreurs");
  await page.goto("/inscription");
  await fillSignUp(page, loginEmail);
  await page.getByLabel("N° de SIRET de l'entreprise").fill("732 829 320 00075");
  await page.getByLabel("Code postal").fill("3150");
  await page.getByRole("button", { name: "Finaliser l'inscription" }).click();

  const siret = page.getByLabel("N° de SIRET de l'entreprise");
  await expect(siret).toHaveAttribute("aria-invalid", "true");
  await expect(siret).toHaveAccessibleDescription(/Ce n° de SIRET n'est pas valide/);
  await expect(page.getByLabel("Code postal")).toHaveAccessibleDescription(/code postal français à 5 chiffres/);
  const summary = page.getByRole("main").getByRole("alert");
  await expect(summary).toContainText("Le formulaire contient 2 erreurs. Corrigez-les :");
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Adresse électronique de connexion")).toHaveValue(loginEmail);
  await expect(page.getByLabel("Commune")).toHaveValue("Toulouse");
  await expectAccessible(page);

  // The summary links lead to the fields, by keyboard.
  await summary.getByRole("link", { name: /SIRET/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#champ-siret$/);
  expect(await mailsTo(loginEmail)).toHaveLength(0);
});

test("an expired activation link offers a new one, which works", async ({ page }) => {
  const loginEmail = uniqueEmail("expire");
  await page.goto("/inscription");
  await fillSignUp(page, loginEmail);
  await page.getByRole("button", { name: "Finaliser l'inscription" }).click();
  const firstLink = await linkFromMail(loginEmail, "Activez votre compte", "/activation/");

  expireLinksOf(loginEmail);
  await page.goto(firstLink);
  await expect(page.getByRole("heading", { name: "Lien d'activation non valable" })).toBeVisible();
  await expect(page.getByText("Ce lien d'activation a expiré")).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByLabel("Adresse électronique de connexion")).toHaveValue(loginEmail);
  await page.getByRole("button", { name: "Renvoyer le lien d'activation" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("un nouveau lien vient de lui être envoyé");

  const secondLink = await linkFromMail(loginEmail, "Activez votre compte", "/activation/", 2);
  expect(secondLink).not.toBe(firstLink);
  await activate(page, secondLink);
  await signIn(page, loginEmail, PASSWORD);
  await expect(page).toHaveURL(/\/accueil$/);
});

test("a wrong password gets one generic message", async ({ page }) => {
  await signIn(page, uniqueEmail("inconnu"), "Pas le bon mot de passe");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Adresse électronique ou mot de passe incorrect.");
  await expectAccessible(page);
});

test("public pages are accessible", async ({ page }) => {
  for (const path of [
    "/connexion",
    "/mot-de-passe-oublie",
    "/activation/renvoyer",
    "/conditions-generales",
    "/accessibilite",
    "/aide",
    "/contact",
    "/mentions-legales",
    "/donnees-personnelles",
    "/page-inexistante",
  ]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.goto("/activation/inconnu");
  await expect(page.getByText("Ce lien d'activation n'est pas reconnu.")).toBeVisible();
  await expectAccessible(page);
});
