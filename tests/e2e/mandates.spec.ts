import { expect, test, type Page } from "@playwright/test";
import {
  expectAccessible,
  freeSiret,
  linkFromMail,
  openTicSpace,
  personSignedIn,
  queryOne,
  structureCreatedBy,
  tabTo,
  verifyStructure,
} from "./support";
import { DEFAULT_YEAR, defaultLine, fillLine, lineFormOf, onTestDay, pdf, recordBankAccount } from "./refund-support";

const menu = (page: Page) => page.getByRole("navigation", { name: "Menu principal" });

/**
 * A farm with its TIC space open and a centre de gestion, each in a browser of its own; `filing`:
 * the farm is also verified and has bank details, so that a request can be transmitted.
 */
async function farmAndCentre(browser: import("@playwright/test").Browser, { filing = false } = {}) {
  const farmer = await personSignedIn(browser, "mandat-ferme", { firstName: "Claire", lastName: "Durand" });
  const farm = freeSiret();
  const farmId = await structureCreatedBy(farmer, farm.siret);
  await openTicSpace(farmer.page, farmId);
  if (filing) {
    await verifyStructure(farmer.page, farmId);
    await recordBankAccount(farmer.page, farm.name);
  }
  const accountant = await personSignedIn(browser, "mandat-centre", { firstName: "Paul", lastName: "Martin" });
  // Any establishment: the creation form says it is a centre de gestion (few of the sample are 69.20Z, and parallel tests would collide).
  const centre = freeSiret();
  const centreId = await structureCreatedBy(accountant, centre.siret, { managementCentre: true });
  expect(queryOne<{ c: number }>("SELECT is_management_centre AS c FROM structures WHERE id = ?", centreId)?.c).toBe(1);
  return { farmer, farm: { ...farm, id: farmId }, accountant, centre: { ...centre, id: centreId } };
}

