import { expect, test } from "@playwright/test";
import { PASSWORD, activeAccount, expectAccessible, signIn } from "./support";

const NEW_PASSWORD = "Une grange bleue sous la neige";

test("Mon compte: edit personal data, change the password (other sessions end)", async ({ page, browser }) => {
  const loginEmail = await activeAccount("moncompte");
  await signIn(page, loginEmail);
  await expect(page).toHaveURL(/\/accueil$/);

  // A second browser signed in as the same person.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, loginEmail);
  await expect(otherPage).toHaveURL(/\/accueil$/);

  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mon compte" }).click();
  await expect(page.getByRole("heading", { name: "Mon compte", level: 1 })).toBeVisible();
  await expectAccessible(page);

  const profile = page.getByRole("form", { name: "Informations personnelles" });
  await profile.getByLabel("Téléphone").fill("06 12 34 56 78");
  await profile.getByLabel("Adresse électronique de contact").fill("pas-une-adresse");
  await profile.getByRole("button", { name: "Enregistrer mes informations" }).click();
  await expect(profile.getByLabel("Adresse électronique de contact")).toHaveAccessibleDescription(/adresse électronique de contact valide/);
  await profile.getByLabel("Adresse électronique de contact").fill("contact.ferme@exemple.fr");
  await profile.getByRole("button", { name: "Enregistrer mes informations" }).click();
  await expect(profile.getByRole("status")).toHaveText("Vos informations personnelles sont enregistrées.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Informations personnelles" }).getByLabel("Téléphone")).toHaveValue("06 12 34 56 78");

  const passwordForm = page.getByRole("form", { name: "Mot de passe" });
  await passwordForm.getByLabel("Mot de passe actuel").fill(PASSWORD);
  await passwordForm.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await passwordForm.getByLabel("Confirmation du mot de passe").fill(NEW_PASSWORD);
  await passwordForm.getByRole("button", { name: "Modifier mon mot de passe" }).click();
  await expect(passwordForm.getByRole("status")).toContainText("Votre mot de passe est modifié");

  // This session goes on; the other one is over at its next page load.
  await page.goto("/accueil");
  await expect(page.getByRole("heading", { name: "Bonjour Claire" })).toBeVisible();
  await otherPage.goto("/accueil");
  await expect(otherPage).toHaveURL(/\/connexion$/);
  await other.close();
});
