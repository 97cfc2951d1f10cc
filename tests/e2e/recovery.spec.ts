import { expect, test } from "@playwright/test";
import { ANSWER, activeAccount, expectAccessible, linkFromMail, signIn } from "./support";

const NEW_PASSWORD = "Le merle chante sous la grange";

async function askForLink(page: import("@playwright/test").Page, loginEmail: string, nth: number) {
  await page.goto("/mot-de-passe-oublie");
  await page.getByLabel("Adresse électronique de connexion").fill(loginEmail);
  await page.getByRole("button", { name: "Recevoir un lien de réinitialisation" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("un lien de réinitialisation vient de lui être envoyé");
  return linkFromMail(loginEmail, "Réinitialisation de votre mot de passe", "/mot-de-passe-oublie/", nth);
}

async function answer(page: import("@playwright/test").Page, secretAnswer: string) {
  await page.getByLabel("Réponse", { exact: true }).fill(secretAnswer);
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmation du mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Valider" }).click();
}

test("five wrong answers disable the link; a new link and the right answer set a new password", async ({ page }) => {
  const loginEmail = await activeAccount("oubli");
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expectAccessible(page);

  const link = await askForLink(page, loginEmail, 1);
  await page.goto(link);
  await expect(page.getByText("Quel est le nom de votre premier animal de compagnie ?")).toBeVisible();
  await expectAccessible(page);

  for (let left = 4; left >= 1; left--) {
    await answer(page, "Médor");
    await expect(page.getByLabel("Réponse", { exact: true })).toHaveAccessibleDescription(new RegExp(`Il vous reste ${left} essai`));
  }
  await answer(page, "Rex");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Ce lien est désormais désactivé");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Lien de réinitialisation non valable" })).toBeVisible();

  const second = await askForLink(page, loginEmail, 2);
  await page.goto(second);
  await answer(page, ANSWER.toUpperCase());
  await expect(page.getByText("Votre mot de passe est modifié.")).toBeVisible();

  await signIn(page, loginEmail, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/accueil$/);
  await linkFromMail(loginEmail, "Votre mot de passe a été modifié", "/mot-de-passe-oublie");
});
