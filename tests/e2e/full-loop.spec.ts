// Issue 20's whole loop as the three people live it, each in a browser of their own: a farm of the
// 31 transmits its request; an instructor finds it, takes it and asks for a complement; the farm
// replaces an invoice, answers and transmits again; the instructor accepts one line reduced; a payer
// (another agent: whoever accepts does not pay) builds the SEPA order, whose file is parsed and
// validated against the official XSD, and marks it paid; the farm reads « Payée le … : <amount> ».
// The two halves keep their edge cases in instruction.spec.ts and payments.spec.ts.
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";
import { formatSiret } from "@/lib/identifiers";
import { formatEuros, lineAmountCents } from "@/lib/refunds/amounts";
import { administratorOverHttp, browserOf, invitedOverHttp } from "./agents-support";
import {
  COMPLEMENT_ASKED_IN_31,
  answerComplement,
  requestTransmittedIn31,
  takeAndAskComplement,
  transmitAgain,
} from "./instruction-support";
import { defaultLine, onTestDay, pdf } from "./refund-support";
import { expectAccessible, mailsTo, queryOne } from "./support";

const XSD = readFileSync("tests/fixtures/sepa/pain.001.001.03.xsd", "utf8");
/** The account recordBankAccount gives the farm. */
const FARM_ACCOUNT = { holder: "Exploitation Durand", iban: "FR7630006000011234567890189", bic: "AGRIFRPPXXX" };

