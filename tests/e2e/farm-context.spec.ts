import { expect, test, type Page } from "@playwright/test";
import {
  PASSWORD,
  attachmentRequestedBy,
  createStructure,
  expectAccessible,
  freeSiret,
  linkFromMail,
  openTicSpace,
  personSignedIn,
  queryOne,
  structureCreatedBy,
  tabTo,
} from "./support";

/** Two different free establishments of the sample. */
function twoFarms() {
  const first = freeSiret();
  let second = freeSiret();
  while (second.siret === first.siret) second = freeSiret();
  return [first, second] as const;
}

const selectedStructure = (page: Page) => page.getByLabel("Structure", { exact: true }).locator("option:checked");

async function switchTo(page: Page, structureId: number) {
  await page.getByLabel("Structure", { exact: true }).selectOption(String(structureId));
  await page.getByRole("button", { name: "Changer" }).click();
  await expect(page).toHaveURL(/\/accueil\?fait=structure-changee$/);
}

test("Back to a request of A after switching to B never shows it under B's name; « Travailler sur A » comes back to it", async ({
  browser,
}) => {
  const [a, b] = twoFarms();
  const person = await personSignedIn(browser, "deux-fermes", { firstName: "Claire", lastName: "Durand" });
  const aId = await structureCreatedBy(person, a.siret);
  const bId = await structureCreatedBy(person, b.siret);
  const { page } = person;

  await page.goto("/accueil");
  await switchTo(page, aId);
  await openTicSpace(page, aId);
  await page.goto("/remboursement-tic");
  const form = page.getByRole("form", { name: "Saisir une demande de remboursement" });
  await form.getByLabel(/J'atteste sur l'honneur/).check();
  await form.getByRole("button", { name: "Saisir la demande" }).click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^Demande de remboursement TIC \d{4}$/);
  const requestUrl = page.url();
  const title = (await heading.textContent())!;
  await expect(selectedStructure(page)).toHaveText(a.name);
  await expect(page).toHaveTitle(`Demande de remboursement TIC – ${a.name} – Portail TIC`);

  await switchTo(page, bId);
  await expect(page).toHaveTitle(`Accueil – ${b.name} – Portail TIC`);
  await expect(selectedStructure(page)).toHaveText(b.name);

  // Back: A's request with A in the selector, or the panel that names A under B; never A's request under B.
  await page.goBack();
  await expect(page).toHaveURL(requestUrl);
  const consistent = async () => {
    const [shown, selected] = [await heading.textContent(), await selectedStructure(page).textContent()];
    return (shown === title && selected === a.name) || (shown === `${title} de ${a.name}` && selected === b.name);
  };
  await expect.poll(consistent).toBe(true);

  // Whatever Back showed, the server now renders the panel: B is the current structure.
  await page.reload();
  await expect(heading).toHaveText(`${title} de ${a.name}`);
  await expect(page.getByText(`Cette page concerne ${a.name} ; vous travaillez actuellement sur ${b.name}.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Informations de la demande" })).toHaveCount(0);
  await expectAccessible(page);
  const workOnA = page.getByRole("button", { name: `Travailler sur ${a.name}` });
  await tabTo(page, workOnA);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${requestUrl}?fait=structure-changee`);
  await expect(heading).toHaveText(title);
  await expect(selectedStructure(page)).toHaveText(a.name);
  await expect(page).toHaveTitle(`Demande de remboursement TIC – ${a.name} – Portail TIC`);

  // The same rule on B's structure page, though its manager may manage it.
  await page.goto(`/gestionnaire/structures/${bId}`);
  await expect(heading).toHaveText(`Modification de la structure ${b.name}`);
  await expect(page.getByRole("button", { name: `Travailler sur ${b.name}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Membres" })).toHaveCount(0);
});

test("after creating a structure, the selector and the title name the new one", async ({ browser }) => {
  const [a, b] = twoFarms();
  const person = await personSignedIn(browser, "nouvelle-ferme", { firstName: "Claire", lastName: "Durand" });
  await structureCreatedBy(person, a.siret);
  const bId = await createStructure(person.page, b.siret);
  await expect(person.page.getByLabel("Structure", { exact: true })).toHaveValue(String(bId));
  await expect(selectedStructure(person.page)).toHaveText(b.name);
  await expect(person.page).toHaveTitle(`Accueil – ${b.name} – Portail TIC`);
});

test("a mail link opened signed out leads, after sign-in, to its page; a manager sees the pending decision on « Accueil » and on the tab", async ({
  browser,
}) => {
  const { siret } = freeSiret();
  const manager = await personSignedIn(browser, "gestionnaire", { firstName: "Claire", lastName: "Durand" });
  await structureCreatedBy(manager, siret);
  const member = await personSignedIn(browser, "membre", { firstName: "Paul", lastName: "Martin" });
  await attachmentRequestedBy(member, siret);
  const link = await linkFromMail(manager.email, "Nouvelle demande de rattachement", "/gestionnaire");

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fgestionnaire/);
  await page.getByLabel("Adresse électronique de connexion").fill(manager.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { name: "Activités du gestionnaire", level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(new URL(link).pathname);

  const tab = page
    .getByRole("navigation", { name: "Menu principal" })
    .getByRole("link", { name: "Activités du gestionnaire (1 en attente)" });
  await expect(tab.first()).toBeAttached();
  await page.goto("/accueil");
  const pending = page.getByRole("region", { name: "1 décision en attente" });
  await expect(pending).toContainText("1 demande de rattachement attend votre décision.");
  await expect(pending.getByRole("link", { name: "Activités du gestionnaire" })).toHaveAttribute("href", "/gestionnaire");
});

test("a centre de gestion's « Accueil » leads to its clients' mandates, never to opening the TIC space; its page has no bank details", async ({
  browser,
}) => {
  const { siret } = freeSiret("69.20Z");
  const person = await personSignedIn(browser, "centre", { firstName: "Claire", lastName: "Durand" });
  const { page } = person;
  await page.goto(`/structures/nouvelle?siret=${siret}`);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("La structure est un centre de gestion agricole")).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer et Valider" }).click();
  await expect(page.getByText("Votre structure est créée")).toBeVisible();
  const id = queryOne<{ id: number }>("SELECT id FROM structures WHERE siret = ?", siret)!.id;
  await expect(page.getByRole("link", { name: "Demander un mandat à vos clients" })).toHaveAttribute("href", "/mandats/nouveau");
  await expect(page.getByRole("link", { name: "Portefeuille de vos clients" })).toHaveAttribute("href", "/portefeuille");
  await expect(page.getByText(/Ouvrez l'espace/)).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Étapes de l'inscription" })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto(`/gestionnaire/structures/${id}`);
  await expect(page.getByRole("heading", { name: "Espaces", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Références bancaires" })).toHaveCount(0);
  await expect(page.getByLabel("Numéro PACAGE")).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Catégorie de bénéficiaire" })).toHaveCount(0);
});
