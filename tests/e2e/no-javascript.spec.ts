import { expect, test } from "@playwright/test";
import { ANSWER, PASSWORD, fillSignUp, linkFromMail, uniqueEmail } from "./support";

test.use({ javaScriptEnabled: false });

test("sign-up and activation work without JavaScript", async ({ page }) => {
  const loginEmail = uniqueEmail("sans-js");
  await page.goto("/inscription");
  // An error first: the server answers with the form, the message and the values.
  await fillSignUp(page, loginEmail);
  await page.getByLabel("Commune").fill("");
  await page.getByRole("button", { name: "Finaliser l'inscription" }).click();
  await expect(page.getByLabel("Commune")).toHaveAccessibleDescription(/Saisissez la commune/);
  await expect(page.getByLabel("Adresse électronique de connexion")).toHaveValue(loginEmail);

  await page.getByLabel("Commune").fill("Toulouse");
  await page.getByLabel(/J'ai lu et j'accepte/).check();
  await page.getByRole("button", { name: "Finaliser l'inscription" }).click();
  await expect(page.getByRole("heading", { name: "Consultez votre messagerie" })).toBeVisible();

  await page.goto(await linkFromMail(loginEmail, "Activez votre compte", "/activation/"));
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirmation du mot de passe").fill(PASSWORD);
  await page.getByLabel("Question secrète", { exact: true }).selectOption({ label: "Autre question (je l'écris moi-même)" });
  await page.getByLabel("Votre question").fill("Quel est le nom de ma première chienne ?");
  await page.getByLabel("Réponse à la question secrète").fill(ANSWER);
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByText("Votre compte utilisateur est désormais actif.")).toBeVisible();

  await page.getByLabel("Adresse électronique de connexion").fill(loginEmail);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Bonjour Claire" })).toBeVisible();
});
