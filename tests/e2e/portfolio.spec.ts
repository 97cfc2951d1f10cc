import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test, type Browser } from "@playwright/test";
import { readDeadlinesFile, readRatesFile } from "@/lib/refunds/rates-file";
import { yearChoices } from "@/lib/refunds/years";
import { expectAccessible, freeSiret, personSignedIn, queryOne, squeezedWords, structureCreatedBy, tabTo } from "./support";

/** The year the server offers by default today, from the shipped data (db/rates/). */
const YEAR = (() => {
  const rates = readRatesFile(readFileSync("db/rates/taux-remboursement.csv", "utf8"));
  const deadlines = readDeadlinesFile(readFileSync("db/rates/delais-depot.csv", "utf8"));
  if (!rates.ok || !deadlines.ok) throw new Error("rates");
  return yearChoices(new Date(), deadlines.rows, rates.rows).defaultYear!;
})();

/**
 * Test fixture written straight into the e2e database: the farm's TIC space is open and it gave
 * the centre a mandate (the mandate pages are tested elsewhere). Optionally a draft for YEAR.
 */
function clientFarm(farmId: number, centreId: number, farmerEmail: string, options: { canEdit: boolean; draft?: boolean }): number | null {
  const db = new Database("data/e2e/portail-tic.db");
  try {
    return db.transaction(() => {
      const now = Date.now();
      const farmer = (db.prepare("SELECT id FROM users WHERE login_email = ?").get(farmerEmail) as { id: number }).id;
      db.prepare(
        "INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by) VALUES (?, 'ticRefund', 1, 1, '031123456', 'company', ?, ?)",
      ).run(farmId, now, farmer);
      db.prepare(
        `INSERT INTO mandates (farm_structure_id, agent_structure_id, can_edit, can_transmit, end_date, origin, status, requested_at, requested_by, decided_at, decided_by)
         VALUES (?, ?, ?, 0, NULL, 'given', 'active', ?, ?, ?, ?)`,
      ).run(farmId, centreId, options.canEdit ? 1 : 0, now, farmer, now, farmer);
      if (!options.draft) return null;
      const request = db
        .prepare(
          "INSERT INTO refund_requests (structure_id, year, status, pacage, beneficiary_category, created_at, created_by, updated_at) VALUES (?, ?, 'draft', '031123456', 'company', ?, ?, ?)",
        )
        .run(farmId, YEAR, now, farmer, now);
      db.prepare("INSERT INTO refund_status_events (request_id, status, at, actor_user_id) VALUES (?, 'draft', ?, ?)").run(
        request.lastInsertRowid,
        now,
        farmer,
      );
      return Number(request.lastInsertRowid);
    })();
  } finally {
    db.close();
  }
}

/** The words of a name that the other does not contain (case and accents ignored, as the search does). */
function wordsOnlyIn(name: string, other: string): string[] {
  const fold = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase();
  return name.split(" ").filter((word) => !fold(other).includes(fold(word)));
}

/** A centre de gestion and its user; one farmer whose two farms gave it a mandate: A has a draft, B none. */
async function centreWithClients(browser: Browser) {
  const centre = await personSignedIn(browser, "centre", { firstName: "Hélène", lastName: "Comptable" });
  const centreId = await structureCreatedBy(centre, freeSiret().siret);
  const farmer = await personSignedIn(browser, "exploitant", { firstName: "Paul", lastName: "Fermier" });
  const a = freeSiret();
  const farmA = await structureCreatedBy(farmer, a.siret);
  // The sample repeats names (three « GAEC DE LA VALLÉE »): B has a word of its own, so a search can tell them apart.
  let b = freeSiret();
  while (wordsOnlyIn(b.name, a.name).length === 0) b = freeSiret();
  const farmB = await structureCreatedBy(farmer, b.siret);
  const requestA = clientFarm(farmA, centreId, farmer.email, { canEdit: true, draft: true })!;
  clientFarm(farmB, centreId, farmer.email, { canEdit: true });
  await farmer.page.context().close();
  const nameOf = (id: number) => queryOne<{ name: string }>("SELECT name FROM structures WHERE id = ?", id)!.name;
  return { page: centre.page, email: centre.email, farmA, farmB, nameA: nameOf(farmA), nameB: nameOf(farmB), requestA };
}

const currentStructureOf = (email: string) =>
  queryOne<{ id: number }>(
    "SELECT p.current_structure_id AS id FROM user_preferences p JOIN users u ON u.id = p.user_id WHERE u.login_email = ?",
    email,
  )?.id;

