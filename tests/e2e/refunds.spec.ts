import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DEFAULT_TODAY, E2E_SERVER_ENV } from "../../playwright.config";
import { pdfText } from "../support/refund-files";
import {
  DEFAULT_YEAR,
  NO_2024,
  amountOf,
  choices,
  createRequest,
  defaultLine,
  fillLine,
  lineFormOf,
  offers2024,
  onTestDay,
  pdf,
  recordBankAccount,
} from "./refund-support";
import type { Visitor } from "../support/visitor";
import { administratorOverHttp, invitedOverHttp } from "./agents-support";
import {
  expectAccessible,
  freeSiret,
  grantTicSubscription,
  mailsTo,
  openTicSpace,
  personSignedIn,
  queryOne,
  signIn,
  structureCreatedBy,
  verifyStructure,
} from "./support";

/** The manager's new structure (set up over HTTP) with the TIC space opened in the browser. */
async function structureWithTicSpace(manager: {
  page: Page;
  http: Visitor;
  email: string;
}): Promise<{ structureId: number; name: string }> {
  const { siret, name } = freeSiret();
  const structureId = await structureCreatedBy(manager, siret);
  await openTicSpace(manager.page, structureId, "Exploitation de conchyliculture (cultures marines)");
  return { structureId, name };
}

test("2024: GNR on both sides of 1 July 2024 and an advance, transmitted after the confirmation page; banner and receipt", async ({
  browser,
}) => {
  onTestDay(offers2024, NO_2024);
  const manager = await personSignedIn(browser, "tic-2024", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  const { structureId, name } = await structureWithTicSpace(manager);
  // Only a verified structure transmits: the manager types the code of the letter the operator printed.
  await verifyStructure(page, structureId, { throughOperator: true });
  await recordBankAccount(page, name);
  await createRequest(page, 2024);

  // Before 1 July 2024: the calculated rate shows while typing; no question about the tariff.
  const lineForm = lineFormOf(page);
  await fillLine(lineForm, { invoice: "G-06", date: "2024-06-15", product: "gnr", volume: "100" });
  await expect(lineForm.locator("output")).toContainText("Taux : 20,95 € par hl (calculé) — montant de la ligne : 2 095,00 €");
  await expect(lineForm.getByLabel(/tarif plein/)).toHaveCount(0);
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("G-06"));
  await lineForm.getByRole("button", { name: "Valider et ajouter une nouvelle ligne" }).click();
  await expect(lineForm.getByText("La ligne de la facture G-06 est ajoutée.")).toBeVisible();

  // From 1 July 2024: billed at the reduced tariff is refused with the reason; at the full tariff it counts.
  await fillLine(lineForm, { invoice: "G-07", date: "2024-07-10", product: "gnr", volume: "50" });
  const question = lineForm.getByLabel(/a-t-elle été établie au tarif plein/);
  await question.selectOption("non");
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("G-07"));
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(question).toHaveAccessibleDescription(/facturé au tarif réduit agricole .* ne donne droit à aucun remboursement/);
  await question.selectOption("oui");
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("G-07"));
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(lineForm.getByText("La ligne de la facture G-07 est ajoutée.")).toBeVisible();

  // The advance received in 2024, larger than the lines: the excess goes back with the VAT return (arrêté of 21/12/2024).
  const advance = page.getByRole("form", { name: "Avez-vous perçu l'avance de 2024 ?" });
  await advance.getByRole("radio", { name: "Oui" }).check();
  await advance.getByLabel("Si oui, montant de l'avance perçue (en euros)").fill("5 000");
  await advance.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(advance.getByRole("status")).toContainText("L'avance perçue de 5 000,00 € est enregistrée.");
  const balance = page.locator("#solde");
  await expect(balance).toContainText("Trop-perçu de 1 857,50 € à reverser avec votre déclaration de TVA de décembre 2025");
  // Created after 31/12/2025 by a holder of the advance: the regularisation deadline has passed, and the page says what follows.
  await expect(balance.getByRole("note")).toContainText("l'avance entière est due");

  // « Transmettre… » leads to the confirmation page, then to the banner.
  await page.getByRole("link", { name: "Transmettre…" }).click();
  await expect(page.getByRole("heading", { name: "Transmettre la demande 2024 à l'administration" })).toBeVisible();
  await expect(page.locator("main")).toContainText("3 142,50 €");
  await expect(page.locator("main")).toContainText("1 857,50 €");
  await expect(page.locator("main")).toContainText(/IBAN FR76 3000 … 189/);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirmer et transmettre" }).click();
  const reference = `TIC-2024-${String(queryOne<{ id: number }>("SELECT id FROM refund_requests WHERE structure_id = ?", structureId)!.id).padStart(6, "0")}`;
  const banner = page.getByRole("status").filter({ hasText: "Demande transmise à l'administration" });
  await expect(banner).toContainText(`sous la référence ${reference}`);
  await expect(page.getByRole("heading", { name: "Statut : Mise à disposition" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    banner.getByRole("link", { name: `Télécharger le récépissé ${reference} (PDF)` }).click(),
  ]);
  const text = await pdfText(await readFile(await download.path()));
  expect(text).toContain(`Référence : ${reference}`);
  expect(text).toContain("Catégorie de bénéficiaire : Exploitation de conchyliculture (cultures marines)");
  expect(text).toMatch(/G-06\s+15\/06\/2024\s+Gazole non routier\s+100 hl\s+20,95\s+calculé\s+2 095,00 €/);
  expect(text).toMatch(/G-07\s+10\/07\/2024\s+Gazole non routier\s+50 hl\s+20,95\s+calculé\s+1 047,50 €/);
  expect(text).toContain("Montant des lignes : 3 142,50 €");
  expect(text).toContain("Montant de l'avance perçue : 5 000,00 €");
  expect(text).toContain("Trop-perçu de 1 857,50 €");
});

