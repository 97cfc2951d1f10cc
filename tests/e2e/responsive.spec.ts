import { expect, test, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { busyManagerIn, type BusyManager } from "../support/busy-manager-fixture";
import { lastYear } from "../support/test-rates.mjs";
import { PASSWORD, expectAccessible, freeSiret, queryOne, signIn, squeezedWords, uniqueEmail } from "./support";

/**
 * Every route at a phone's width (360 px) and a desktop's (1280 px): the page never scrolls
 * sideways, no visible control lies outside the screen, no word of 8 characters or more is cut
 * into pieces of fewer than 6 a line, axe finds nothing, and the footer leads to help, contact,
 * legal notice and privacy from every page.
 */

const SIZES = [
  { name: "360 px", width: 360, height: 740 },
  { name: "1280 px", width: 1280, height: 800 },
] as const;

const SIGNED_OUT = [
  "/",
  "/inscription",
  "/inscription/confirmation",
  "/connexion",
  "/mot-de-passe-oublie",
  "/mot-de-passe-oublie/lien-inconnu",
  "/activation/renvoyer",
  "/activation/lien-inconnu",
  "/invitation-mandat/lien-inconnu",
  "/conditions-generales",
  "/accessibilite",
  "/aide",
  "/contact",
  "/mentions-legales",
  "/donnees-personnelles",
  "/page-inexistante",
];

const signedIn = (m: BusyManager, other: string) => [
  "/accueil",
  "/mon-compte",
  "/mon-compte/abonnements/nouveau",
  "/structures/rattachement",
  `/structures/rattachement?identifiant=${m.siret}&type=siret`,
  `/structures/rattachement?identifiant=${other}&type=siret`,
  `/structures/nouvelle?siret=${other}`,
  `/structures/nouvelle/validation?siret=${other}`,
  "/gestionnaire",
  "/gestionnaire?rattachements=2",
  `/gestionnaire/structures/${m.structureId}`,
  `/structures/contestation?structure=${m.structureId}`,
  "/portefeuille",
  "/portefeuille?recherche=introuvable",
  "/portefeuille/import",
  "/portefeuille/factures",
  "/portefeuille/transmettre",
  "/mandats",
  "/mandats/nouveau",
  "/mandats/import",
  "/aide",
];

/** How many parts of 4 pages the signed-in sweep has (the list's length does not depend on the fixture). */
const SIGNED_IN_PARTS = Math.ceil(signedIn({ loginEmail: "", structureId: 0, requestId: 0, siret: "" }, "").length / 4);

// The refund space's pages, in a test of their own: the request of 20 lines, one of its lines, the
// confirmation before transmitting, the confirmation before deleting the draft.
const refundPages = (m: BusyManager) => {
  const line = queryOne<{ id: number }>("SELECT min(id) AS id FROM refund_lines WHERE request_id = ?", m.requestId)!.id;
  const request = `/remboursement-tic/demandes/${m.requestId}`;
  return ["/remboursement-tic", request, `${request}/lignes/${line}`, `${request}/transmettre`, `${request}/supprimer`];
};

const FOOTER = ["/aide", "/contact", "/mentions-legales", "/donnees-personnelles", "/accessibilite"];

/**
 * What sticks out: the page's own sideways scroll, visible controls beyond the screen's edges, and
 * buttons, menus and lists of links smaller than a fingertip (44 × 44 px, WCAG 2.5.5).
 */
async function overflowOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`la page défile horizontalement (${root.scrollWidth} > ${root.clientWidth} px)`);
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]",
    );
    for (const element of controls) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === "hidden") continue;
      // Hidden from everyone on purpose (the sign-up honeypot): neither seen, nor announced, nor tabbable.
      if (element.closest('[aria-hidden="true"]') && element.tabIndex < 0) continue;
      // Inside a labelled scroll region (TableRegion) a control is reached by scrolling that region: the region must fit.
      const region = element.parentElement?.closest<HTMLElement>('[role="region"][tabindex="0"]');
      const target = region ?? element;
      const frame = target.getBoundingClientRect();
      if (frame.left < -1 || frame.right > root.clientWidth + 1) {
        const name = (element.getAttribute("aria-label") ?? element.textContent ?? element.tagName).trim().slice(0, 60);
        problems.push(`« ${name} » sort de l'écran (${Math.round(frame.left)}–${Math.round(frame.right)} px)`);
      }
      if (element.matches("button, summary, select, nav a") && (box.height < 43.5 || box.width < 43.5)) {
        const name = (element.getAttribute("aria-label") ?? element.textContent ?? element.tagName).trim().slice(0, 60);
        problems.push(`« ${name} » est trop petit pour le doigt (${Math.round(box.width)} × ${Math.round(box.height)} px)`);
      }
    }
    return problems;
  });
}

async function sweep(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(500);
    for (const problem of [...(await overflowOf(page)), ...(await squeezedWords(page))]) found.push(`${path} : ${problem}`);
    const footer = page.getByRole("navigation", { name: "Pied de page" });
    for (const href of FOOTER) await expect(footer.locator(`a[href="${href}"]`), `${path} → ${href}`).toBeVisible();
    await expectAccessible(page);
  }
  expect(found).toEqual([]);
}

let manager: BusyManager;
let other: string;
const STATE = "data/e2e/responsive-manager.json";

