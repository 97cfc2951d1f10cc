import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { E2E_PORT, E2E_SERVER_ENV, STUB_PORT } from "../../playwright.config";
import { grantTicSubscriptionIn } from "../support/membership-fixture";
import * as overHttp from "../support/people";
import { pdfText } from "../support/refund-files";
import type { Visitor } from "../support/visitor";

const STUB = `http://127.0.0.1:${STUB_PORT}`;
const BASE = `http://127.0.0.1:${E2E_PORT}`;
// The same person over HTTP and in the browser: one password, one secret answer.
export const PASSWORD = overHttp.PASSWORD;
export const ANSWER = overHttp.SECRET_ANSWER;

type StubMail = { to: string[]; subject: string; html: string; text: string };

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter++;
  return `${prefix}.${process.pid}.${counter}.${Date.now()}@exemple.fr`;
}

/** The mails the Resend stub accepted for this address, oldest first. */
export async function mailsTo(address: string): Promise<StubMail[]> {
  const response = await fetch(`${STUB}/__test/emails?to=${encodeURIComponent(address)}`);
  return (await response.json()) as StubMail[];
}

/** Waits for the n-th mail with this subject and returns the link it carries to `path`. */
export async function linkFromMail(address: string, subject: string, path: string, nth = 1): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await mailsTo(address)).filter((mail) => mail.subject.includes(subject));
        const mail = mails[nth - 1];
        link = mail?.text.match(new RegExp(`https?://[^\\s\\]]+${path}[^\\s\\])]*`))?.[0];
        return link;
      },
      { message: `courriel « ${subject} » n° ${nth} pour ${address}`, intervals: [25, 50, 100, 250] },
    )
    .toBeTruthy();
  return link!;
}

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The shapes of page already checked by this worker: see expectAccessible. */
const checkedShapes = new Set<string>();

/**
 * No WCAG 2.1 A/AA violation on the page as it is now. axe runs once per distinct page: the same
 * route (ids aside) with the same elements, roles, states and attributes again is the same page,
 * whatever its text, and is not analysed twice by a worker. Any change of structure (an error
 * shown, a row added, a field disabled) makes it a new page. Legacy mode runs axe in the page
 * itself: the default mode opens and closes a blank page per analysis to merge frame results,
 * which our pages (no iframes) do not need.
 */
export async function expectAccessible(page: Page) {
  // After a client-side navigation, Next streams the <title> after the content: wait for it.
  await expect(page).toHaveTitle(/Portail TIC/);
  const shape = await page.evaluate(() => {
    const parts: string[] = [location.pathname.replace(/\/\d+(?=\/|$)/g, "/:id").replace(/\/[A-Za-z0-9_-]{40,}$/, "/:token")];
    for (const element of document.body.querySelectorAll("*")) {
      const attributes = [...element.attributes]
        .filter((a) => !["value", "nonce", "style", "href", "action", "data-precedence"].includes(a.name) && !a.name.startsWith("data-rh"))
        .map((a) =>
          a.name.startsWith("aria-") ||
          ["role", "type", "disabled", "hidden", "class", "lang", "tabindex", "for", "id", "name", "alt"].includes(a.name)
            ? `${a.name}=${a.value}`
            : a.name,
        );
      const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== "");
      parts.push(`${element.tagName}${hasText ? "+" : ""}[${attributes.join(",")}]`);
    }
    return parts.join("|");
  });
  if (checkedShapes.has(shape)) return;
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode(true).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  checkedShapes.add(shape);
}

export type Person = { firstName: string; lastName: string };
const CLAIRE: Person = { firstName: "Claire", lastName: "Durand" };

export async function fillSignUp(page: Page, loginEmail: string, person: Person = CLAIRE) {
  await page.getByLabel("Adresse électronique de connexion").fill(loginEmail);
  await page.getByLabel("Nom", { exact: true }).fill(person.lastName);
  await page.getByLabel("Prénom").fill(person.firstName);
  await page.getByLabel("Téléphone").fill("05 61 12 34 56");
  await page.getByLabel("N° de SIRET de l'entreprise").fill("732 829 320 00074");
  await page.getByLabel("Numéro et voie").fill("3 route de Lavaur");
  await page.getByLabel("Code postal").fill("31500");
  await page.getByLabel("Commune").fill("Toulouse");
  await page.getByLabel(/J'ai lu et j'accepte/).check();
}

export async function activate(page: Page, link: string, password = PASSWORD) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Activer votre compte" })).toBeVisible();
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Confirmation du mot de passe").fill(password);
  await page.getByLabel("Question secrète", { exact: true }).selectOption(overHttp.SECRET_QUESTION);
  await page.getByLabel("Réponse à la question secrète").fill(ANSWER);
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page.getByText("Votre compte utilisateur est désormais actif.")).toBeVisible();
}

