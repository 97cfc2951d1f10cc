import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test, type Browser } from "@playwright/test";
import { readDeadlinesFile, readRatesFile } from "@/lib/refunds/rates-file";
import { yearChoices } from "@/lib/refunds/years";
import { onTestDay } from "./refund-support";
import { expectAccessible, freeSiret, personSignedIn, queryOne, squeezedWords, structureCreatedBy, tabTo } from "./support";

/** The year the server offers by default today, from the shipped data (db/rates/). */
const YEAR = (() => {
  const rates = readRatesFile(readFileSync("db/rates/taux-remboursement.csv", "utf8"));
  const deadlines = readDeadlinesFile(readFileSync("db/rates/delais-depot.csv", "utf8"));
  if (!rates.ok || !deadlines.ok) throw new Error("rates");
  return yearChoices(new Date(), deadlines.rows, rates.rows).defaultYear;
})();

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/**
 * Test fixture written straight into the e2e database (the request pages are tested elsewhere): the
 * farm is verified, its TIC space open, it gave the centre a mandate (with transmission or not) and
 * has a complete draft for YEAR: bank details, attestation, one line with its invoice.
 */
function readyClient(farmId: number, centreId: number, farmerEmail: string, canTransmit: boolean): number {
  const db = new Database("data/e2e/portail-tic.db");
  try {
    return db.transaction(() => {
      const now = Date.now();
      const farmer = (db.prepare("SELECT id FROM users WHERE login_email = ?").get(farmerEmail) as { id: number }).id;
      db.prepare("UPDATE structures SET verification_status = 'verified', verified_at = ? WHERE id = ?").run(now, farmId);
      db.prepare(
        "INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by) VALUES (?, 'ticRefund', 1, 1, '031123456', 'company', ?, ?)",
      ).run(farmId, now, farmer);
      db.prepare(
        `INSERT INTO mandates (farm_structure_id, agent_structure_id, can_edit, can_transmit, end_date, origin, status, requested_at, requested_by, decided_at, decided_by)
         VALUES (?, ?, 1, ?, NULL, 'given', 'active', ?, ?, ?, ?)`,
      ).run(farmId, centreId, canTransmit ? 1 : 0, now, farmer, now, farmer);
      const file = db.prepare(
        "INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by) VALUES (?, ?, 'application/pdf', ?, ?, 'x', ?, ?, ?) RETURNING id",
      );
      const rib = (file.get(farmId, "rib", "rib.pdf", PDF.length, PDF, now, farmer) as { id: number }).id;
      const account = (
        db
          .prepare(
            "INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by) VALUES (?, 'Exploitation', 'FR7630006000011234567890189', 'AGRIFRPPXXX', ?, 1, ?, ?) RETURNING id",
          )
          .get(farmId, rib, now, farmer) as { id: number }
      ).id;
      const request = (
        db
          .prepare(
            "INSERT INTO refund_requests (structure_id, year, status, bank_account_id, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at) VALUES (?, ?, 'draft', ?, 1, '031123456', 'company', ?, ?, ?) RETURNING id",
          )
          .get(farmId, YEAR, account, now, farmer, now) as { id: number }
      ).id;
      db.prepare("INSERT INTO refund_status_events (request_id, status, at, actor_user_id) VALUES (?, 'draft', ?, ?)").run(
        request,
        now,
        farmer,
      );
      const invoice = (file.get(farmId, "invoice", "FA-1.pdf", PDF.length, PDF, now, farmer) as { id: number }).id;
      db.prepare(
        "INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, amount_cents, invoice_file_id, created_at, created_by) VALUES (?, 'FA-1', ?, 'gnr', 100000, 14960, 14960, ?, ?, ?)",
      ).run(request, `${YEAR}-03-15`, invoice, now, farmer);
      return request;
    })();
  } finally {
    db.close();
  }
}