// One page per size and state, reused by the tests below (they run in order, in one worker).
const pages = new Map<string, Page>();
async function pageFor(browser: Browser, size: (typeof SIZES)[number], signedInState: boolean): Promise<Page> {
  const key = `${size.width}-${signedInState}`;
  let page = pages.get(key);
  if (!page) {
    const context = await browser.newContext({
      storageState: signedInState ? STATE : undefined,
      viewport: { width: size.width, height: size.height },
    });
    page = await context.newPage();
    pages.set(key, page);
  }
  return page;
}

/** Short lists, so that each test stays well within its time on a slow machine. */
function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

test.describe("every page fits from 360 px to desktop", () => {
  // In order, in one worker: the fixture, the signed-in state and the pages are built once.
  test.describe.configure({ mode: "default" });

  test.beforeAll(async ({ browser }) => {
    const { siret, name } = freeSiret();
    other = freeSiret().siret;
    const loginEmail = uniqueEmail("gestionnaire-occupee");
    // 60 people waiting (two pages of 50) and a draft request of 20 lines.
    manager = await busyManagerIn("data/e2e/portail-tic.db", {
      loginEmail,
      password: PASSWORD,
      siret,
      name,
      year: lastYear(),
      pending: 60,
      lines: 20,
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, loginEmail);
    await expect(page).toHaveURL(/\/accueil$/);
    mkdirSync("data/e2e", { recursive: true });
    await context.storageState({ path: STATE });
    await context.close();
  });

  test.afterAll(async () => {
    for (const page of pages.values()) await page.context().close();
    pages.clear();
  });

  for (const size of SIZES) {
    chunks(SIGNED_OUT, 5).forEach((paths, index) => {
      test(`signed out, ${size.name}, part ${index + 1}`, async ({ browser }) => {
        await sweep(await pageFor(browser, size, false), paths);
      });
    });

    // Every part of the list (a fixed [0, 1, 2] once left its last pages, the portfolio and the mandates among them, unswept).
    Array.from({ length: SIGNED_IN_PARTS }, (_, index) => index).forEach((index) => {
      test(`signed in with data, ${size.name}, part ${index + 1}`, async ({ browser }) => {
        const page = await pageFor(browser, size, true);
        if (index === 0) {
          await page.goto("/gestionnaire");
          await expect(page.getByRole("heading", { name: "Demandes de rattachement en attente (60)" })).toBeVisible();
        }
        await sweep(page, chunks(signedIn(manager, other), 4)[index]!);
      });
    });

    test(`refund pages, ${size.name}`, async ({ browser }) => {
      const page = await pageFor(browser, size, true);
      await page.goto(`/remboursement-tic/demandes/${manager.requestId}`);
      await expect(page.getByText("FAC-").first()).toBeVisible();
      await sweep(page, refundPages(manager));
    });
  }

  test("the menu folds into a disclosure on a phone, and opens without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ storageState: STATE, viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/mon-compte");
    const menu = page.getByRole("navigation", { name: "Menu principal" });
    await expect(menu.getByRole("link", { name: "Activités du gestionnaire" })).toBeHidden();
    await menu.getByText("Menu", { exact: true }).click();
    await menu.getByRole("link", { name: "Activités du gestionnaire" }).click();
    await expect(page.getByRole("heading", { name: "Activités du gestionnaire", level: 1 })).toBeVisible();
    // « ✎ Modifier » can be tapped: a target of at least 44 × 44 px that nothing covers.
    const edit = page.getByRole("link", { name: /^Modifier la structure/ });
    const box = (await edit.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    await edit.click({ trial: true });
    await context.close();
  });

  test("from 48rem the same menu is always shown, each link once and reachable by keyboard", async ({ browser }) => {
    const context = await browser.newContext({ storageState: STATE, viewport: { width: 1024, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/mon-compte");
    const menu = page.getByRole("navigation", { name: "Menu principal" });
    await expect(menu.getByText("Menu", { exact: true })).toBeHidden();
    // One list for both widths (issue 23): each entry exists once, visible without opening anything.
    await expect(menu.getByRole("link")).toHaveCount(await menu.locator("a").count());
    await expect(menu.getByRole("link", { name: "Mon compte" })).toHaveCount(1);
    await expect(menu.getByRole("link", { name: "Mon compte" })).toHaveAttribute("aria-current", "page");
    await menu.getByRole("link", { name: "Accueil" }).focus();
    await page.keyboard.press("Tab");
    await expect(menu.getByRole("link", { name: "Mon compte" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Mon compte", level: 1 })).toBeVisible();
    await context.close();
  });

  // Last: it closes the manager's TIC space.
  test("closing a space asks for confirmation first", async ({ browser }) => {
    const page = await pageFor(browser, SIZES[0], true);
    await page.goto(`/gestionnaire/structures/${manager.structureId}`);
    // A <summary>: screen readers announce it as a button with its expanded state; Playwright's roles do not model it.
    const close = page.locator("summary", { hasText: "Fermer l'espace" });
    const confirm = page.getByRole("button", { name: "Confirmer : Fermer l'espace « Demande de remboursement TIC »" });
    await expect(confirm).toBeHidden();
    await close.click();
    await expect(page.getByText("Les personnes abonnées n'auront plus accès à cet espace.")).toBeVisible();
    expect(await overflowOf(page)).toEqual([]);
    await expectAccessible(page);
    await close.click(); // changing one's mind: the disclosure closes, nothing happened
    await expect(confirm).toBeHidden();
    await page.reload();
    await expect(close).toBeVisible();
    await close.click();
    await confirm.click();
    await expect(page.getByText(/est fermé/).first()).toBeVisible();
    await expect(close).toHaveCount(0);
  });
});