test("2024: a request without lines regularises its advance; the administration's next status by its command", async ({ browser }) => {
  onTestDay(offers2024, NO_2024);
  const manager = await personSignedIn(browser, "tic-avance", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  const { structureId, name } = await structureWithTicSpace(manager);
  await verifyStructure(page, structureId);
  await recordBankAccount(page, name);
  await createRequest(page, 2024);
  await expect(page.getByRole("region", { name: "Transmettre la demande" })).toContainText(
    "Répondez à la question « Avez-vous perçu l'avance de 2024 ? ».",
  );
  const advance = page.getByRole("form", { name: "Avez-vous perçu l'avance de 2024 ?" });
  await advance.getByRole("radio", { name: "Oui" }).check();
  await advance.getByLabel("Si oui, montant de l'avance perçue (en euros)").fill("800");
  await advance.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await expect(advance.getByRole("status")).toContainText("est enregistrée");
  await page.getByRole("link", { name: "Transmettre…" }).click();
  await page.getByRole("button", { name: "Confirmer et transmettre" }).click();
  const reference = `TIC-2024-${String(queryOne<{ id: number }>("SELECT id FROM refund_requests WHERE structure_id = ?", structureId)!.id).padStart(6, "0")}`;
  await expect(page.getByRole("status").filter({ hasText: "Demande transmise à l'administration" })).toContainText(reference);
  await expect(page.locator("#solde")).toContainText("Trop-perçu de 800,00 €");
  await expectAccessible(page);
  await expect
    .poll(async () => (await mailsTo(manager.email)).map((m) => m.subject))
    .toContain("Demande de remboursement TIC transmise – Portail TIC");

  // The command acts as an instructor of the farm's département, through the same services as « Demandes ».
  const departement = queryOne<{ d: string }>("SELECT departement AS d FROM structures WHERE id = ?", structureId)!.d;
  const instructor = await invitedOverHttp(await administratorOverHttp(), ["instructor"], departement);
  const cli = await promisify(execFile)(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--import",
      "./scripts/lib/server-only-off.mjs",
      "scripts/refunds-set-status.ts",
      reference,
      "en-instruction",
      "--agent",
      instructor.email!,
    ],
    { env: { ...process.env, ...E2E_SERVER_ENV } },
  );
  expect(cli.stdout).toContain(`${reference} : « Mise à disposition » → « En instruction »`);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Statut : En instruction" })).toBeVisible();
});

