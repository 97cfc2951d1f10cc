import { expect, test, type Page } from "@playwright/test";
import {
  activeAccount,
  createStructure,
  expectAccessible,
  freeSiret,
  linkFromMail,
  mailsTo,
  openTicSpace,
  personSignedIn,
  personSignedInThroughPages,
  requestAttachment,
  signIn,
  structureCreatedBy,
  tabTo,
} from "./support";

const menu = (page: Page) => page.getByRole("navigation", { name: "Menu principal" });

// The seed's journey in two halves, each a test of its own so that neither runs long on a slow
// machine: the manager's (steps 1–3, every page in the browser), then the member's (steps 2 and 4),
// whose manager and space are set up as the first half left them.

test("the seed's journey, manager: account through the pages, structure, TIC space opened with the keyboard, tab at once", async ({
  browser,
}) => {
  const { siret } = freeSiret();

  // A: account, structure, then the TIC space with PACAGE and category.
  const a = await personSignedInThroughPages(browser, "journee-a", { firstName: "Claire", lastName: "Durand" });
  await createStructure(a.page, siret);
  await expect(a.page.getByText("Ouvrez l'espace « Demande de remboursement TIC » sur votre structure")).toBeVisible();
  await a.page.getByRole("link", { name: "Ouvrir l'espace" }).click();
  await expect(a.page.getByRole("heading", { name: "Modification de la structure" })).toBeVisible();
  await expectAccessible(a.page);
  const spaceForm = a.page.getByRole("form", { name: "Ajouter des espaces" });
  await expect(spaceForm.getByLabel("Demande de remboursement TIC")).toBeChecked();
  await tabTo(a.page, spaceForm.getByLabel("Numéro PACAGE"));
  await a.page.keyboard.type("031 123 456");
  await a.page.keyboard.press("Tab");
  // « Catégorie de bénéficiaire »: radios (long labels wrap on a phone); the arrows choose.
  const categories = spaceForm.getByRole("group", { name: "Catégorie de bénéficiaire" });
  await expect(categories.getByRole("radio", { name: "Exploitant agricole à titre individuel" })).toBeFocused();
  await a.page.keyboard.press("ArrowDown");
  await expect(categories.getByRole("radio", { name: "Exploitant agricole en société (GAEC, EARL, SCEA…)" })).toBeChecked();
  await tabTo(a.page, spaceForm.getByRole("button", { name: "Valider" }));
  await a.page.keyboard.press("Enter");
  await expect(spaceForm.getByRole("status")).toHaveText("L'espace « Demande de remboursement TIC » est ouvert sur la structure.");
  // The tab is there at once, without signing in again.
  await menu(a.page).getByRole("link", { name: "Demande de remboursement TIC" }).click();
  await expect(a.page.getByText("Consultation et modification")).toBeVisible();
  await expect(a.page.getByRole("definition").filter({ hasText: /^031123456$/ })).toBeVisible();
  await expectAccessible(a.page);
});