test("the full loop: the farm transmits, the instructor asks a complement, the farm answers, one line accepted reduced, another agent pays, the farm reads « Payée le … »", async ({
  browser,
}) => {
  // Three people in three browsers, six argon2id hashes (farm, administrator, instructor, payer), some thirty pages.
  test.setTimeout(240_000);
  const { product, date, rate } = onTestDay(defaultLine, "No delivery with a sourced rate in the default year");
  const { farmer, page, structureId, request } = await requestTransmittedIn31(browser, "boucle", { product, date });
  const admin = await administratorOverHttp();
  const instructor = await invitedOverHttp(admin, ["instructor"], "31");
  const payer = await invitedOverHttp(admin, ["payer"], "31");

  // The instructor finds it by the SIRET as a letter prints it, takes it, asks for a clean copy of I-1.
  const desk = await browserOf(browser, instructor);
  await desk.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Demandes" }).first().click();
  const siret = queryOne<{ siret: string }>("SELECT siret FROM structures WHERE id = ?", structureId)!.siret;
  await desk.getByLabel("Rechercher").fill(formatSiret(siret));
  await desk.getByRole("button", { name: "Afficher" }).click();
  await desk.getByRole("link", { name: request.reference }).click();
  await expect(desk.getByRole("heading", { name: new RegExp(`^Demande ${request.reference}`) })).toBeVisible();
  await takeAndAskComplement(desk, "La facture I-1 est illisible : joignez-en une copie nette.", "I-1");

  // The farm, from « Accueil »: the clean copy replaces I-1's invoice, an answer, « Confirmer et transmettre de nouveau ».
  await page.goto("/accueil");
  await page.getByRole("link", { name: `Compléter la demande ${request.year}` }).click();
  await expect(page.getByRole("region", { name: COMPLEMENT_ASKED_IN_31 })).toContainText("La facture I-1 est illisible");
  const cleanCopy = await pdf("I-1 copie nette");
  await page.getByLabel("Remplacer la facture I-1…").click();
  await page.getByLabel("Fichier de la facture I-1").setInputFiles(cleanCopy);
  await page.getByRole("button", { name: "Remplacer la facture I-1" }).click();
  await expect(page.getByText("La facture I-1 est jointe.")).toBeVisible();
  await answerComplement(page, "Voici une copie nette de la facture I-1.");
  await expectAccessible(page);
  await transmitAgain(page);

  // The instructor: the answer, the new copy behind « Ouvrir la facture I-1 »; I-1 accepted at 80,5 with its motive.
  await desk.reload();
  await expect(desk.getByText("Statut : En instruction")).toBeVisible();
  await expect(desk.getByRole("region", { name: "Messages" })).toContainText("Voici une copie nette de la facture I-1.");
  const invoice = await desk.request.get(
    (await desk.getByRole("link", { name: "Ouvrir la facture I-1 (nouvel onglet)" }).getAttribute("href"))!,
  );
  expect(invoice.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.compare(await invoice.body(), cleanCopy.buffer), "la facture I-1 ouverte par l'instructeur est la copie nette").toBe(0);
  const instruct = desk.getByRole("region", { name: "Instruire" });
  await instruct.getByRole("radio", { name: /Ligne par ligne/ }).check();
  await instruct.getByLabel(/^Volume accordé .*facture I-1/).fill("80,5");
  await instruct.getByLabel(/^Motif de la réduction, facture I-1/).fill("Volume lisible sur la facture : 80,5");
  await instruct.getByRole("button", { name: "Accepter" }).click();
  await expect(desk.getByText("Statut : Accordée")).toBeVisible();
  const accepted = lineAmountCents(80_500, rate.rateMilliEuros) + lineAmountCents(40_000, rate.rateMilliEuros);
  const euros = (accepted / 100).toFixed(2);

  // The payer, another agent: « Paiements », this request only, the order, its file.
  const cashier = await browserOf(browser, payer);
  await cashier.getByRole("navigation", { name: "Menu de l'administration" }).getByRole("link", { name: "Paiements" }).first().click();
  await expect(cashier.getByRole("row", { name: new RegExp(request.reference) })).toContainText(formatEuros(accepted));
  // Other tests may leave accepted requests of the 31: untick them.
  for (const box of await cashier.getByRole("checkbox", { name: /^Mettre en paiement / }).all())
    if (!((await box.getAttribute("aria-label")) ?? "").includes(request.reference)) await box.uncheck();
  await cashier.getByRole("button", { name: "Mettre en paiement" }).click();
  await expect(cashier.getByText(new RegExp(`^1 demande pour ${formatEuros(accepted)} au total`))).toBeVisible();
  await cashier.getByRole("button", { name: "Confirmer la mise en paiement de 1 demande" }).click();
  await expect(cashier.getByRole("heading", { name: /^Ordre de paiement TIC-VIR-/ })).toBeVisible();
  const order = (await cashier.getByRole("heading", { level: 1 }).textContent())!.replace("Ordre de paiement ", "");
  const download = cashier.waitForEvent("download");
  await cashier.getByRole("link", { name: /Télécharger le fichier de virements/ }).click();
  const xml = readFileSync((await (await download).path())!, "utf8");
  const validation = await validateXML({
    xml: { fileName: `${order}.xml`, contents: xml },
    schema: { fileName: "pain.001.001.03.xsd", contents: XSD },
  });
  expect(validation.valid, validation.errors.map((e) => e.rawMessage).join("\n")).toBe(true);
  // Parsed by the browser's XML parser: one block, one transfer to the farm's account, the accepted amount.
  const sepa = await cashier.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const read = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent ?? null;
    return {
      parseError: read(doc, "parsererror"),
      msgId: read(doc, "GrpHdr > MsgId"),
      header: { transactions: read(doc, "GrpHdr > NbOfTxs"), controlSum: read(doc, "GrpHdr > CtrlSum") },
      blocks: [...doc.querySelectorAll("PmtInf")].map((block) => ({
        transactions: read(block, ":scope > NbOfTxs"),
        controlSum: read(block, ":scope > CtrlSum"),
      })),
      transfers: [...doc.querySelectorAll("CdtTrfTxInf")].map((transfer) => ({
        endToEndId: read(transfer, "PmtId > EndToEndId"),
        amount: read(transfer, "Amt > InstdAmt"),
        currency: transfer.querySelector("Amt > InstdAmt")?.getAttribute("Ccy"),
        holder: read(transfer, "Cdtr > Nm"),
        iban: read(transfer, "CdtrAcct IBAN"),
        bic: read(transfer, "CdtrAgt BIC"),
        remittance: read(transfer, "RmtInf > Ustrd"),
      })),
    };
  }, xml);
  expect(sepa).toEqual({
    parseError: null,
    msgId: order,
    header: { transactions: "1", controlSum: euros },
    blocks: [{ transactions: "1", controlSum: euros }],
    transfers: [{ endToEndId: request.reference, amount: euros, currency: "EUR", ...FARM_ACCOUNT, remittance: request.reference }],
  });

  // « Marquer comme payé » on the server's today (the field's latest day).
  const executedOn = cashier.getByLabel("Date d'exécution du virement");
  const today = (await executedOn.getAttribute("max"))!;
  await executedOn.fill(today);
  await cashier.getByRole("button", { name: "Marquer comme payé" }).click();
  const paid = `Payée le ${today.split("-").reverse().join("/")}`;
  await expect(cashier.getByRole("main").getByRole("status")).toContainText(paid);

  // The instructor's file says there is nothing left to instruct.
  await desk.reload();
  await expect(desk.getByRole("region", { name: "Instruire" })).toContainText("La demande est « Payée » : il n'y a plus rien à instruire.");
  await expectAccessible(desk);

  // The farm reloads: « Payée le … : <amount> » on the request, then on « Accueil ».
  await page.reload();
  await expect(page.getByRole("heading", { name: `Statut : ${paid} : ${formatEuros(accepted)}`, exact: true })).toBeVisible();
  await expect(page.locator("main")).toContainText("motif : Volume lisible sur la facture : 80,5");
  await expectAccessible(page);
  await page.goto("/accueil");
  await expect(page.getByText(`Demande ${request.year} — ${paid} : ${formatEuros(accepted)}`)).toBeVisible();
  await expectAccessible(page);

  // Every step mailed to the farm (the service's words), and traced with who acted.
  const mailsOfTheRequest = async () =>
    (await mailsTo(farmer.email)).filter((mail) => mail.subject.startsWith("Demande de remboursement TIC"));
  const statusSubject = (status: string) => `Demande de remboursement TIC ${request.reference} : ${status} – Portail TIC`;
  const transmitted = "Demande de remboursement TIC transmise – Portail TIC";
  await expect
    .poll(async () => (await mailsOfTheRequest()).map((mail) => mail.subject).sort(), { intervals: [100, 250, 500] })
    .toEqual(
      [transmitted, transmitted, ...["En instruction", "À compléter", "Accordée", "Mise en paiement", "Payée"].map(statusSubject)].sort(),
    );
  const paidMail = (await mailsOfTheRequest()).find((mail) => mail.subject === statusSubject("Payée"))!;
  expect(paidMail.text).toContain(`${paid} : le virement de ${formatEuros(accepted)} sur le compte FR76 … 0189 a été exécuté.`);
  const trace = queryOne<{ steps: string }>(
    `SELECT group_concat(e.status || ' par ' || coalesce(a.email, u.login_email), ' > ' ORDER BY e.id) AS steps
     FROM refund_status_events e LEFT JOIN agents a ON a.id = e.actor_agent_id LEFT JOIN users u ON u.id = e.actor_user_id
     WHERE e.request_id = ?`,
    request.id,
  )!.steps;
  const [farm, instructing, paying] = [farmer.email, instructor.email!, payer.email!];
  expect(trace.split(" > ")).toEqual([
    `draft par ${farm}`,
    `submitted par ${farm}`,
    `processing par ${instructing}`,
    `incomplete par ${instructing}`,
    `submitted par ${farm}`,
    `processing par ${instructing}`,
    `accepted par ${instructing}`,
    `payment par ${paying}`,
    `paid par ${paying}`,
  ]);
});
