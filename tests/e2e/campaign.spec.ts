// Issue 21 in the browser: the invoice's units and the plausibility warning, the products offered
// for a year, the last days, the home page's list.
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { closingSentence, closingYears } from "@/lib/refunds/closing";
import { yearChoices } from "@/lib/refunds/years";
import { NO_2024, deadlines, fillLine, lineFormOf, onTestDay, pdf, rates, recordBankAccount } from "./refund-support";
import type { Visitor } from "../support/visitor";
import { expectAccessible, freeSiret, openTicSpace, personSignedIn, structureCreatedBy } from "./support";

async function structureWithTicSpace(manager: { page: Page; http: Visitor; email: string }) {
  const { siret, name } = freeSiret();
  const structureId = await structureCreatedBy(manager, siret);
  await openTicSpace(manager.page, structureId, "Exploitation de conchyliculture (cultures marines)");
  return { structureId, name };
}

/** The years the portfolio lists today (open years, with or without a rate). */
const openYears = (() => {
  const c = yearChoices(new Date(), deadlines, rates);
  return [...c.offered, ...c.withoutRate].map((y) => y.year);
})();

/** A year the server offers with natural gas for heating (2025 on the run's day, 2026-12-07). */
const gasYear =
  yearChoices(new Date(), deadlines, rates).offered.find(
    (c) => c.productsWithRate.includes("naturalGasHeating") && !c.productsWithRate.includes("gnr"),
  )?.year ?? null;

test("the home page says what to have at hand: SIRET, address, PACAGE, RIB and invoices", async ({ page }) => {
  await page.goto("/");
  const list = page.getByRole("list").filter({ hasText: "votre adresse électronique" });
  await expect(list).toContainText("numéro PACAGE");
  await expect(list).toContainText("RIB");
  await expect(list).toContainText("factures de carburant");
});

