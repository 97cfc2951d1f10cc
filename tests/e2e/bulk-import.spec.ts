import { formatSiret } from "@/lib/identifiers";
import { readFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import Database from "better-sqlite3";
import { findRate } from "@/lib/refunds/rate-table";
import { PRODUCT_CODES } from "@/lib/refunds/line-rules";
import { readDeadlinesFile, readRatesFile } from "@/lib/refunds/rates-file";
import { yearChoices } from "@/lib/refunds/years";
import { onTestDay } from "./refund-support";
import { expectAccessible, freeSiret, openTicSpace, personSignedIn, queryOne, structureCreatedBy, tabTo } from "./support";

/** A delivery that the shipped data can refund on the run's day (an open year, a sourced rate). */
const delivery = (() => {
  const rates = readRatesFile(readFileSync("db/rates/taux-remboursement.csv", "utf8"));
  const deadlines = readDeadlinesFile(readFileSync("db/rates/delais-depot.csv", "utf8"));
  if (!rates.ok || !deadlines.ok) throw new Error("db/rates illisible");
  for (const choice of yearChoices(new Date(), deadlines.rows, rates.rows).offered.reverse()) {
    for (const product of choice.productsWithRate) {
      const date = `${choice.year}-03-15`;
      if (findRate(rates.rows, product, date)) return { code: PRODUCT_CODES[product], day: `15/03/${choice.year}`, year: choice.year };
    }
  }
  return null;
})();

/** Test fixture: the farm gives the centre a mandate « Modification », in force today (the mandate pages are tested on their own). */
function mandateInForce(farmStructureId: number, centreStructureId: number) {
  const db = new Database("data/e2e/portail-tic.db");
  try {
    const managerId = (db.prepare("SELECT main_manager_id AS id FROM structures WHERE id = ?").get(farmStructureId) as { id: number }).id;
    const now = Date.now();
    db.prepare(
      `INSERT INTO mandates (farm_structure_id, agent_structure_id, can_edit, can_transmit, end_date, origin, status, requested_at, requested_by, decided_at, decided_by)
       VALUES (?, ?, 1, 0, NULL, 'given', 'active', ?, ?, ?, ?)`,
    ).run(farmStructureId, centreStructureId, now, managerId, now, managerId);
    db.prepare("UPDATE structures SET is_management_centre = 1 WHERE id = ?").run(centreStructureId);
  } finally {
    db.close();
  }
}

const csvFile = (text: string) => ({ name: "portefeuille.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

/** A farm's gestionnaire principal with `count` farms, each with its TIC space open, given in mandate to a new centre de gestion. */
async function centreWithClientFarms(browser: Browser, count: number) {
  const farmer = await personSignedIn(browser, "exploitant-portefeuille", { firstName: "Paul", lastName: "Martin" });
  const farms: { id: number; siret: string; name: string }[] = [];
  for (let i = 0; i < count; i++) {
    const { siret, name } = freeSiret();
    const id = await structureCreatedBy(farmer, siret);
    await openTicSpace(farmer.page, id);
    farms.push({ id, siret, name });
  }
  await farmer.page.context().close();
  const centre = await personSignedIn(browser, "centre-gestion", { firstName: "Inès", lastName: "Roux" });
  const centreId = await structureCreatedBy(centre, freeSiret("69%").siret);
  for (const farm of farms) mandateInForce(farm.id, centreId);
  const written = (table: "refund_requests" | "refund_lines") =>
    queryOne<{ n: number }>(
      table === "refund_requests"
        ? `SELECT count(*) AS n FROM refund_requests WHERE structure_id IN (${farms.map((f) => f.id).join(",")})`
        : `SELECT count(*) AS n FROM refund_lines l JOIN refund_requests r ON r.id = l.request_id WHERE r.structure_id IN (${farms.map((f) => f.id).join(",")})`,
    )!.n;
  return { page: centre.page, farms, written };
}

const HEADER = "siret;numero_facture;date_livraison;produit;volume;tarif_plein";
const FILE_LABEL = "Fichier CSV des lignes de vos exploitations";
const escaped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

test("a centre de gestion imports one file for three client farms: errors by row and column and nothing written, then the corrected file", async ({
  browser,
}) => {
  const { code, day } = onTestDay(delivery, "No open year with a sourced rate");
  const { page, farms, written } = await centreWithClientFarms(browser, 3);
  await page.goto("/portefeuille/import");
  await expect(page.getByRole("heading", { name: "Importer des lignes pour plusieurs exploitations" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Retour au portefeuille" })).toHaveAttribute("href", "/portefeuille");
  await expectAccessible(page);

  const rows = farms.map((farm, i) => `${farm.siret};P-${i};${day};${code};${10 + i};`);
  await page.getByLabel(FILE_LABEL).setInputFiles(csvFile(`${HEADER}\n${rows.join("\n")}\n${farms[2]!.siret};P-9;${day};${code};-4;\n`));
  // Keyboard only: to « Importer le fichier », Enter.
  await tabTo(page, page.getByRole("button", { name: "Importer le fichier" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("[role=alert]", { hasText: "Rien n'a été importé : le fichier contient 1 erreur." })).toBeFocused();
  const errors = page.getByRole("table", { name: /Erreurs du fichier/ });
  await expect(errors.getByRole("row")).toHaveCount(2);
  await expect(errors.getByRole("row").nth(1)).toHaveText(/^5\s*«\s*volume\s*»\s*Le volume est un nombre positif/);
  await expect(page.getByLabel(FILE_LABEL)).toHaveAccessibleDescription(/Corrigez l'erreur indiquée ci-dessus/);
  expect(written("refund_requests")).toBe(0);
  await expectAccessible(page);

  await page.getByLabel(FILE_LABEL).setInputFiles(csvFile(`${HEADER}\n${rows.join("\n")}\n`));
  await page.getByRole("button", { name: "Importer le fichier" }).click();
  await expect(page.getByRole("status")).toHaveText(/^3 lignes importées pour 3 exploitations/);
  const result = page.getByRole("table", { name: "Lignes ajoutées à chaque exploitation, par année de la demande" });
  // By name and SIRET: two farms of the shared e2e database may bear the same name.
  for (const farm of farms)
    await expect(result.getByRole("row", { name: escaped(farm.name) }).filter({ hasText: formatSiret(farm.siret) })).toContainText("Créée");
  expect([written("refund_requests"), written("refund_lines")]).toEqual([3, 3]);
  await expectAccessible(page);
});

test("without JavaScript: the import across farms is a plain form answered by the server", async ({ browser }) => {
  const { code, day } = onTestDay(delivery, "No open year with a sourced rate");
  const { page, farms, written } = await centreWithClientFarms(browser, 1);
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.context().addCookies(await page.context().cookies());
  await plain.goto("/portefeuille/import");
  await plain
    .getByLabel(FILE_LABEL)
    .setInputFiles(csvFile(`${HEADER}\n${farms[0]!.siret};S-1;${day};${code};5;\n${farms[0]!.siret};S-2;${day};XX;5;\n`));
  await plain.getByRole("button", { name: "Importer le fichier" }).click();
  await expect(
    plain
      .getByRole("table", { name: /Erreurs du fichier/ })
      .getByRole("row")
      .nth(1),
  ).toHaveText(/^3\s*«\s*produit\s*»\s*Produit inconnu/);
  await plain.getByLabel(FILE_LABEL).setInputFiles(csvFile(`${HEADER}\n${farms[0]!.siret};S-1;${day};${code};5;\n`));
  await plain.getByRole("button", { name: "Importer le fichier" }).click();
  await expect(plain.getByRole("row", { name: escaped(farms[0]!.name) })).toContainText("Créée");
  expect(written("refund_lines")).toBe(1);
});

test("the template of the import across farms is its header alone", async ({ request }) => {
  const response = await request.get("/portefeuille/modele-import");
  expect(response.headers()["content-disposition"]).toContain("modele-lignes-tic-exploitations.csv");
  expect(await response.text()).toBe("\uFEFFsiret;numero_facture;date_livraison;produit;volume;tarif_plein;attestation\r\n");
});