test("a centre asks a farm for a mandate, accepted from the mail; it opens the farm's draft from its portfolio; the farm ends the mandate and access stops at once", async ({
  browser,
}) => {
  onTestDay(DEFAULT_YEAR, "No year can be filed");
  const { farmer, farm, accountant } = await farmAndCentre(browser);
  const centrePage = accountant.page;

  // The centre's « Accueil » leads to its clients' mandates; it asks, keyboard only.
  await centrePage.goto("/accueil");
  await expect(centrePage.getByText("Ouvrez l'espace", { exact: false })).toHaveCount(0);
  await tabTo(centrePage, centrePage.getByRole("link", { name: "Demander un mandat à vos clients" }));
  await centrePage.keyboard.press("Enter");
  await expect(centrePage.getByRole("heading", { name: "Demander un mandat" })).toBeVisible();
  await expectAccessible(centrePage);
  await tabTo(centrePage, centrePage.getByLabel("N° de SIRET de l'exploitation"));
  await centrePage.keyboard.type(farm.siret);
  await tabTo(centrePage, centrePage.getByRole("button", { name: "Demander le mandat" }));
  await centrePage.keyboard.press("Enter");
  await expect(centrePage.getByRole("status").filter({ hasText: "Votre demande de mandat est transmise" })).toBeVisible();
  await expect(centrePage.getByText("En attente de décision")).toBeVisible();

  // The farm accepts in one click from the mail's link.
  const link = await linkFromMail(farmer.email, "Demande de mandat", "/mandats/");
  await farmer.page.goto(link);
  await expect(farmer.page.getByRole("heading", { name: `Mandat de ${accountantStructureName(accountant)}` })).toBeVisible();
  await expectAccessible(farmer.page);
  // The farm deciding has two choices, accept or refuse: no « Retirer la demande » that looks like a refusal (issue 21).
  await expect(farmer.page.locator("summary", { hasText: "Refuser le mandat" })).toBeVisible();
  await expect(farmer.page.getByText("Retirer la demande")).toHaveCount(0);
  await farmer.page.getByRole("button", { name: "Accepter le mandat" }).click();
  await expect(farmer.page.getByRole("status").filter({ hasText: "Le mandat est accepté" })).toBeVisible();
  await expect(farmer.page.getByText("En vigueur")).toBeVisible();
  await linkFromMail(accountant.email, "Mandat accepté", "/mandats/");

  // From its portfolio, one click creates the farm's draft and switches to the farm: selector and title name it.
  await centrePage.goto("/accueil");
  await menu(centrePage).getByRole("link", { name: "Portefeuille" }).click();
  await centrePage.getByRole("button", { name: `Créer la demande ${DEFAULT_YEAR} de ${farm.name}` }).click();
  await expect(centrePage.getByRole("heading", { name: `Demande de remboursement TIC ${DEFAULT_YEAR}` })).toBeVisible();
  await expect(centrePage.getByLabel("Structure", { exact: true })).toHaveText(new RegExp(`${farm.name} — par mandat`));
  await expect(centrePage).toHaveTitle(new RegExp(farm.name));
  const requestUrl = centrePage.url();
  // « Mandats » stays in the menu while working on the client farm: the centre's own mandates (issue 21, point 10).
  await menu(centrePage).getByRole("link", { name: "Mandats" }).click();
  await expect(centrePage.getByRole("heading", { level: 1, name: `Mandats de ${accountantStructureName(accountant)}` })).toBeVisible();
  await expect(centrePage.getByText(`Vous travaillez sur ${farm.name} par mandat`)).toBeVisible();
  await expect(centrePage.getByRole("link", { name: farm.name })).toBeVisible();
  await expectAccessible(centrePage);

  // The farm ends the mandate; the centre's next request is refused.
  await farmer.page.goto(link);
  // A <summary> (announced as a button with its state) opens the confirmation.
  await farmer.page.locator("summary", { hasText: "Mettre fin au mandat" }).click();
  await farmer.page.getByRole("button", { name: "Confirmer : Mettre fin au mandat" }).click();
  await expect(farmer.page.getByRole("status").filter({ hasText: "le mandat ne donne plus aucun accès" })).toBeVisible();
  // The centre opening the farm's request is told the mandate ended, not « Page introuvable » (issue 21).
  await centrePage.goto(new URL(requestUrl).pathname);
  await expect(
    centrePage.getByRole("heading", { level: 1, name: `Demande de remboursement TIC ${DEFAULT_YEAR} de ${farm.name}` }),
  ).toBeVisible();
  await expect(centrePage.getByRole("status").filter({ hasText: "a pris fin" })).toContainText(
    `Le mandat de ${accountantStructureName(accountant)} sur ${farm.name} a pris fin le`,
  );
  await expect(centrePage.getByRole("heading", { name: "Page introuvable" })).toHaveCount(0);
  await expectAccessible(centrePage);
  await centrePage.goto("/accueil");
  await expect(menu(centrePage).getByRole("link", { name: "Demande de remboursement TIC" })).toHaveCount(0);
  await linkFromMail(accountant.email, "Fin de mandat", "/mandats/");
});

test("under a mandate given through the form, the centre files from its portfolio and transmits; the farm sees who did and gets the receipt", async ({
  browser,
}) => {
  const line = onTestDay(DEFAULT_YEAR !== null && defaultLine, "No year can be filed with a sourced rate");
  const { farmer, farm, accountant, centre } = await farmAndCentre(browser, { filing: true });
  const given = await farmer.http.fillAndSubmit("/mandats/nouveau", "Donner le mandat", {
    agentSiret: centre.siret,
    rights: "modification",
    canTransmit: "on",
    endDate: "",
  });
  expect(given.location).toMatch(/\/mandats\/\d+\?fait=mandat-donne$/);
  const centrePage = accountant.page;

  await centrePage.goto("/portefeuille");
  await centrePage.getByRole("button", { name: `Créer la demande ${DEFAULT_YEAR} de ${farm.name}` }).click();
  await expect(centrePage.getByRole("heading", { name: `Demande de remboursement TIC ${DEFAULT_YEAR}` })).toBeVisible();
  // The draft took the farm's default bank details; the centre gives the sworn statement.
  const header = centrePage.getByRole("form", { name: /^Modifier les références bancaires/ });
  await header.getByLabel(/J'atteste sur l'honneur/).check();
  await header.getByRole("button", { name: "Enregistrer" }).click();
  await expect(header.getByRole("status")).toContainText("sont enregistrées");
  const lineForm = lineFormOf(centrePage);
  await fillLine(lineForm, { invoice: "M-01", date: line.date, product: line.product, volume: "100" });
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("M-01"));
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(lineForm.getByText("La ligne de la facture M-01 est ajoutée.")).toBeVisible();
  await centrePage.getByRole("link", { name: "Transmettre…" }).click();
  await centrePage.getByRole("button", { name: "Confirmer et transmettre" }).click();
  await expect(centrePage.getByRole("status").filter({ hasText: "Demande transmise à l'administration" })).toBeVisible();

  // The farm gets the receipt and sees who transmitted.
  const mailed = await linkFromMail(farmer.email, "Demande de remboursement TIC transmise", "/remboursement-tic/demandes/");
  await farmer.page.goto(new URL(mailed).pathname);
  await expect(farmer.page.getByRole("heading", { name: "Statut : Mise à disposition" })).toBeVisible();
  await expect(farmer.page.getByText(/Mise à disposition — Paul Martin/)).toBeVisible();
  await expect(farmer.page.getByRole("link", { name: /Télécharger le récépissé/ }).first()).toBeVisible();
});

