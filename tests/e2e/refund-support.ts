// Refund helpers shared by the specs that file requests (refunds, mandates): the shipped rates,
// the year the server offers today, and the steps of a request as a person takes them.
import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { lineAmountCents, formatEuros, parseVolume } from "@/lib/refunds/amounts";
import { findRate } from "@/lib/refunds/rate-table";
import { readDeadlinesFile, readRatesFile } from "@/lib/refunds/rates-file";
import { yearChoices } from "@/lib/refunds/years";
import { pdfFile } from "../support/refund-files";

/**
 * The shipped rates and deadlines (db/rates/), read as the server reads them: the tests use real
 * rates only, and know from the same data which years the server offers today.
 */
export const rates = (() => {
  const read = readRatesFile(readFileSync("db/rates/taux-remboursement.csv", "utf8"));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.rows;
})();
export const deadlines = (() => {
  const read = readDeadlinesFile(readFileSync("db/rates/delais-depot.csv", "utf8"));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.rows;
})();
/**
 * What a spec needs from the day of the run (E2E_TODAY, fixed by playwright.config.ts: ADR 0031):
 * missing, it is a failure that says what changed, never a skip.
 */
export function onTestDay<T>(value: T | null | undefined | false, what: string): T {
  expect(
    value,
    `${what} on ${process.env.E2E_TODAY} (E2E_TODAY): the data in db/rates/ or the day fixed in playwright.config.ts changed.`,
  ).toBeTruthy();
  return value as T;
}

export const choices = yearChoices(new Date(), deadlines, rates);
export const offers2024 = choices.offered.some((c) => c.year === 2024);
export const NO_2024 = "No request for the deliveries of 2024 (deadline 31/12/2027)";
/** The default year and a delivery in it that has a sourced rate (on the run's day, E2E_TODAY). */
export const DEFAULT_YEAR = choices.defaultYear;
export const defaultLine = (() => {
  if (DEFAULT_YEAR === null) return null;
  const product = choices.offered.find((c) => c.year === DEFAULT_YEAR)!.productsWithRate[0]!;
  for (let month = 1; month <= 12; month++) {
    const date = `${DEFAULT_YEAR}-${String(month).padStart(2, "0")}-15`;
    const rate = findRate(rates, product, date);
    if (rate && !(product === "gnr" && date >= "2024-07-01")) return { product, date, rate };
  }
  return null;
})();
export const amountOf = (volume: string, rateMilliEuros: number) => formatEuros(lineAmountCents(parseVolume(volume)!, rateMilliEuros));

/** A small real PDF, as Playwright's file chooser takes it. */
export async function pdf(text: string) {
  const file = await pdfFile(`${text}.pdf`, text);
  return { name: file.name, mimeType: "application/pdf", buffer: Buffer.from(file.bytes) };
}

export async function recordBankAccount(page: Page, holder: string) {
  const ribForm = page.getByRole("form", { name: "Ajouter des références bancaires" });
  await ribForm.getByLabel("Titulaire du compte").fill(holder);
  await ribForm.getByLabel("IBAN").fill("FR76 3000 6000 0112 3456 7890 189");
  await ribForm.getByLabel("BIC").fill("AGRIFRPPXXX");
  await ribForm.getByLabel("RIB (relevé d'identité bancaire)").setInputFiles(await pdf("rib"));
  await ribForm.getByRole("button", { name: "Enregistrer les références bancaires" }).click();
  await expect(ribForm.getByRole("status")).toContainText("sont enregistrées");
}

/** « Saisir une demande de remboursement » for that year (the default one when null). */
export async function createRequest(page: Page, year: number | null) {
  await page.goto("/remboursement-tic");
  const form = page.getByRole("form", { name: "Saisir une demande de remboursement" });
  if (year !== null)
    await form
      .getByRole("group", { name: "Année de la demande" })
      .getByRole("radio", { name: new RegExp(`^${year} `) })
      .check();
  await form.getByLabel(/J'atteste sur l'honneur/).check();
  await form.getByRole("button", { name: "Saisir la demande" }).click();
  await expect(page.getByRole("heading", { name: /^Demande de remboursement TIC \d{4}$/ })).toBeVisible();
}

export const lineFormOf = (page: Page) => page.getByRole("form", { name: "Ajouter une ligne (une par facture et par carburant)" });

export async function fillLine(form: Locator, line: { invoice: string; date: string; product: string; volume: string }) {
  await form.getByLabel("Numéro de facture").fill(line.invoice);
  await form.getByLabel("Date de livraison").fill(line.date);
  await form.getByLabel("Type de carburant").selectOption(line.product);
  await form.getByLabel("Volume de carburant").fill(line.volume);
}
