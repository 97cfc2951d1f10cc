import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { E2E_SERVER_ENV } from "../../playwright.config";
import { pdfFile, pdfText } from "../support/refund-files";
import { lastYear } from "../support/test-rates.mjs";
import { createStructure, expectAccessible, freeSiret, grantTicSubscription, mailsTo, personSignedIn, queryOne, signIn, verifyStructure } from "./support";

/** Last year's deliveries: the e2e database has a rate for them (see tests/support/test-rates.mjs). */
const YEAR = lastYear();

/** A small real PDF, as Playwright's file chooser takes it. */
async function pdf(text: string) {
  const file = await pdfFile(`${text}.pdf`, text);
  return { name: file.name, mimeType: "application/pdf", buffer: Buffer.from(file.bytes) };
}

/** The manager opens the TIC space on a new structure, as in spaces.spec.ts. */
async function structureWithTicSpace(page: Page): Promise<{ structureId: number; name: string }> {
  const { siret, name } = freeSiret();
  const structureId = await createStructure(page, siret);
  await page.goto(`/gestionnaire/structures/${structureId}`);
  const spaceForm = page.getByRole("form", { name: "Ajouter des espaces" });
  await spaceForm.getByLabel("Numéro PACAGE").fill("031123456");
  await spaceForm.getByLabel("Catégorie de bénéficiaire").selectOption({ label: "Exploitant agricole en société (GAEC, EARL, SCEA…)" });
  await spaceForm.getByRole("button", { name: "Valider" }).click();
  await expect(spaceForm.getByRole("status")).toHaveText("L'espace « Demande de remboursement TIC » est ouvert sur la structure.");
  return { structureId, name };
}