test("the year selector offers the workable years, defaults to the latest with a rate; a draft is deleted after a confirmation", async ({
  browser,
}) => {
  onTestDay(DEFAULT_YEAR, "No open year with a sourced rate");
  const manager = await personSignedIn(browser, "tic-annees", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  await structureWithTicSpace(manager);
  await page.goto("/remboursement-tic");
  // Radios, not a select: their long labels wrap on a phone instead of being cut.
  const years = page.getByRole("form", { name: "Saisir une demande de remboursement" }).getByRole("group", { name: "Année de la demande" });
  const offered = await years.getByRole("radio").evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
  if (process.env.E2E_TODAY === E2E_DEFAULT_TODAY) {
    // On the run's default day (2026-12-07): 2023–2025 are open; 2025 has the gas rates.
    expect(offered).toEqual(["2023", "2024", "2025"]);
    await expect(
      years.getByRole("radio", { name: "2025 — taux connus : Gaz naturel combustible — au plus tard le 31/12/2028" }),
    ).toBeChecked();
  } else {
    expect(offered).toEqual(choices.offered.map((c) => String(c.year)));
    await expect(years.getByRole("radio", { name: new RegExp(`^${DEFAULT_YEAR} `) })).toBeChecked();
  }
  // The rates of the years still open; the closed ones on request.
  const rates = page.getByRole("table", { name: "Taux par produit et période de livraison" });
  await expect(rates.getByRole("row", { name: /au 31\/12\/2018/ })).toHaveCount(0);
  await page.getByRole("link", { name: /Voir aussi les taux des années closes/ }).click();
  await expect(rates.getByRole("row", { name: /au 31\/12\/2018/ }).first()).toBeVisible();
  await page.getByRole("link", { name: "N'afficher que les taux des années encore ouvertes" }).click();
  await expect(rates.getByRole("row", { name: /au 31\/12\/2018/ })).toHaveCount(0);
  await expectAccessible(page);

  await createRequest(page, null);
  await page.getByRole("link", { name: `Supprimer le brouillon ${DEFAULT_YEAR}…` }).click();
  await expect(page.getByRole("heading", { name: `Supprimer le brouillon ${DEFAULT_YEAR} ?` })).toBeVisible();
  await expect(page.getByText("Ce brouillon ne contient aucune ligne.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `Supprimer définitivement le brouillon ${DEFAULT_YEAR}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le brouillon est supprimé" })).toBeVisible();
  await expect(page.getByText("Aucune demande pour l'instant.")).toBeVisible();
});

test("one invoice, two products; a line edited in place; a CSV import all or nothing; a 7 MB invoice refused in French", async ({
  browser,
}) => {
  onTestDay(offers2024, NO_2024);
  const manager = await personSignedIn(browser, "tic-lignes", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  await structureWithTicSpace(manager);
  await createRequest(page, 2024);
  const lineForm = lineFormOf(page);
  await fillLine(lineForm, { invoice: "F-1", date: "2024-03-01", product: "gnr", volume: "10" });
  await lineForm.getByRole("button", { name: "Valider et ajouter une nouvelle ligne" }).click();
  await expect(lineForm.getByText("La ligne de la facture F-1 est ajoutée.")).toBeVisible();
  await fillLine(lineForm, { invoice: "F-1", date: "2024-03-01", product: "naturalGasHeating", volume: "20" });
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(lineForm.getByText("La ligne de la facture F-1 est ajoutée.")).toBeVisible();
  const lines = page.getByRole("table", { name: /Lignes de la demande/ });
  await expect(lines.getByRole("row", { name: /F-1/ })).toHaveCount(2);

  // Edit the gas line: rate and amount computed again (15,83 €/MWh in 2024).
  await page.getByRole("link", { name: "Modifier la ligne de la facture F-1 (Gaz naturel combustible, 01/03/2024)" }).click();
  const editForm = page.getByRole("form", { name: "Modifier la ligne" });
  await expect(editForm.getByLabel("Volume de carburant")).toHaveValue("20");
  await editForm.getByLabel("Volume de carburant").fill("30");
  await expect(editForm.locator("output")).toContainText("Taux : 15,83 € par MWh (calculé) — montant de la ligne : 474,90 €");
  await expectAccessible(page);
  await editForm.getByRole("button", { name: "Enregistrer la ligne" }).click();
  await expect(page.getByRole("status").filter({ hasText: "La ligne est modifiée" })).toBeVisible();
  await expect(lines.getByRole("row", { name: /Gaz naturel combustible/ })).toContainText("474,90 €");

  // CSV: the template has its header only; a file with an error imports nothing and says where.
  const template = await page.request.get("/remboursement-tic/modele-import");
  expect((await template.body()).toString("utf8")).toBe("\uFEFFnumero_facture;date_livraison;produit;volume;tarif_plein\r\n");
  const importForm = page.getByRole("form", { name: "Importer des lignes depuis un fichier CSV" });
  const header = "numero_facture;date_livraison;produit;volume;tarif_plein";
  await importForm.getByLabel("Fichier CSV des lignes").setInputFiles({
    name: "l.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\nF-3;10/05/2024;GNR;100;\nF-4;11/08/2024;GNR;2;non\n`),
  });
  await importForm.getByRole("button", { name: "Importer les lignes" }).click();
  await expect(importForm.getByRole("alert")).toContainText("Ligne 3, colonne « tarif_plein » : Depuis le 1er juillet 2024");
  await expect(lines.getByRole("row", { name: /F-3/ })).toHaveCount(0);
  await importForm.getByLabel("Fichier CSV des lignes").setInputFiles({
    name: "l.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}\nF-3;10/05/2024;GNR;100;\nF-4;11/08/2024;GNR;2;oui\n`),
  });
  await importForm.getByRole("button", { name: "Importer les lignes" }).click();
  await expect(importForm.getByRole("status")).toContainText("2 lignes importées");
  await expect(lines.getByRole("row", { name: /F-3|F-4/ })).toHaveCount(2);

  // 7 MB: past the 5 MB a document may weigh, answered next to the field, not by a server error.
  const big = Buffer.alloc(7 * 1024 * 1024, 0x20);
  big.write("%PDF-1.4");
  await page.getByLabel("Fichier de la facture F-3").setInputFiles({ name: "F-3.pdf", mimeType: "application/pdf", buffer: big });
  await page.getByRole("button", { name: "Joindre la facture F-3" }).click();
  await expect(page.getByLabel("Fichier de la facture F-3")).toHaveAccessibleDescription(/5 Mo/);

  // Several invoices at once, matched by the number in their file names; F-1's copy goes to both its lines.
  const batch = page.getByRole("form", { name: "Joindre plusieurs factures en une fois" });
  await batch.getByLabel("Fichiers des factures").setInputFiles([await pdf("F-1"), await pdf("scan F-3"), await pdf("F-4")]);
  await batch.getByRole("button", { name: "Joindre les factures" }).click();
  await expect(batch.getByRole("status")).toHaveText("3 factures jointes : F-1, F-3, F-4.");
  // One success notice at a time: the import's steps aside.
  await expect(importForm.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Facture F-/ })).toHaveCount(4);
  await expect(page.locator("summary").filter({ hasText: /^Remplacer$/ })).toHaveCount(4);
  await expectAccessible(page);
});