/** Signs up and activates through the UI; returns the login address. */
export async function createActiveAccount(page: Page, prefix: string, person: Person = CLAIRE): Promise<string> {
  const loginEmail = uniqueEmail(prefix);
  await page.goto("/inscription");
  await fillSignUp(page, loginEmail, person);
  await page.getByRole("button", { name: "Finaliser l'inscription" }).click();
  await expect(page.getByRole("heading", { name: "Consultez votre messagerie" })).toBeVisible();
  await activate(page, await linkFromMail(loginEmail, "Activez votre compte", "/activation/"));
  return loginEmail;
}

export async function signIn(page: Page, loginEmail: string, password = PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique de connexion").fill(loginEmail);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/**
 * An active establishment of the bundled SIRENE sample that no structure uses yet, picked at
 * random so that parallel workers and retries do not collide.
 */
export function freeSiret(naf = "01%"): { siret: string; name: string } {
  const db = new Database("data/e2e/portail-tic.db", { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT e.siret, u.name FROM directory_establishments e JOIN directory_legal_units u USING (siren)
         WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE ? AND u.name IS NOT NULL
           AND e.siret NOT IN (SELECT siret FROM structures) AND e.siret <> '73282932000074'`,
      )
      .all(naf) as { siret: string; name: string }[];
    return rows[randomInt(rows.length)]!;
  } finally {
    db.close();
  }
}

export function siretOf(name: string): string {
  const db = new Database("data/e2e/portail-tic.db", { readonly: true });
  try {
    return (
      db
        .prepare("SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren) WHERE u.name = ?")
        .get(name) as { siret: string }
    ).siret;
  } finally {
    db.close();
  }
}

/** Test-side access to the e2e database, to age a link without waiting an hour. */
export function expireLinksOf(loginEmail: string) {
  const db = new Database("data/e2e/portail-tic.db");
  try {
    db.prepare("UPDATE mail_tokens SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE login_email = ?)").run(
      Date.now() - 1000,
      loginEmail,
    );
  } finally {
    db.close();
  }
}

/**
 * Presses Tab until `target` has the focus: proves it is reachable with the keyboard alone. The
 * page counts the tab stops between the focus and the target, and that many real Tab presses are
 * sent at once (identical keys: their order cannot matter) instead of one browser round trip each;
 * the focus is then checked, and counted again if the real order differed, so a target out of the
 * tab order still fails.
 */
export async function tabTo(page: Page, target: import("@playwright/test").Locator, maxPresses = 60) {
  let pressed = 0;
  while (pressed <= maxPresses) {
    const distance = await target.evaluate((element) => {
      if (element === document.activeElement) return 0;
      const stops = [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex]")].filter(
        (e) => {
          if (
            e.tabIndex < 0 ||
            (e as HTMLButtonElement).disabled ||
            (e instanceof HTMLInputElement && e.type === "hidden") ||
            e.getClientRects().length === 0
          )
            return false;
          // A radio group is one stop: its checked radio, or its first when none is checked.
          if (e instanceof HTMLInputElement && e.type === "radio" && e.name) {
            const group = [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(e.name)}"]`)].filter(
              (r) => r.form === e.form,
            );
            return e === (group.find((r) => r.checked) ?? group[0]) || e === document.activeElement || e === element;
          }
          return true;
        },
      );
      const from = document.activeElement ? stops.indexOf(document.activeElement as HTMLElement) : -1;
      const to = stops.indexOf(element as HTMLElement);
      if (to === -1) return 1; // not a tab stop as counted here: one key at a time
      return to - from;
    });
    if (distance === 0) return;
    const presses = Math.min(Math.abs(distance), maxPresses + 1 - pressed);
    // Past the target (the real order differed from the count): back with Shift+Tab.
    await Promise.all(Array.from({ length: presses }, () => page.keyboard.press(distance > 0 ? "Tab" : "Shift+Tab")));
    pressed += presses;
  }
  throw new Error(`Élément non atteint au clavier en ${maxPresses} tabulations`);
}

/** The mails of an address, as the server's Resend stub received them. */
const stubMailbox: overHttp.Mailbox = (address) => mailsTo(address);

/**
 * An active account built over HTTP through the real forms (sign-up, activation mail, activation),
 * without a browser: for tests whose subject comes after the onboarding (account.spec.ts walks it
 * in the browser). Returns the login address.
 */