test("the seed's journey, member: attachment and subscription decided by the manager, mails from the Resend stub, keyboard only", async ({
  browser,
}) => {
  const { siret, name } = freeSiret();
  const a = await personSignedIn(browser, "journee-a", { firstName: "Claire", lastName: "Durand" });
  await openTicSpace(a.page, await structureCreatedBy(a, siret));

  // B: account, attachment request, validated by A.
  const b = await personSignedIn(browser, "journee-b", { firstName: "Paul", lastName: "Martin" });
  await requestAttachment(b.page, siret, "Claire Durand");
  await linkFromMail(a.email, "Nouvelle demande de rattachement", "/gestionnaire");
  await a.page.goto("/gestionnaire");
  const attachmentRequests = a.page.getByRole("region", { name: /Demandes de rattachement/ });
  await tabTo(a.page, attachmentRequests.getByRole("button", { name: "Valider la demande de rattachement de Paul Martin" }));
  await a.page.keyboard.press("Enter");
  await expect(attachmentRequests.getByRole("status")).toHaveText("1 demande validée.");
  await linkFromMail(b.email, "Votre demande de rattachement est acceptée", "/accueil");

  // B asks for the space (keyboard only), A validates, B sees the tab.
  await b.page.goto("/accueil");
  await expect(b.page.getByText("Demandez un abonnement à l'espace « Demande de remboursement TIC ».")).toBeVisible();
  await tabTo(b.page, b.page.getByRole("link", { name: "Ajouter un abonnement" }));
  await b.page.keyboard.press("Enter");
  await expect(b.page.getByRole("heading", { name: "Ajouter un abonnement" })).toBeVisible();
  await expectAccessible(b.page);
  await expect(b.page.getByLabel("Désignation")).toHaveValue(/\d+/);
  await expect(b.page.getByLabel("Espace", { exact: true })).toContainText("Demande de remboursement TIC");
  await tabTo(b.page, b.page.getByLabel("Modification"));
  await b.page.keyboard.press("Space");
  await expect(b.page.getByLabel("Modification")).toBeChecked();
  await tabTo(b.page, b.page.getByRole("button", { name: "Valider" }));
  await b.page.keyboard.press("Enter");
  await expect(b.page.getByRole("main").getByRole("status")).toHaveText(
    "Votre demande est transmise à Claire Durand, gestionnaire principal.",
  );
  await b.page.goto("/accueil");
  await expect(b.page.getByText(/Votre demande d'abonnement attend la décision de Claire Durand depuis le/).first()).toBeVisible();
  await expect(menu(b.page).getByRole("link", { name: "Demande de remboursement TIC" })).toHaveCount(0);

  await linkFromMail(a.email, "Nouvelle demande d'abonnement", "/gestionnaire");
  await a.page.goto("/gestionnaire");
  const subscriptionRequests = a.page.getByRole("region", { name: /Demandes d'abonnement/ });
  await expect(subscriptionRequests).toContainText("consultation et modification");
  await expectAccessible(a.page);
  await tabTo(a.page, subscriptionRequests.getByRole("button", { name: "Valider la demande d'abonnement de Paul Martin" }));
  await a.page.keyboard.press("Enter");
  await expect(subscriptionRequests.getByRole("status")).toHaveText("1 demande d'abonnement validée.");

  await linkFromMail(b.email, "Votre demande d'abonnement est acceptée", "/accueil");
  const [decision] = (await mailsTo(b.email)).filter((m) => m.subject.startsWith("Votre demande d'abonnement est acceptée"));
  expect(decision!.text).toContain("a validé votre abonnement");
  await b.page.reload();
  await tabTo(b.page, menu(b.page).getByRole("link", { name: "Demande de remboursement TIC" }));
  await b.page.keyboard.press("Enter");
  await expect(b.page.getByRole("heading", { name: "Demande de remboursement TIC" })).toBeVisible();
  await expect(b.page.getByText("Consultation et modification")).toBeVisible();
  await expect(b.page.getByRole("definition").filter({ hasText: name })).toBeVisible();

  // A sees B and their rights among the members.
  await a.page.goto("/gestionnaire");
  await a.page.getByRole("link", { name: `Modifier la structure ${name}` }).click();
  await expect(a.page.getByRole("row", { name: /Paul Martin/ })).toContainText(
    "« Demande de remboursement TIC » : consultation et modification",
  );
  await expect(a.page.getByRole("region", { name: "Historique des décisions" })).toContainText("Abonnement validé par Claire Durand");
});

test("a centre de gestion agricole cannot open the TIC space", async ({ page }) => {
  const { siret } = freeSiret("69.20Z");
  const email = await activeAccount("cga");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/accueil$/);
  await page.goto(`/structures/nouvelle?siret=${siret}`);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByLabel("La structure est un centre de gestion agricole")).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer et Valider" }).click();
  await expect(page.getByText("Votre structure est créée")).toBeVisible();
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Activités du gestionnaire" }).click();
  await page.getByRole("link", { name: /Modifier la structure/ }).click();
  await expect(
    page.getByText(
      "Cette structure est un centre de gestion agricole : l'espace « Demande de remboursement TIC » ne peut pas y être ouvert.",
    ),
  ).toBeVisible();
  const form = page.getByRole("form", { name: "Ajouter des espaces" });
  await expect(form.getByLabel("Sollicitations émises")).toBeVisible();
  await expect(form.getByLabel("Demande de remboursement TIC")).toHaveCount(0);
  await expectAccessible(page);
});
