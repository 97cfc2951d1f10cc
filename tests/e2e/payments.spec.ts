import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { validateXML } from "xmllint-wasm";
import { E2E_PORT, E2E_SERVER_ENV } from "../../playwright.config";
import { enrolAndSignInOverHttp } from "../support/agents-over-http";
import { Visitor } from "../support/visitor";
import { administratorOverHttp, browserOf, freeSiretsIn31 } from "./agents-support";
import { expectAccessible, linkFromMail, personSignedIn, queryOne, signIn, uniqueEmail } from "./support";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
const REFUSED = /Vous n(&#x27;|')avez pas le droit d(&#x27;|')effectuer cette action\./;
const XSD = readFileSync("tests/fixtures/sepa/pain.001.001.03.xsd", "utf8");

/** An agent invited from « Agents » and enrolled over HTTP; the address is kept. */
async function agent(admin: Visitor, roles: string[], departements: string) {
  const email = uniqueEmail("paiement");
  const answer = await admin.fillAndSubmit("/administration/agents", "Inviter l'agent", {
    email,
    lastName: "Paiement",
    firstName: "Agent",
    roles,
    departements,
  });
  expect(answer.html).toContain("Invitation envoyée");
  const link = await linkFromMail(email, "Votre accès à l'espace de l'administration", "/administration/invitation/");
  return { email, http: await enrolAndSignInOverHttp(BASE, new URL(link).pathname, email) };
}

/** A farm's 2023 request, transmitted through the services and accepted by this instructor (tests/support/accepted-request-child.ts). */
async function acceptedRequest(siret: string, instructorEmail: string, acceptedCents: number) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "./scripts/lib/server-only-off.mjs", "--import", "tsx", "tests/support/accepted-request-child.ts"],
    {
      env: { ...process.env, ...E2E_SERVER_ENV, ACCEPTED: JSON.stringify({ siret, instructorEmail, acceptedCents }) },
    },
  );
  return JSON.parse(stdout) as { email: string; password: string; requestId: number; reference: string };
}

const parisToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, "g"))].map((m) => m[1]!);

