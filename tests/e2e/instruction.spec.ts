import { expect, test } from "@playwright/test";
import { formatEuros, lineAmountCents } from "@/lib/refunds/amounts";
import { administratorOverHttp, browserOf, invitedOverHttp } from "./agents-support";
import {
  COMPLEMENT_ASKED_IN_31,
  answerComplement,
  requestTransmittedIn31,
  takeAndAskComplement,
  transmitAgain,
} from "./instruction-support";
import { defaultLine, onTestDay } from "./refund-support";
import { expectAccessible, queryOne } from "./support";

test("the farm transmits; the instructor takes it, asks a complement; the farm answers and re-transmits; one line accepted reduced; the farm sees « Accordée »", async ({
  browser,
}) => {
  // Two people in two browsers, four argon2id hashes (farm, administrator, instructor), some twenty pages.
  test.setTimeout(150_000);
  const { product, date, rate } = onTestDay(defaultLine, "No delivery with a sourced rate in the default year");
  const { page, request, requestUrl } = await requestTransmittedIn31(browser, "instruction", { product, date });

  // The instructor of 31: « Demandes », the file, « Prendre en charge ».
  const instructorVisitor = await invitedOverHttp(await administratorOverHttp(), ["instructor"], "31");
  const desk = await browserOf(browser, instructorVisitor);
  await desk.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Demandes" }).first().click();
  await expect(desk.getByRole("heading", { name: "Demandes", level: 1 })).toBeVisible();
  await desk.getByLabel("Rechercher").fill(request.reference);
  await desk.getByRole("button", { name: "Afficher" }).click();
  await expect(desk.getByRole("link", { name: /^À instruire \(1\)$/ })).toBeVisible();
  // The other filters and the sort once asked for, the search kept, the focus on them.
  await expect(desk.getByLabel("Trier par")).toHaveCount(0);
  await desk.getByRole("link", { name: "Filtrer et trier" }).click();
  await expect(desk.getByRole("search", { name: "Filtrer les demandes" })).toBeFocused();
  await expect(desk.getByLabel("Trier par")).toBeVisible();
  await expect(desk.getByLabel("Rechercher")).toHaveValue(request.reference);
  await expectAccessible(desk);
  // On a phone the list scrolls inside its own focusable region (no cards: no action in its rows), never the page.
  const wide = desk.viewportSize();
  await desk.setViewportSize({ width: 360, height: 740 });
  await expect(desk.getByRole("region", { name: "Tableau des demandes" })).toHaveAttribute("tabindex", "0");
  expect(await desk.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  if (wide) await desk.setViewportSize(wide);
  await desk.getByRole("link", { name: request.reference }).click();
  await expect(desk.getByRole("heading", { name: new RegExp(`^Demande ${request.reference}`) })).toBeVisible();
  // Bank details added today: flagged for the instructor.
  await expect(desk.getByRole("region", { name: "Contrôles" })).toContainText("Signalé — Références bancaires récentes");
  await expectAccessible(desk);
  // « Prendre en charge », then « Demander un complément » on line I-1.
  await takeAndAskComplement(desk, "La facture I-1 est illisible : joignez-en une copie nette.", "I-1");

  // The farm: the message at the top (the service, never the agent), an answer, the invoice replaced, « Confirmer et transmettre de
  // nouveau ».
  await page.goto("/accueil");
  await expect(page.getByRole("heading", { name: /la DDFiP de la Haute-Garonne demande un complément/ })).toBeVisible();
  await page.goto(requestUrl);
  const asked = page.getByRole("region", { name: COMPLEMENT_ASKED_IN_31 });
  await expect(asked).toContainText("La facture I-1 est illisible");
  await expect(asked).toContainText("Lignes concernées : factures I-1.");
  await expect(page.locator("main")).not.toContainText("Matrice");
  await expectAccessible(page);
  await answerComplement(page, "Voici une copie nette de la facture I-1.");
  await transmitAgain(page);

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