test("a line typed in the invoice's unit (kWh) is converted; 48 250 « MWh » is held back until confirmed; GNR is not offered without a rate", async ({
  browser,
}) => {
  onTestDay(gasYear, "No open year offers natural gas without GNR");
  const manager = await personSignedIn(browser, "unites", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  const { name } = await structureWithTicSpace(manager);
  await recordBankAccount(page, name);
  await page.goto("/remboursement-tic");
  const create = page.getByRole("form", { name: "Saisir une demande de remboursement" });
  await create
    .getByRole("group", { name: "Année de la demande" })
    .getByRole("radio", { name: new RegExp(`^${gasYear} `) })
    .check();
  await create.getByRole("button", { name: "Saisir la demande" }).click();
  await expect(page.getByRole("heading", { name: `Demande de remboursement TIC ${gasYear}` })).toBeVisible();

  const form = lineFormOf(page);
  const product = form.getByLabel("Type de carburant");
  // No dead end: a product without a sourced rate in that year is not offered, and the hint says what to do.
  await expect(product.locator("option", { hasText: "Gazole non routier" })).toHaveCount(0);
  await expect(product).toHaveAccessibleDescription(
    /Non proposés pour \d{4}, faute de taux sourcé : Gazole non routier.*Gardez la facture/,
  );

  await fillLine(form, { invoice: "GAZ-1", date: `${gasYear}-03-10`, product: "naturalGasHeating", volume: "48 250" });
  await form.getByLabel("Unité de la facture").selectOption("kWh");
  await expect(form.locator("output")).toContainText("48 250 kWh PCS = 48,25 MWh PCS — Taux");

  // The same figure in MWh (kWh on the bill): warned before saving, nothing written.
  await form.getByLabel("Unité de la facture").selectOption("MWh");
  await expect(form.locator("output")).toContainText("Vérifiez l'unité : 48 250 MWh PCS");
  await form.getByLabel("Copie de la facture").setInputFiles(await pdf("GAZ-1"));
  await form.getByRole("button", { name: "Valider et fermer" }).click();
  const confirm = form.getByLabel("Le volume et l'unité sont exacts : enregistrer la ligne quand même");
  await expect(confirm).toHaveAccessibleDescription(/Vérifiez l'unité : 48 250 MWh PCS, soit .*1 MWh = 1 000 kWh/);
  await expect(page.getByRole("heading", { name: /^Lignes \(0\)/ })).toBeVisible();
  await expectAccessible(page);

  // In the invoice's unit, the line is saved with its converted volume.
  await form.getByLabel("Unité de la facture").selectOption("kWh");
  await form.getByLabel("Copie de la facture").setInputFiles(await pdf("GAZ-1"));
  await form.getByRole("button", { name: "Valider et fermer" }).click();
  await expect(form.getByText("La ligne de la facture GAZ-1 est ajoutée.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Lignes \(1\)/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tableau des lignes de la demande" })).toContainText("48,25 MWh");

  // On a phone the unit stays readable beside the volume.
  await page.setViewportSize({ width: 360, height: 800 });
  const unit = form.getByLabel("Unité de la facture");
  await unit.scrollIntoViewIfNeeded();
  const box = (await unit.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(box.width).toBeGreaterThan(100);
});

test("the last days of a year are announced on « Accueil » and the space, from the deadlines data", async ({ browser }) => {
  const manager = await personSignedIn(browser, "derniers-jours", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  await structureWithTicSpace(manager);
  // The pages say exactly what the data says for the run's day, which has a year in its last days.
  const closing = closingYears(new Date(), yearChoices(new Date(), deadlines, rates));
  onTestDay(closing.length > 0, "No year in its last days");
  for (const path of ["/accueil", "/remboursement-tic"]) {
    await page.goto(path);
    const notice = page.getByRole("region", { name: "Derniers jours de dépôt" });
    for (const c of closing)
      await expect(notice).toContainText(
        closingSentence(c)
          .replace(/\(.*\)/, "")
          .trim()
          .replace(/\.$/, ""),
      );
  }
});

test("« Portefeuille » shows the 2024 balance under the total, and can show only the years in their last days", async ({ browser }) => {
  const centre = await personSignedIn(browser, "centre-fin", { firstName: "Hélène", lastName: "Comptable" });
  const centreId = await structureCreatedBy(centre, freeSiret().siret);
  const farmer = await personSignedIn(browser, "exploitant-fin", { firstName: "Paul", lastName: "Fermier" });
  const farm = freeSiret();
  const farmId = await structureCreatedBy(farmer, farm.siret);
  await openTicSpace(farmer.page, farmId, "Exploitation de conchyliculture (cultures marines)");
  // The mandate (its pages are tested in mandates.spec.ts) and a 2024 draft whose advance exceeds its lines.
  const db = new Database("data/e2e/portail-tic.db");
  try {
    const now = Date.now();
    const farmerId = (db.prepare("SELECT id FROM users WHERE login_email = ?").get(farmer.email) as { id: number }).id;
    db.prepare(
      "INSERT INTO mandates (farm_structure_id, agent_structure_id, can_edit, can_transmit, origin, status, requested_at, requested_by, decided_at, decided_by) VALUES (?, ?, 1, 0, 'given', 'active', ?, ?, ?, ?)",
    ).run(farmId, centreId, now, farmerId, now, farmerId);
    db.prepare(
      "INSERT INTO refund_requests (structure_id, year, status, advance_received, advance_cents, created_at, created_by, updated_at) VALUES (?, 2024, 'draft', 1, 80000, ?, ?, ?)",
    ).run(farmId, now, farmerId, now);
  } finally {
    db.close();
  }
  await farmer.page.context().close();

  const page = centre.page;
  await page.goto("/portefeuille?annee=2024");
  onTestDay(openYears.includes(2024), NO_2024);
  await expect(page.getByRole("row").filter({ hasText: farm.name })).toContainText("solde : trop-perçu 800,00 €");

  const closing = closingYears(new Date(), yearChoices(new Date(), deadlines, rates));
  onTestDay(closing.length > 0, "No year in its last days");
  await page.goto("/portefeuille");
  const only = page.getByLabel(/Seulement les années dont le dépôt se termine dans les 60 jours/);
  await only.check();
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/fin=1/);
  await expect(page.locator("td[data-label='Année']").first()).toBeVisible();
  const shown = (await page.locator("td[data-label='Année']").allInnerTexts()).map((y) => Number(y.trim()));
  expect(shown.sort()).toEqual(
    closing
      .map((c) => c.year)
      .filter((y) => openYears.includes(y))
      .sort(),
  );
  await expectAccessible(page);
});