test("a payer puts accepted requests in a SEPA order, downloads it, marks it paid; the farm reads « Payée le … »", async ({ browser }) => {
  // Three enrolments (argon2id), two farms built through the services, the browser flow.
  test.setTimeout(150_000);
  const admin = await administratorOverHttp();
  const instructor = await agent(admin, ["instructor"], "31");
  const payer = await agent(admin, ["payer"], "31");
  const sirets = freeSiretsIn31(2);
  const first = await acceptedRequest(sirets[0]!, instructor.email, 149_600);
  const second = await acceptedRequest(sirets[1]!, instructor.email, 120_050);

  const page = await browserOf(browser, payer.http);
  await page.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Paiements" }).first().click();
  await expect(page.getByRole("heading", { name: "Paiements", level: 1 })).toBeVisible();
  await expectAccessible(page);
  // Only these two, by hand: untick every other accepted request of 31 another test may have left.
  for (const box of await page.getByRole("checkbox", { name: /^Mettre en paiement / }).all()) {
    const name = (await box.getAttribute("aria-label")) ?? "";
    if (!name.includes(first.reference) && !name.includes(second.reference)) await box.uncheck();
  }
  await expect(page.getByRole("checkbox", { name: new RegExp(`Mettre en paiement ${first.reference}`) })).toBeChecked();
  await page.getByRole("button", { name: "Mettre en paiement" }).click();

  await expect(page.getByRole("heading", { name: "Confirmer la mise en paiement" })).toBeVisible();
  await expect(page.getByText(/^2 demandes pour 2\s696,50\s€ au total/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirmer la mise en paiement de 2 demandes" }).click();

  await expect(page.getByRole("heading", { name: /^Ordre de paiement TIC-VIR-/ })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("2 virements");
  await expectAccessible(page);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Ordre de paiement ", "");

  // The file, as an attachment: parsed and checked, and valid against the official XSD.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Télécharger le fichier de virements/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${reference}.xml`);
  const xml = readFileSync((await file.path())!, "utf8");
  expect(
    (await validateXML({ xml: { fileName: "ordre.xml", contents: xml }, schema: { fileName: "pain.001.001.03.xsd", contents: XSD } }))
      .valid,
  ).toBe(true);
  expect(all(xml, "MsgId")).toEqual([reference]);
  expect(all(xml, "NbOfTxs")).toEqual(["2", "2"]);
  expect(all(xml, "CtrlSum")).toEqual(["2696.50", "2696.50"]);
  expect(all(xml, "InstdAmt").sort()).toEqual(["1200.50", "1496.00"]);
  expect(all(xml, "EndToEndId").sort()).toEqual([first.reference, second.reference].sort());
  expect(all(xml, "IBAN").slice(1)).toEqual(["FR7630006000011234567890189", "FR7630006000011234567890189"]);
  expect(
    queryOne<{ n: number }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'payment_order.downloaded' AND details LIKE ?",
      `%${reference}%`,
    )!.n,
  ).toBe(1);

  // « Marquer comme payé »: a date in the future is refused next to its field, today is taken.
  const date = page.getByLabel("Date d'exécution du virement");
  await date.fill("2099-01-01");
  await page.getByRole("button", { name: "Marquer comme payé" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("ne peut pas être dans le futur");
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await date.fill(parisToday());
  await page.getByRole("button", { name: "Marquer comme payé" }).click();
  const paidWords = `Payée le ${parisToday().split("-").reverse().join("/")}`;
  await expect(page.getByRole("main").getByRole("status")).toContainText(paidWords);
  await expect(page.getByRole("button", { name: "Marquer comme payé" })).toHaveCount(0);
  await expectAccessible(page);

  // « Statistiques »: charts as images with their tables.
  await page.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Statistiques" }).first().click();
  await expect(page.getByRole("heading", { name: "Statistiques", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: "Demandes par statut" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Demandes par statut : données" }).getByRole("row", { name: /Payée/ })).toBeVisible();
  await expectAccessible(page);

  // The farm reads « Payée le … » on its request, its timeline and « Accueil ».
  const farm = await (await browser.newContext()).newPage();
  await signIn(farm, first.email, first.password);
  await expect(farm).toHaveURL(/\/accueil$/);
  await expect(farm.getByText(new RegExp(`Demande 2023 — ${paidWords}`))).toBeVisible();
  await farm.goto(`/remboursement-tic/demandes/${first.requestId}`);
  await expect(farm.getByRole("heading", { name: `Statut : ${paidWords}` })).toBeVisible();
  await expect(farm.getByText(/virement exécuté le/)).toBeVisible();
  await expectAccessible(farm);
});

test("payments over HTTP: only a payer of the département builds an order and marks it paid", async ({ browser }) => {
  test.setTimeout(150_000);
  const admin = await administratorOverHttp();
  const instructor = await agent(admin, ["instructor"], "31");
  const payer = await agent(admin, ["payer"], "31");
  const outside = await agent(admin, ["payer"], "32");
  const farmer = await personSignedIn(browser, "paiement-ferme", { firstName: "Claire", lastName: "Durand" });
  const stranger = new Visitor(BASE);
  const [siret] = freeSiretsIn31(1);
  const request = await acceptedRequest(siret!, instructor.email, 50_000);

  // The forms as the competent payer sees them; the others replay them.
  const build = await payer.http.form(
    `/administration/paiements/confirmer?demande=${request.requestId}`,
    "Confirmer la mise en paiement de 1 demande",
  );
  for (const [who, visitor] of [
    ["outside payer", outside.http],
    ["instructor who accepted", instructor.http],
    ["farm user", farmer.http],
    ["nobody", stranger],
  ] as const) {
    const answer = await visitor.submit(build, { requestIds: String(request.requestId) });
    if (visitor === farmer.http || visitor === stranger)
      expect([answer.status, answer.location], who).toEqual([303, "/administration/connexion"]);
    else expect(answer.html, who).toMatch(/Rien n(&#x27;|')est mis en paiement|n(&#x27;|')avez pas le droit/);
  }
  expect(queryOne<{ s: string }>("SELECT status AS s FROM refund_requests WHERE id = ?", request.requestId)!.s).toBe("accepted");

  const built = await payer.http.submit(build, { requestIds: String(request.requestId) });
  expect(built.status).toBe(303);
  const orderPath = built.location!.replace(/\?.*$/, "");
  const orderId = Number(orderPath.split("/").pop());
  expect(queryOne<{ s: string }>("SELECT status AS s FROM refund_requests WHERE id = ?", request.requestId)!.s).toBe("payment");

  // The order's page, its file and its form: nobody else.
  const paid = await payer.http.form(orderPath, "Marquer comme payé");
  for (const [who, visitor] of [
    ["outside payer", outside.http],
    ["instructor", instructor.http],
    ["farm user", farmer.http],
    ["nobody", stranger],
  ] as const) {
    const isAgent = visitor === outside.http || visitor === instructor.http;
    const answer = await visitor.submit(paid, { orderId: String(orderId), executedOn: parisToday() });
    if (isAgent) expect(answer.html, who).toMatch(REFUSED);
    else expect([answer.status, answer.location], who).toEqual([303, "/administration/connexion"]);
    const pageAnswer = await visitor.get(orderPath);
    if (isAgent) expect(pageAnswer.status, who).toBe(404);
    else expect(pageAnswer.location, who).toBe("/administration/connexion");
    expect((await visitor.get(`${orderPath}/xml`)).status, who).toBe(isAgent ? 404 : 401);
  }
  expect(queryOne<{ e: string | null }>("SELECT executed_on AS e FROM payment_orders WHERE id = ?", orderId)!.e).toBeNull();
  const done = await payer.http.submit(paid, { orderId: String(orderId), executedOn: parisToday() });
  expect(done.status).toBe(303);
  expect(queryOne<{ s: string }>("SELECT status AS s FROM refund_requests WHERE id = ?", request.requestId)!.s).toBe("paid");
  // A second marking changes nothing.
  expect((await payer.http.submit(paid, { orderId: String(orderId), executedOn: parisToday() })).html).toContain("déjà marqué comme payé");
});

test("without JavaScript, on a phone: choose, confirm, build the order and mark it paid", async ({ browser }) => {
  test.setTimeout(150_000);
  const admin = await administratorOverHttp();
  const instructor = await agent(admin, ["instructor"], "31");
  const payer = await agent(admin, ["payer"], "31");
  const [siret] = freeSiretsIn31(1);
  const request = await acceptedRequest(siret!, instructor.email, 77_700);

  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  await context.addCookies(payer.http.cookieList().map((cookie) => ({ ...cookie, url: BASE })));
  const page = await context.newPage();
  await page.goto("/administration/paiements");
  for (const box of await page.getByRole("checkbox", { name: /^Mettre en paiement / }).all()) {
    if (!((await box.getAttribute("aria-label")) ?? "").includes(request.reference)) await box.uncheck();
  }
  await page.getByRole("button", { name: "Mettre en paiement" }).click();
  await expect(page.getByText(/^1 demande pour 777,00\s€ au total/)).toBeVisible();
  await page.getByRole("button", { name: "Confirmer la mise en paiement de 1 demande" }).click();
  await expect(page.getByRole("heading", { name: /^Ordre de paiement TIC-VIR-/ })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("1 virement");
  // No horizontal scroll at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByLabel("Date d'exécution du virement").fill(parisToday());
  await page.getByRole("button", { name: "Marquer comme payé" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("marqué comme payé");
  expect(queryOne<{ s: string }>("SELECT status AS s FROM refund_requests WHERE id = ?", request.requestId)!.s).toBe("paid");
  await page.goto("/administration/statistiques");
  await expect(page.getByRole("img", { name: "Charge par instructeur" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