export async function activeAccount(prefix: string, person: Person = CLAIRE): Promise<string> {
  const loginEmail = uniqueEmail(prefix);
  await overHttp.activeAccount(BASE, stubMailbox, loginEmail, { firstName: person.firstName, lastName: person.lastName });
  return loginEmail;
}

/**
 * A person with an active account, signed in over HTTP, in a browser context of their own that
 * holds the session cookie, on « Accueil ». `http` acts as that person without the browser.
 */
export async function personSignedIn(
  browser: import("@playwright/test").Browser,
  prefix: string,
  person: Person,
): Promise<{ page: Page; email: string; http: Visitor }> {
  const email = uniqueEmail(prefix);
  const http = await overHttp.activePerson(BASE, stubMailbox, email, { firstName: person.firstName, lastName: person.lastName });
  const context = await browser.newContext();
  await context.addCookies(http.cookieList().map((cookie) => ({ ...cookie, url: BASE })));
  const page = await context.newPage();
  await page.goto("/accueil");
  await expect(page).toHaveURL(/\/accueil$/);
  return { page, email, http };
}

/** The same person, but every step in the browser, as the seed's journey walks it. */
export async function personSignedInThroughPages(
  browser: import("@playwright/test").Browser,
  prefix: string,
  person: Person,
): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext()).newPage();
  const email = await createActiveAccount(page, prefix, person);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/accueil$/);
  return { page, email };
}

/** Reads one value from the e2e database (test-side checks of what the server wrote). */
export function queryOne<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database("data/e2e/portail-tic.db", { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

export async function searchSiret(page: Page, siret: string) {
  await page.goto("/structures/rattachement");
  await page.getByLabel("Identifiant", { exact: true }).fill(siret);
  await page.getByRole("button", { name: "Rechercher" }).click();
}

/** « Rechercher », « Saisir une nouvelle structure », « Continuer », « Enregistrer et Valider »; returns its id. */
export async function createStructure(page: Page, siret: string): Promise<number> {
  await searchSiret(page, siret);
  await expect(page.getByRole("heading", { name: "Cette structure n'est pas encore inscrite sur le portail" })).toBeVisible();
  // Straight to the form pre-filled from SIRENE (the RCS number, rarely needed, is one link away).
  await page.getByRole("link", { name: "Saisir une nouvelle structure" }).click();
  await expect(page.getByRole("heading", { name: "Valider la nouvelle structure" })).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer et Valider" }).click();
  await expect(page.getByText("Votre structure est créée et vous en êtes le gestionnaire principal.")).toBeVisible();
  return queryOne<{ id: number }>("SELECT id FROM structures WHERE siret = ?", siret)!.id;
}

/** The same creation over HTTP, for tests whose subject comes after it; returns its id. */
export async function structureCreatedBy(
  person: { http: Visitor },
  siret: string,
  options: { managementCentre?: boolean } = {},
): Promise<number> {
  await overHttp.createStructure(person.http, siret, options);
  return queryOne<{ id: number }>("SELECT id FROM structures WHERE siret = ?", siret)!.id;
}

/** The gestionnaire principal opens « Demande de remboursement TIC » on the structure (PACAGE 031123456). */
export async function openTicSpace(page: Page, structureId: number, category = "Exploitant agricole en société (GAEC, EARL, SCEA…)") {
  await page.goto(`/gestionnaire/structures/${structureId}`);
  const spaceForm = page.getByRole("form", { name: "Ajouter des espaces" });
  await spaceForm.getByLabel("Numéro PACAGE").fill("031123456");
  await spaceForm.getByRole("radio", { name: category }).check();
  await spaceForm.getByRole("button", { name: "Valider" }).click();
  await expect(spaceForm.getByRole("status")).toHaveText("L'espace « Demande de remboursement TIC » est ouvert sur la structure.");
}

/** The attachment request over HTTP, for tests whose subject comes after it. */
export async function attachmentRequestedBy(person: { http: Visitor; email: string }, siret: string) {
  await overHttp.requestAttachment(person.http, siret);
  const request = queryOne<{ status: string }>(
    `SELECT a.status FROM attachments a JOIN users u ON u.id = a.user_id JOIN structures s ON s.id = a.structure_id
     WHERE u.login_email = ? AND s.siret = ?`,
    person.email,
    siret,
  );
  expect(request?.status).toBe("pending");
}

/** Finds the structure and sends the request; checks the manager's name when given. */
export async function requestAttachment(page: Page, siret: string, managerName?: string) {
  await searchSiret(page, siret);
  await expect(page.getByRole("heading", { name: "Structure trouvée" })).toBeVisible();
  if (managerName) await expect(page.getByText(managerName, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Envoyer la demande de rattachement" }).click();
  await expect(
    page.getByText(
      managerName ? `Votre demande est en attente de validation par ${managerName}.` : /Votre demande est en attente de validation par /,
    ),
  ).toBeVisible();
}

/** Test fixture on the e2e database: see tests/support/membership-fixture.ts. */
export function grantTicSubscription(loginEmail: string, structureId: number, rights: { canView: boolean; canEdit: boolean }) {
  grantTicSubscriptionIn("data/e2e/portail-tic.db", loginEmail, structureId, rights);
}

/**
 * The operator prints the pending letters (`npm run operator -- letters`) into a folder of this
 * test; returns the code shown in the letter of that structure, read from the PDF's text.
 */
export async function codeFromLetter(structureId: number): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "courriers-"));
  const siret = queryOne<{ siret: string }>("SELECT siret FROM structures WHERE id = ?", structureId)!.siret;
  const letterId = queryOne<{ id: number }>("SELECT max(id) AS id FROM verification_letters WHERE structure_id = ?", structureId)!.id;
  await promisify(execFile)(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--import",
      "./scripts/lib/server-only-off.mjs",
      "scripts/operator.ts",
      "letters",
      "--operateur",
      "Opérateur E2E",
      "--dossier",
      folder,
    ],
    { env: { ...process.env, ...E2E_SERVER_ENV } },
  );
  const file = (await readdir(folder)).find((name) => name === `courrier-${letterId}-${siret}.pdf`);
  if (!file) throw new Error(`Courrier ${letterId} absent de ${folder}`);
  const code = (await pdfText(await readFile(path.join(folder, file)))).match(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/)?.[0];
  if (!code) throw new Error("Pas de code dans le courrier");
  return code;
}