test("an asked mandate waits in « Activités du gestionnaire », counted on the tab, and is accepted there in one click", async ({
  browser,
}) => {
  const { farmer, farm, accountant, centre } = await farmAndCentre(browser);
  const asked = await accountant.http.fillAndSubmit("/mandats/nouveau", "Demander le mandat", {
    farmSiret: farm.siret,
    rights: "modification",
    canTransmit: "on",
    endDate: "",
  });
  expect(asked.location).toMatch(/\/mandats\/\d+\?fait=mandat-demande$/);
  const page = farmer.page;
  await page.goto("/accueil");
  await expect(page.getByRole("heading", { name: "1 décision en attente" })).toBeVisible();
  await menu(page).getByRole("link", { name: "Activités du gestionnaire (1 en attente)" }).click();
  const pending = page.getByRole("region", { name: /Demandes de mandat en attente \(1\)/ });
  await expectAccessible(page);
  await pending.getByRole("button", { name: `Accepter le mandat de ${centre.name} pour ${farm.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le mandat est accepté" })).toBeVisible();
  await expect(page.getByText("En vigueur")).toBeVisible();
  await page.goto("/gestionnaire");
  await expect(page.getByRole("heading", { name: "Demandes de mandat en attente (0)" })).toBeVisible();
});

test("a farm gives a consultation mandate with the keyboard; the centre sees but cannot change; errors sit next to their field", async ({
  browser,
}) => {
  const { farmer, centre, accountant, farm } = await farmAndCentre(browser);
  const page = farmer.page;
  await page.goto("/mandats");
  await expectAccessible(page);
  await tabTo(page, page.getByRole("link", { name: "Donner un mandat" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Donner un mandat" })).toBeVisible();
  const siret = page.getByLabel("N° de SIRET de la structure mandatée");
  // Consultation with transmission: refused next to the box, the SIRET kept.
  await tabTo(page, siret);
  await page.keyboard.type(centre.siret);
  // The group is one tab stop, on the checked radio; the arrows choose.
  await tabTo(page, page.getByRole("radio", { name: /^Modification/ }));
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("radio", { name: /^Consultation/ })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Donner le mandat" }));
  await page.keyboard.press("Enter");
  const transmit = page.getByLabel("Transmission des demandes à l'administration");
  await expect(transmit).toHaveAccessibleDescription(/La transmission demande le droit de modification/);
  await expect(siret).toHaveValue(centre.siret);
  await expectAccessible(page);
  await tabTo(page, transmit);
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Donner le mandat" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Le mandat est donné" })).toBeVisible();
  await expectAccessible(page);

  // The centre may look, not change: the farm is in its portfolio, without « Créer la demande ».
  await linkFromMail(accountant.email, "Mandat donné", "/mandats/");
  await accountant.page.goto("/portefeuille");
  await expect(
    accountant.page
      .getByRole("table", { name: /Portefeuille/ })
      .getByRole("rowheader", { name: farm.name, exact: true })
      .first(),
  ).toBeVisible();
  await expect(accountant.page.getByRole("button", { name: new RegExp(`Créer la demande .* de ${farm.name}`) })).toHaveCount(0);
  // Nor manage the farm.
  const response = await accountant.page.goto(`/gestionnaire/structures/${farm.id}`);
  expect(response?.status()).toBe(404);
});

function accountantStructureName(accountant: { email: string }): string {
  return queryOne<{ name: string }>(
    "SELECT s.name FROM structures s JOIN users u ON u.id = s.main_manager_id WHERE u.login_email = ?",
    accountant.email,
  )!.name;
}