test("a member with « Consultation » only sees and downloads, never edits", async ({ browser }) => {
  const { product, date } = onTestDay(defaultLine, "No delivery with a sourced rate in the default year");
  const manager = await personSignedIn(browser, "tic-gestionnaire-c", { firstName: "Claire", lastName: "Durand" });
  const { structureId } = await structureWithTicSpace(manager);
  await createRequest(manager.page, null);
  const lineForm = lineFormOf(manager.page);
  await fillLine(lineForm, { invoice: "FA-100", date, product, volume: "10" });
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("FA-100"));
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(lineForm.getByText("La ligne de la facture FA-100 est ajoutée.")).toBeVisible();

  const viewer = await personSignedIn(browser, "tic-lecteur", { firstName: "Luc", lastName: "Bernard" });
  grantTicSubscription(viewer.email, structureId, { canView: true, canEdit: false });
  const page = viewer.page;
  await page.goto("/remboursement-tic");
  await expect(page.getByText("Consultation (voir et télécharger, sans modifier)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Saisir une demande de remboursement" })).toHaveCount(0);
  await page.getByRole("link", { name: `Demande ${DEFAULT_YEAR}` }).click();
  await expect(page.getByText("Vous avez le droit de consultation sur cet espace")).toBeVisible();
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: /Transmettre|Supprimer|Valider|Joindre|Remplacer|Importer|Enregistrer|Saisir/ }),
  ).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Modifier|Supprimer|Transmettre/ })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Facture FA-100", exact: true }).click(),
  ]);
  expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe("%PDF-");
});

test("without JavaScript: create a request and add a line with its invoice", async ({ browser }) => {
  const { product, date, rate } = onTestDay(defaultLine, "No delivery with a sourced rate in the default year");
  const manager = await personSignedIn(browser, "tic-sans-js", { firstName: "Claire", lastName: "Durand" });
  await structureWithTicSpace(manager);
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, manager.email);
  await createRequest(page, null);
  const lineForm = lineFormOf(page);
  // An error first: the server answers next to the field and keeps what was typed.
  await fillLine(lineForm, { invoice: "SJ-1", date, product, volume: "12,3456" });
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(lineForm.getByLabel("Volume de carburant")).toHaveAccessibleDescription(/au plus 3 décimales/);
  await expect(lineForm.getByLabel("Numéro de facture")).toHaveValue("SJ-1");
  await lineForm.getByLabel("Volume de carburant").fill("12,345");
  await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf("SJ-1"));
  await lineForm.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(page.getByRole("row", { name: /SJ-1/ })).toContainText(amountOf("12,345", rate.rateMilliEuros));
  await expect(page.getByRole("link", { name: "Facture SJ-1", exact: true })).toBeVisible();
});