/** The code of the structure's queued letter, read straight from the PDF waiting in the operator queue. */
export async function codeFromQueuedLetter(structureId: number): Promise<string> {
  const letter = queryOne<{ pdf: Buffer }>(
    "SELECT pdf FROM verification_letters WHERE structure_id = ? ORDER BY id DESC LIMIT 1",
    structureId,
  )!;
  const code = (await pdfText(letter.pdf)).match(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/)?.[0];
  if (!code) throw new Error("Pas de code dans le courrier");
  return code;
}

/**
 * The gestionnaire principal types the code of the letter on the structure page; the letter is the
 * one the operator command prints when `throughOperator`, else the PDF waiting in the queue.
 */
export async function verifyStructure(page: Page, structureId: number, { throughOperator = false } = {}) {
  const code = throughOperator ? await codeFromLetter(structureId) : await codeFromQueuedLetter(structureId);
  await page.goto(`/gestionnaire/structures/${structureId}`);
  const form = page.getByRole("form", { name: "Vérifier la structure" });
  await form.getByLabel("Code du courrier").fill(code);
  await form.getByRole("button", { name: "Vérifier la structure" }).click();
  await expect(page.getByText("Structure vérifiée", { exact: true })).toBeVisible();
}

/**
 * Words squeezed into pieces (issue 21): every word of 8 characters or more (a run without space,
 * hyphen, dash or slash) that the page shows on several lines with a piece of fewer than 6 characters (« EA RL DE LA VA », « PACA GE », an
 * e-mail address letter by letter). Text hidden from sight (sr-only, closed disclosures) is skipped.
 */
export async function squeezedWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const range = document.createRange();
    const lineOf = (node: Text, at: number) => {
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const box = range.getClientRects()[0];
      return box && box.width > 0 ? Math.round(box.top + box.height / 2) : null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, option, .sr-only") || parent.getClientRects().length === 0) continue;
      // A compound broken after its hyphen, dash or slash (« 2024-605 », « 2021–2023 ») is broken between words, not inside one.
      for (const match of node.data.matchAll(/[^\s\-\u2010-\u2014/]{8,}/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((box) => box.width > 0).map((box) => Math.round(box.top)));
        if (tops.size <= 1) continue;
        // Characters per line, in reading order.
        const pieces: number[] = [];
        let previous: number | null = null;
        for (let i = 0; i < match[0].length; i++) {
          const line = lineOf(node, match.index + i);
          if (line === null) continue;
          if (previous === null || Math.abs(line - previous) > 2) pieces.push(0);
          pieces[pieces.length - 1]! += 1;
          previous = line;
        }
        if (pieces.length > 1 && pieces.some((count) => count < 6))
          found.push(`« ${match[0].slice(0, 60)} » coupé en ${pieces.join(" + ")} caractères`);
      }
    }
    return found;
  });
}