test("the centre's user filters the portfolio, then opens a client's request in one click", async ({ browser }) => {
  const world = await centreWithClients(browser);
  const { page } = world;
  // The menu is built from the rights on each request: « Portefeuille » once the mandates exist.
  await page.goto("/accueil");
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Portefeuille" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portefeuille" })).toBeVisible();
  const table = page.getByRole("table", { name: /Portefeuille/ });
  await expect(table.getByRole("rowheader", { name: world.nameB, exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  // On a phone the rows become cards: nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Only the drafts of that year: farm A's.
  await page.getByLabel("Année", { exact: true }).selectOption(String(YEAR));
  await page.getByLabel("Statut", { exact: true }).selectOption({ label: "Brouillon" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(new RegExp(`annee=${YEAR}.*statut=draft`));
  await expect(table.getByRole("rowheader")).toHaveText([world.nameA]);
  await expect(table.getByRole("cell", { name: /Références bancaires/ })).toBeVisible();

  await page.getByRole("button", { name: `Ouvrir la demande ${YEAR} de ${world.nameA}` }).click();
  await expect(page).toHaveURL(new RegExp(`/remboursement-tic/demandes/${world.requestA}$`));
  expect(currentStructureOf(world.email)).toBe(world.farmA);
});

test("keyboard only: « Créer la demande » of a farm without one, in one press", async ({ browser }) => {
  const world = await centreWithClients(browser);
  const { page } = world;
  await page.goto(`/portefeuille?statut=none&annee=${YEAR}`);
  const table = page.getByRole("table", { name: /Portefeuille/ });
  await expect(table.getByRole("rowheader")).toHaveText([world.nameB]);
  const create = page.getByRole("button", { name: `Créer la demande ${YEAR} de ${world.nameB}` });
  await tabTo(page, create);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/remboursement-tic\/demandes\/\d+$/);
  const created = queryOne<{ id: number; created_by: number }>(
    "SELECT id, created_by FROM refund_requests WHERE structure_id = ? AND year = ?",
    world.farmB,
    YEAR,
  );
  expect(page.url()).toContain(`/remboursement-tic/demandes/${created!.id}`);
  expect(currentStructureOf(world.email)).toBe(world.farmB);
});

test("without JavaScript: the filters (GET) and « Ouvrir la demande » (POST) work", async ({ browser }) => {
  const world = await centreWithClients(browser);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await world.page.context().cookies());
  const page = await context.newPage();
  await page.goto("/portefeuille");
  await page.getByLabel("Élément manquant avant transmission").selectOption({ label: "Références bancaires" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/manque=bank/);
  await expect(page.getByRole("table", { name: /Portefeuille/ }).getByRole("rowheader")).toHaveText([world.nameA]);
  await page.getByRole("button", { name: `Ouvrir la demande ${YEAR} de ${world.nameA}` }).click();
  await expect(page).toHaveURL(new RegExp(`/remboursement-tic/demandes/${world.requestA}$`));
  expect(currentStructureOf(world.email)).toBe(world.farmA);
});

test("search by name, SIRET or PACAGE, keyboard only; no word squeezed at 1366 or 360 px (issue 21, points 8 and 10)", async ({
  browser,
}) => {
  const world = await centreWithClients(browser);
  const { page } = world;
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto("/portefeuille");
  const table = page.getByRole("table", { name: /Portefeuille/ });
  await expect(table.getByRole("rowheader", { name: world.nameA, exact: true }).first()).toBeVisible();
  expect(await squeezedWords(page)).toEqual([]);

  // Part of the name, in lower case, then Enter.
  const search = page.getByRole("searchbox", { name: "Rechercher une exploitation" });
  await tabTo(page, search);
  const word = wordsOnlyIn(world.nameB, world.nameA).sort((x, y) => y.length - x.length)[0]!;
  await page.keyboard.type(word.toLowerCase());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/recherche=/);
  await expect(table.getByRole("rowheader").first()).toHaveText(world.nameB);
  await expect(table.getByRole("rowheader", { name: world.nameA, exact: true })).toHaveCount(0);
  await expect(search).toHaveValue(word.toLowerCase());
  await expectAccessible(page);

  // The SIRET as the portal shows it, with its spaces.
  const siretA = queryOne<{ siret: string }>("SELECT siret FROM structures WHERE id = ?", world.farmA)!.siret;
  await search.fill(`${siretA.slice(0, 3)} ${siretA.slice(3, 6)} ${siretA.slice(6, 9)} ${siretA.slice(9)}`);
  await search.press("Enter");
  await expect(table.getByRole("rowheader").first()).toHaveText(world.nameA);
  await expect(table.getByRole("rowheader", { name: world.nameB, exact: true })).toHaveCount(0);

  // The PACAGE (both farms share 031123456 in this fixture; B gets its own).
  const db = new Database("data/e2e/portail-tic.db");
  db.prepare("UPDATE spaces SET pacage = '097655555' WHERE structure_id = ?").run(world.farmB);
  db.close();
  await search.fill("097655555");
  await search.press("Enter");
  await expect(table.getByRole("rowheader").first()).toHaveText(world.nameB);
  await expect(table.getByRole("rowheader", { name: world.nameA, exact: true })).toHaveCount(0);

  // Nothing found: said in words.
  await search.fill("zzz introuvable");
  await search.press("Enter");
  await expect(
    page.getByRole("status").filter({ hasText: "Aucune exploitation cliente ne correspond à « zzz introuvable »" }),
  ).toBeVisible();

  // On a phone, the found farm's card reads whole words.
  await page.goto("/portefeuille?recherche=097655555");
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(table.getByRole("rowheader").first()).toHaveText(world.nameB);
  expect(await squeezedWords(page)).toEqual([]);
});