test("a subscribed member files a request: lines by hand and by CSV, invoices, transmission, receipt, timeline", async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await personSignedIn(browser, "tic-gestionnaire", { firstName: "Claire", lastName: "Durand" });
  const { structureId, name } = await structureWithTicSpace(manager.page);
  // Only a verified structure transmits: the manager types the code of the letter.
  await verifyStructure(manager.page, structureId);

  // Bank details: a wrong IBAN is refused next to its field, then the account is recorded with its RIB.
  const ribForm = manager.page.getByRole("form", { name: "Ajouter des références bancaires" });
  await ribForm.getByLabel("Titulaire du compte").fill(name);
  await ribForm.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 188");
  await ribForm.getByLabel("BIC").fill("AGRIFRPPXXX");
  await ribForm.getByLabel("RIB (relevé d'identité bancaire)").setInputFiles(await pdf("rib"));
  await ribForm.getByRole("button", { name: "Enregistrer les références bancaires" }).click();
  await expect(ribForm.getByLabel("IBAN")).toHaveAttribute("aria-invalid", "true");
  await expect(ribForm.getByLabel("IBAN")).toHaveAccessibleDescription(/Cet IBAN n'est pas valide : vérifiez les caractères saisis\./);
  await ribForm.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 189");
  await ribForm.getByLabel("RIB (relevé d'identité bancaire)").setInputFiles(await pdf("rib"));
  await ribForm.getByRole("button", { name: "Enregistrer les références bancaires" }).click();
  await expect(ribForm.getByRole("status")).toHaveText("Les références bancaires FR76 3000 6000 0112 3456 7890 189 sont enregistrées (compte par défaut).");
  await expectAccessible(manager.page);

  const member = await personSignedIn(browser, "tic-membre", { firstName: "Paul", lastName: "Martin" });
  grantTicSubscription(member.email, structureId, { canView: true, canEdit: true });
  const page = member.page;
  await page.goto("/accueil");
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Demande de remboursement TIC" }).click();
  await expect(page.getByRole("heading", { name: "Créer une demande" })).toBeVisible();
  await expectAccessible(page);

  // Create: the year and the default account come pre-selected.
  const createForm = page.getByRole("form", { name: "Créer une demande" });
  await expect(createForm.getByLabel("Année de la demande")).toHaveValue(String(YEAR));
  await expect(createForm.getByLabel("Références bancaires")).toContainText("FR76 3000 6000 0112 3456 7890 189 (par défaut)");
  await createForm.getByLabel(/J'atteste sur l'honneur/).check();
  await createForm.getByRole("button", { name: "Créer la demande" }).click();
  await expect(page.getByRole("heading", { name: `Demande de remboursement TIC ${YEAR}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Statut : Brouillon" })).toBeVisible();
  await expectAccessible(page);

  // A line by hand: rate and amount show while typing; « Valider et ajouter une nouvelle ligne ».
  const lineForm = page.getByRole("form", { name: "Ajouter une ligne (une par facture)" });
  await lineForm.getByLabel("Numéro de facture").fill("FA-001");
  await lineForm.getByLabel("Date de livraison").fill(`${YEAR}-03-15`);
  await lineForm.getByLabel("Produit").selectOption({ label: "Gazole non routier (en hl)" });
  await lineForm.getByLabel("Volume").fill("1250,5");
  await expect(lineForm.locator("output")).toContainText("Taux : 14,96 € par hl — montant de la ligne : 18 707,48 €");
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("FA-001"));
  await lineForm.getByRole("button", { name: "Valider et ajouter une nouvelle ligne" }).click();
  await expect(lineForm.getByText("La ligne de la facture FA-001 est ajoutée.")).toBeVisible();
  await expect(lineForm.getByLabel("Numéro de facture")).toBeFocused();
  await expect(lineForm.getByLabel("Numéro de facture")).toHaveValue("");
  await expect(lineForm.getByLabel("Produit")).toHaveValue("gnr");
  await page.keyboard.type("FA-002");
  await lineForm.getByLabel("Date de livraison").fill(`${YEAR}-04-02`);
  await lineForm.getByLabel("Volume").fill("300");
  await lineForm.getByRole("button", { name: "Valider la ligne" }).click();
  await expect(lineForm.getByText("La ligne de la facture FA-002 est ajoutée.")).toBeVisible();
  const lines = page.getByRole("table", { name: /Lignes de la demande/ });
  await expect(lines.getByRole("row")).toHaveCount(4); // header, 2 lines, total

  // CSV: a file with an error imports nothing and says where; the corrected file imports all.
  const importForm = page.getByRole("form", { name: "Importer des lignes depuis un fichier CSV" });
  const header = "numero_facture;date_livraison;produit;volume";
  await importForm.getByLabel("Fichier CSV des lignes").setInputFiles({ name: "lignes.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\nFA-003;10/05/${YEAR};GNR;100\nFA-004;11/05/${YEAR};GPL;-2\n`) });
  await importForm.getByRole("button", { name: "Importer les lignes" }).click();
  await expect(importForm.getByRole("alert")).toContainText("Aucune ligne n'a été importée");
  await expect(importForm.getByRole("alert")).toContainText("Ligne 3, colonne « volume » : Le volume est un nombre positif");
  await expect(lines.getByRole("row")).toHaveCount(4);
  await importForm.getByLabel("Fichier CSV des lignes").setInputFiles({ name: "lignes.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\nFA-003;10/05/${YEAR};GNR;100\nFA-004;11/05/${YEAR};GPL;20,5\n`) });
  await importForm.getByRole("button", { name: "Importer les lignes" }).click();
  await expect(importForm.getByRole("status")).toContainText("2 lignes importées");
  await expect(lines.getByRole("row")).toHaveCount(6);
  // 18 707,48 + 4 488,00 + 1 496,00 + 117,26 (20,5 × 5,72)
  await expect(page.getByRole("heading", { name: "Lignes (4) — total 24 808,74 €" })).toBeVisible();

  // Transmission is refused while invoices are missing; join them, then transmit.
  const transmit = page.getByRole("region", { name: "Transmettre la demande" });
  await expect(transmit).toContainText("Joignez la copie de chaque facture : FA-002, FA-003, FA-004.");
  for (const invoice of ["FA-002", "FA-003", "FA-004"]) {
    await page.getByLabel(`Fichier de la facture ${invoice}`).setInputFiles(await pdf(invoice));
    await page.getByRole("button", { name: `Joindre la facture ${invoice}` }).click();
    await expect(page.getByText(`La facture ${invoice} est jointe.`)).toBeVisible();
  }
  await expect(transmit).toContainText("La demande est complète : 4 lignes, 24 808,74 €.");
  await expectAccessible(page);
  await transmit.getByRole("button", { name: "Transmettre la demande" }).click();
  await expect(page.getByRole("heading", { name: "Statut : Mise à disposition" })).toBeVisible();
  const reference = queryOne<{ reference: string }>("SELECT reference FROM refund_requests WHERE structure_id = ?", structureId)!.reference;
  expect(reference).toMatch(new RegExp(`^TIC-${YEAR}-\\d{6}$`));
  await expect(page.getByText(`Référence : ${reference}`)).toBeVisible();
  await expect(page.getByRole("form", { name: "Ajouter une ligne (une par facture)" })).toHaveCount(0);
  const timeline = page.getByRole("list").filter({ hasText: "1. Brouillon" });
  await expect(timeline.locator('[aria-current="step"]')).toContainText("2. Mise à disposition");
  await expectAccessible(page);

  // The receipt: a PDF with the structure, the year, the lines, the total, the date and the reference.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le récépissé (PDF)" }).click()]);
  const text = await pdfText(await readFile(await download.path()));
  expect(text).toContain(`Référence : ${reference}`);
  expect(text).toContain(`Structure : ${name}`);
  expect(text).toContain(`Année de la demande (livraisons) : ${YEAR}`);
  expect(text).toMatch(/FA-004\s+11\/05\/\d{4}\s+GPL\s+20,5 100 kg\s+5,72\s+117,26 €/);
  expect(text).toContain("Montant total demandé : 24 808,74 €");
  expect(text).toMatch(/Transmise le \d{1,2} \S+ \d{4} à \d{2}:\d{2} par Paul Martin/);
  await expect.poll(async () => (await mailsTo(member.email)).map((m) => m.subject)).toContain("Demande de remboursement TIC transmise – Portail TIC");
  await expect.poll(async () => (await mailsTo(manager.email)).map((m) => m.subject)).toContain("Demande de remboursement TIC transmise – Portail TIC");

  // The administration's next status, by its command-line tool: on the timeline and in a mail.
  const env = { ...process.env, ...E2E_SERVER_ENV };
  const cli = await promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/refunds-set-status.ts", reference, "en-instruction"], { env });
  expect(cli.stdout).toContain(`${reference} : « Mise à disposition » → « En instruction »`);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Statut : En instruction" })).toBeVisible();
  await expect(timeline.locator('[aria-current="step"]')).toContainText("3. En instruction");
  await expect.poll(async () => (await mailsTo(member.email)).map((m) => m.subject)).toContain("Nouveau statut de votre demande de remboursement TIC – Portail TIC");
  await page.goto("/accueil");
  await expect(page.getByRole("region", { name: /Demandes de remboursement TIC/ })).toContainText(`Demande ${YEAR} — En instruction — 24 808,74 € — ${reference}`);
});

test("a member with « Consultation » only sees and downloads, never edits", async ({ browser }) => {
  const manager = await personSignedIn(browser, "tic-gestionnaire-c", { firstName: "Claire", lastName: "Durand" });
  const { structureId } = await structureWithTicSpace(manager.page);
  await manager.page.goto("/remboursement-tic");
  await manager.page.getByRole("form", { name: "Créer une demande" }).getByRole("button", { name: "Créer la demande" }).click();
  const lineForm = manager.page.getByRole("form", { name: "Ajouter une ligne (une par facture)" });
  await lineForm.getByLabel("Numéro de facture").fill("FA-100");
  await lineForm.getByLabel("Date de livraison").fill(`${YEAR}-06-01`);
  await lineForm.getByLabel("Produit").selectOption("gnr");
  await lineForm.getByLabel("Volume").fill("10");
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("FA-100"));
  await lineForm.getByRole("button", { name: "Valider la ligne" }).click();
  await expect(lineForm.getByText("La ligne de la facture FA-100 est ajoutée.")).toBeVisible();

  const viewer = await personSignedIn(browser, "tic-lecteur", { firstName: "Luc", lastName: "Bernard" });
  grantTicSubscription(viewer.email, structureId, { canView: true, canEdit: false });
  const page = viewer.page;
  await page.goto("/remboursement-tic");
  await expect(page.getByText("Consultation (voir et télécharger, sans modifier)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Créer une demande" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: `Demande ${YEAR}` }).click();
  await expect(page.getByRole("heading", { name: `Demande de remboursement TIC ${YEAR}` })).toBeVisible();
  await expect(page.getByText("Vous avez le droit de consultation sur cet espace")).toBeVisible();
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Transmettre|Supprimer|Valider|Joindre|Remplacer|Importer|Enregistrer|Créer/ })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Facture FA-100" }).click()]);
  expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe("%PDF-");
  await expectAccessible(page);
});

