// The steps of issue 20's instruction as the farm and the instructor take them in their browsers,
// shared by instruction.spec.ts (up to « Accordée », with its edge cases) and full-loop.spec.ts
// (up to « Payée »).
import { expect, type Browser, type Page } from "@playwright/test";
import { freeSiretIn31 } from "./agents-support";
import { createRequest, fillLine, lineFormOf, pdf, recordBankAccount } from "./refund-support";
import { openTicSpace, personSignedIn, queryOne, structureCreatedBy, verifyStructure } from "./support";

/** The panel at the top of a request « À compléter », as the farm reads it (the service, never the agent). */
export const COMPLEMENT_ASKED_IN_31 = "La DDFiP de la Haute-Garonne demande un complément";

/**
 * What the instructors get to work on: a farm of the 31 (the agents' test département), in a
 * browser of its own, verifies its structure, records its bank details and transmits its request
 * of the default year with two lines, I-1 (100) and I-2 (40), each with its invoice.
 */
export async function requestTransmittedIn31(browser: Browser, prefix: string, line: { product: string; date: string }) {
  const farmer = await personSignedIn(browser, prefix, { firstName: "Claire", lastName: "Durand" });
  const page = farmer.page;
  const structureId = await structureCreatedBy(farmer, freeSiretIn31());
  await openTicSpace(page, structureId);
  await verifyStructure(page, structureId);
  await recordBankAccount(page, "Exploitation Durand");
  await createRequest(page, null);
  const lineForm = lineFormOf(page);
  for (const [invoice, volume, button] of [
    ["I-1", "100", "Valider et ajouter une nouvelle ligne"],
    ["I-2", "40", "Valider et fermer"],
  ] as const) {
    await fillLine(lineForm, { invoice, volume, ...line });
    await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf(invoice));
    await lineForm.getByRole("button", { name: button }).click();
    await expect(lineForm.getByText(`La ligne de la facture ${invoice} est ajoutée.`)).toBeVisible();
  }
  await page.getByRole("link", { name: "Transmettre…" }).click();
  await page.getByRole("button", { name: "Confirmer et transmettre" }).click();
  await expect(page.getByRole("heading", { name: "Statut : Mise à disposition" })).toBeVisible();
  const request = queryOne<{ id: number; reference: string; year: number }>(
    "SELECT id, reference, year FROM refund_requests WHERE structure_id = ?",
    structureId,
  )!;
  return { farmer, page, structureId, request, requestUrl: page.url() };
}

/** The instructor, on the request's file: « Prendre en charge », then « Demander un complément » on one invoice's line. */
export async function takeAndAskComplement(desk: Page, message: string, invoice: string) {
  await desk.getByRole("button", { name: "Prendre en charge" }).click();
  await expect(desk.getByText("Statut : En instruction")).toBeVisible();
  const instruct = desk.getByRole("region", { name: "Instruire" });
  await instruct.getByLabel("Message à l'exploitation").fill(message);
  await instruct.getByRole("checkbox", { name: new RegExp(`facture ${invoice}\\b`) }).check();
  await instruct.getByRole("button", { name: "Demander un complément" }).click();
  await expect(desk.getByText("Statut : À compléter")).toBeVisible();
}

/** The farm answers in the panel at the top of its request; the answer joins the thread. */
export async function answerComplement(page: Page, answer: string) {
  const asked = page.getByRole("region", { name: COMPLEMENT_ASKED_IN_31 });
  await asked.getByLabel("Votre réponse").fill(answer);
  await asked.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(asked.getByRole("status")).toContainText("Votre réponse est enregistrée");
  await expect(page.getByRole("region", { name: "Échanges avec l'administration" })).toContainText(answer);
}

/** « Confirmer et transmettre de nouveau »: the request goes back to the instructor who asked. */
export async function transmitAgain(page: Page) {
  await page.getByRole("link", { name: "Confirmer et transmettre de nouveau…" }).click();
  await page.getByRole("button", { name: "Confirmer et transmettre" }).click();
  await expect(page.getByRole("heading", { name: "Statut : En instruction" })).toBeVisible();
}