/** A centre's user and three client farms with a complete draft: A and B under a mandate with transmission, C without. */
async function centreWithReadyClients(browser: Browser) {
  const centre = await personSignedIn(browser, "centre-lot", { firstName: "Hélène", lastName: "Comptable" });
  const centreId = await structureCreatedBy(centre, freeSiret().siret, { managementCentre: true });
  const farmer = await personSignedIn(browser, "exploitant-lot", { firstName: "Paul", lastName: "Fermier" });
  const farms = [];
  for (const canTransmit of [true, true, false]) {
    const farmId = await structureCreatedBy(farmer, freeSiret().siret);
    const requestId = readyClient(farmId, centreId, farmer.email, canTransmit);
    farms.push({ farmId, requestId, name: queryOne<{ name: string }>("SELECT name FROM structures WHERE id = ?", farmId)!.name });
  }
  await farmer.page.context().close();
  return { page: centre.page, farms: farms as [(typeof farms)[0], (typeof farms)[0], (typeof farms)[0]] };
}

const statusOf = (requestId: number) =>
  queryOne<{ status: string; reference: string | null }>("SELECT status, reference FROM refund_requests WHERE id = ?", requestId)!;

test("from the portfolio, many ready requests transmitted at once: a confirmation page, then a result per farm (issue 21, point 11)", async ({
  browser,
}) => {
  onTestDay(YEAR, "No year can be filed");
  const { page, farms } = await centreWithReadyClients(browser);
  const [a, b, c] = farms;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/portefeuille");
  await tabTo(page, page.getByRole("link", { name: "Transmettre plusieurs demandes prêtes" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Transmettre plusieurs demandes à l'administration" })).toBeVisible();
  // The confirmation lists A and B, ticked; C's mandate does not allow transmission.
  const list = page.getByRole("group", { name: "Demandes prêtes à transmettre (2)" });
  await expect(list.getByRole("checkbox")).toHaveCount(2);
  await expect(list.getByRole("checkbox", { name: new RegExp(`^${a.name} — demande ${YEAR}`) })).toBeChecked();
  await expect(list.getByRole("checkbox", { name: new RegExp(`^${b.name} — demande ${YEAR}`) })).toBeChecked();
  await expect(page.getByText(c.name)).toHaveCount(0);
  expect(await squeezedWords(page)).toEqual([]);
  await expectAccessible(page);

  // B is unticked (with the keyboard); A is transmitted.
  const boxB = list.getByRole("checkbox", { name: new RegExp(`^${b.name}`) });
  await tabTo(page, boxB);
  await page.keyboard.press("Space");
  await expect(boxB).not.toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Transmettre les demandes cochées" }));
  await page.keyboard.press("Enter");
  const result = page.getByRole("region", { name: "1 demande transmise à l'administration." });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  const referenceA = `TIC-${YEAR}-${String(a.requestId).padStart(6, "0")}`;
  await expect(result.getByText(`Transmise sous la référence ${referenceA}.`)).toBeVisible();
  expect(statusOf(a.requestId)).toEqual({ status: "submitted", reference: referenceA });
  expect(statusOf(b.requestId)).toEqual({ status: "draft", reference: null });
  // B is still offered; A is gone from the list.
  await expect(
    page.getByRole("group", { name: "Demandes prêtes à transmettre (1)" }).getByRole("checkbox", { name: new RegExp(`^${b.name}`) }),
  ).toBeVisible();
  await expectAccessible(page);

  // Nothing ticked: the error sits next to the list.
  await page.getByRole("checkbox", { name: new RegExp(`^${b.name}`) }).uncheck();
  await page.getByRole("button", { name: "Transmettre les demandes cochées" }).click();
  await expect(page.getByText("Cochez au moins une demande à transmettre.").first()).toBeVisible();
  await expect(page.getByRole("group", { name: /Demandes prêtes à transmettre/ })).toHaveAttribute(
    "aria-describedby",
    "transmission-requestIds-erreur",
  );
  expect(statusOf(b.requestId)).toEqual({ status: "draft", reference: null });

  // The result links to each transmitted request.
  await page.goto("/portefeuille/transmettre");
  await page.getByRole("button", { name: "Transmettre les demandes cochées" }).click();
  const second = page.getByRole("region", { name: "1 demande transmise à l'administration." });
  await expect(second.getByText(`Transmise sous la référence TIC-${YEAR}-${String(b.requestId).padStart(6, "0")}.`)).toBeVisible();
  await expect(page.getByText("Aucune demande n'est prête à transmettre pour l'instant.")).toBeVisible();
  await second.getByRole("link", { name: `Voir la demande et son récépissé (${b.name})` }).click();
  await expect(page).toHaveURL(new RegExp(`/remboursement-tic/demandes/${b.requestId}$`));
});

test("without JavaScript, the confirmation page transmits and shows the result", async ({ browser }) => {
  onTestDay(YEAR, "No year can be filed");
  const { page, farms } = await centreWithReadyClients(browser);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await page.context().cookies());
  const plain = await context.newPage();
  await plain.goto("/portefeuille/transmettre");
  await plain.getByRole("button", { name: "Transmettre les demandes cochées" }).click();
  await expect(plain.getByRole("heading", { name: "2 demandes transmises à l'administration." })).toBeVisible();
  expect(statusOf(farms[0].requestId).status).toBe("submitted");
  expect(statusOf(farms[1].requestId).status).toBe("submitted");
  expect(statusOf(farms[2].requestId).status).toBe("draft");
  await context.close();
});

test("invoices of several farms joined at once, each matched by the invoice number in its name (issue 21, point 11)", async ({
  browser,
}) => {
  onTestDay(YEAR, "No year can be filed");
  const { page, farms } = await centreWithReadyClients(browser);
  const [a, b] = farms;
  // A's line has no copy yet, B's line gets a number of its own.
  const db = new Database("data/e2e/portail-tic.db");
  db.prepare("UPDATE refund_lines SET invoice_file_id = NULL WHERE request_id IN (?, ?)").run(a.requestId, b.requestId);
  db.prepare("UPDATE refund_lines SET invoice_number = 'FB-77' WHERE request_id = ?").run(b.requestId);
  db.close();
  await page.goto("/portefeuille");
  await page.getByRole("link", { name: "Joindre des factures pour plusieurs exploitations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Joindre des factures pour plusieurs exploitations" })).toBeVisible();
  await expectAccessible(page);
  const siretA = queryOne<{ siret: string }>("SELECT siret FROM structures WHERE id = ?", a.farmId)!.siret;
  await page.getByLabel("Fichiers des factures").setInputFiles([
    { name: `FA-1 ${siretA}.pdf`, mimeType: "application/pdf", buffer: PDF },
    { name: "facture FB-77.pdf", mimeType: "application/pdf", buffer: PDF },
  ]);
  await page.getByRole("button", { name: "Joindre les factures" }).click();
  await expect(page.getByRole("form", { name: "Joindre les factures" }).getByRole("status")).toHaveText(
    "2 factures jointes pour 2 exploitations.",
  );
  await expect(page.getByRole("link", { name: `demande ${YEAR} de ${b.name}` })).toBeVisible();
  expect(
    queryOne<{ n: number }>(
      "SELECT count(*) AS n FROM refund_lines WHERE request_id IN (?, ?) AND invoice_file_id IS NOT NULL",
      a.requestId,
      b.requestId,
    )!.n,
  ).toBe(2);
  // A file naming no invoice: said next to the field, nothing joined.
  await page.getByLabel("Fichiers des factures").setInputFiles([{ name: "scan.pdf", mimeType: "application/pdf", buffer: PDF }]);
  await page.getByRole("button", { name: "Joindre les factures" }).click();
  await expect(page.getByRole("form", { name: "Joindre les factures" }).getByRole("alert")).toContainText(
    "Aucune facture n'a été jointe. « scan.pdf » : son nom ne contient le numéro d'aucune facture",
  );
  await expect(page.getByLabel("Fichiers des factures")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});