test("without JavaScript: create a request and add a line with its invoice", async ({ browser }) => {
  const manager = await personSignedIn(browser, "tic-sans-js", { firstName: "Claire", lastName: "Durand" });
  await structureWithTicSpace(manager.page);
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, manager.email);
  await page.goto("/remboursement-tic");
  await page.getByRole("form", { name: "Créer une demande" }).getByRole("button", { name: "Créer la demande" }).click();
  await expect(page.getByRole("heading", { name: `Demande de remboursement TIC ${YEAR}` })).toBeVisible();
  const lineForm = page.getByRole("form", { name: "Ajouter une ligne (une par facture)" });
  // An error first: the server answers next to the field and keeps what was typed.
  await lineForm.getByLabel("Numéro de facture").fill("SJ-1");
  await lineForm.getByLabel("Date de livraison").fill(`${YEAR}-02-03`);
  await lineForm.getByLabel("Produit").selectOption("gnr");
  await lineForm.getByLabel("Volume").fill("12,3456");
  await lineForm.getByRole("button", { name: "Valider la ligne" }).click();
  await expect(lineForm.getByLabel("Volume")).toHaveAccessibleDescription(/au plus 3 décimales/);
  await expect(lineForm.getByLabel("Numéro de facture")).toHaveValue("SJ-1");
  await lineForm.getByLabel("Volume").fill("12,345");
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("SJ-1"));
  await lineForm.getByRole("button", { name: "Valider la ligne" }).click();
  await expect(page.getByRole("row", { name: /SJ-1/ })).toContainText("184,68 €"); // 12,345 hl × 14,96 €
  await expect(page.getByRole("link", { name: "Facture SJ-1" })).toBeVisible();
});
