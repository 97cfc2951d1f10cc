import { expect, test } from "@playwright/test";
import { formatEuros, lineAmountCents } from "@/lib/refunds/amounts";
import { administratorOverHttp, browserOf, freeSiretIn31, invitedOverHttp } from "./agents-support";
import { defaultLine, fillLine, lineFormOf, onTestDay, pdf, recordBankAccount, createRequest } from "./refund-support";
import { expectAccessible, openTicSpace, personSignedIn, queryOne, structureCreatedBy, verifyStructure } from "./support";

test("the farm transmits; the instructor takes it, asks a complement; the farm answers and re-transmits; one line accepted reduced; the farm sees « Accordée »", async ({
  browser,
}) => {
  // Two people in two browsers, four argon2id hashes (farm, administrator, instructor), some twenty pages.
  test.setTimeout(150_000);
  const { product, date, rate } = onTestDay(defaultLine, "No delivery with a sourced rate in the default year");
  const farmer = await personSignedIn(browser, "instruction", { firstName: "Claire", lastName: "Durand" });
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
    await fillLine(lineForm, { invoice, date, product, volume });
    await lineForm.getByLabel("Copie de la facture").setInputFiles(await pdf(invoice));
    await lineForm.getByRole("button", { name: button }).click();
    await expect(lineForm.getByText(`La ligne de la facture ${invoice} est ajoutée.`)).toBeVisible();
  }
  await page.getByRole("link", { name: "Transmettre…" }).click();
  await page.getByRole("button", { name: "Confirmer et transmettre" }).click();
  await expect(page.getByRole("heading", { name: "Statut : Mise à disposition" })).toBeVisible();
  const request = queryOne<{ id: number; reference: string }>(
    "SELECT id, reference FROM refund_requests WHERE structure_id = ?",
    structureId,
  )!;
  const requestUrl = page.url();

  // The instructor of 31: « Demandes », the file, « Prendre en charge ».
  const instructorVisitor = await invitedOverHttp(await administratorOverHttp(), ["instructor"], "31");
  const desk = await browserOf(browser, instructorVisitor);
  await desk.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Demandes" }).first().click();
  await expect(desk.getByRole("heading", { name: "Demandes", level: 1 })).toBeVisible();
  await desk.getByLabel("Rechercher").fill(request.reference);
  await desk.getByRole("button", { name: "Afficher" }).click();
  await expect(desk.getByRole("link", { name: /^À instruire \(1\)$/ })).toBeVisible();
  await expectAccessible(desk);
  await desk.getByRole("link", { name: request.reference }).click();
  await expect(desk.getByRole("heading", { name: new RegExp(`^Demande ${request.reference}`) })).toBeVisible();
  // Bank details added today: flagged for the instructor.
  await expect(desk.getByRole("region", { name: "Contrôles" })).toContainText("Signalé — Références bancaires récentes");
  await expectAccessible(desk);
  await desk.getByRole("button", { name: "Prendre en charge" }).click();
  await expect(desk.getByText("Statut : En instruction")).toBeVisible();

  // « Demander un complément » on line I-1.
  const complement = desk.getByRole("region", { name: "Instruire" });
  await complement.getByLabel("Message à l'exploitation").fill("La facture I-1 est illisible : joignez-en une copie nette.");
  await complement.getByRole("checkbox", { name: /facture I-1/ }).check();
  await complement.getByRole("button", { name: "Demander un complément" }).click();
  await expect(desk.getByText("Statut : À compléter")).toBeVisible();

  // The farm: the message at the top (the service, never the agent), an answer, the invoice replaced, « Confirmer et transmettre de nouveau ».
  await page.goto("/accueil");
  await expect(page.getByRole("heading", { name: /la DDFiP de la Haute-Garonne demande un complément/ })).toBeVisible();
  await page.goto(requestUrl);
  const asked = page.getByRole("region", { name: "La DDFiP de la Haute-Garonne demande un complément" });
  await expect(asked).toContainText("La facture I-1 est illisible");
  await expect(asked).toContainText("Lignes concernées : factures I-1.");
  await expect(page.locator("main")).not.toContainText("Matrice");
  await expectAccessible(page);
  await asked.getByLabel("Votre réponse").fill("Voici une copie nette de la facture I-1.");
  await asked.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(asked.getByRole("status")).toContainText("Votre réponse est enregistrée");
  await expect(page.getByRole("region", { name: "Échanges avec l'administration" })).toContainText("Voici une copie nette");
  await page.getByRole("link", { name: "Confirmer et transmettre de nouveau…" }).click();
  await page.getByRole("button", { name: "Confirmer et transmettre" }).click();
  await expect(page.getByRole("heading", { name: "Statut : En instruction" })).toBeVisible();

  // The instructor accepts line by line: I-1 reduced to 80,5 with a motive.
  await desk.reload();
  await expect(desk.getByText("Statut : En instruction")).toBeVisible();
  await expect(desk.getByRole("region", { name: "Messages" })).toContainText("Voici une copie nette de la facture I-1.");
  const accept = desk.getByRole("region", { name: "Instruire" });
  await accept.getByRole("radio", { name: /Ligne par ligne/ }).check();
  await accept.getByLabel(/^Volume accordé .*facture I-1/).fill("80,5");
  await accept.getByRole("button", { name: "Accepter" }).click();
  await expect(accept.getByRole("alert")).toContainText("Donnez le motif de la réduction de cette ligne.");
  // The error next to its field, linked for screen readers; the volume typed is kept.
  await expect(accept.getByLabel(/^Motif de la réduction, facture I-1/)).toHaveAccessibleDescription(
    "Donnez le motif de la réduction de cette ligne.",
  );
  await expect(accept.getByLabel(/^Volume accordé .*facture I-1/)).toHaveValue("80,5");
  await accept.getByLabel(/^Motif de la réduction, facture I-1/).fill("Volume lisible sur la facture : 80,5");
  await accept.getByRole("button", { name: "Accepter" }).click();
  await expect(desk.getByText("Statut : Accordée")).toBeVisible();
  await expectAccessible(desk);

  // The farm sees « Accordée » with the accepted amount and the reduced line's motive.
  const accepted = lineAmountCents(80_500, rate.rateMilliEuros) + lineAmountCents(40_000, rate.rateMilliEuros);
  expect(queryOne<{ c: number }>("SELECT accepted_cents AS c FROM refund_requests WHERE id = ?", request.id)!.c).toBe(accepted);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Statut : Accordée" })).toBeVisible();
  await expect(page.locator("main")).toContainText(`Montant accordé : ${formatEuros(accepted)}`);
  await expect(page.locator("main")).toContainText("motif : Volume lisible sur la facture : 80,5");
  await expectAccessible(page);
});
