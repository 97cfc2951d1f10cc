import { expect, test, type Page } from "@playwright/test";
import { attachmentRequestedBy, expectAccessible, freeSiret, personSignedIn, queryOne, structureCreatedBy } from "./support";

/** Changes what a form will post, as anyone can with the browser's tools. */
async function tamper(page: Page, selector: string, attribute: "value", value: string) {
  await page
    .locator(selector)
    .first()
    .evaluate((element, [name, v]) => element.setAttribute(name, v), [attribute, value] as const);
}

test("forms posted with another structure's ids are refused by the server, and nothing changes", async ({ browser }) => {
  const s1 = freeSiret();
  const a = await personSignedIn(browser, "idor-a", { firstName: "Anne", lastName: "Rousseau" });
  const structure1 = await structureCreatedBy(a, s1.siret);
  const c = await personSignedIn(browser, "idor-c", { firstName: "Cécile", lastName: "Blanc" });
  await attachmentRequestedBy(c, s1.siret);
  const foreignRequest = queryOne<{ id: number }>(
    "SELECT id FROM attachments WHERE structure_id = ? AND status = 'pending'",
    structure1,
  )!.id;

  const s2 = freeSiret();
  const b = await personSignedIn(browser, "idor-b", { firstName: "Bruno", lastName: "Faure" });
  const structure2 = await structureCreatedBy(b, s2.siret);
  const d = await personSignedIn(browser, "idor-d", { firstName: "Denis", lastName: "Giraud" });
  await attachmentRequestedBy(d, s2.siret);

  // B decides « their » request, but the button now names A's request.
  await b.page.goto("/gestionnaire");
  await tamper(b.page, 'button[name="single"][value^="approve:"]', "value", `approve:${foreignRequest}`);
  await b.page.getByRole("button", { name: "Valider la demande de rattachement de Denis Giraud" }).click();
  await expect(b.page.getByRole("region", { name: /Demandes de rattachement/ }).getByRole("alert")).toContainText(
    "Vous ne pouvez décider que des demandes adressées aux structures dont vous êtes le gestionnaire principal.",
  );
  expect(queryOne<{ status: string }>("SELECT status FROM attachments WHERE id = ?", foreignRequest)!.status).toBe("pending");

  // B opens a space, but the form now names A's structure.
  await b.page.goto(`/gestionnaire/structures/${structure2}`);
  const spaceForm = b.page.getByRole("form", { name: "Ajouter des espaces" });
  await tamper(b.page, 'form[aria-labelledby="ajouter-espaces"] input[name="structureId"]', "value", String(structure1));
  await spaceForm.getByRole("radio", { name: "Exploitant agricole à titre individuel" }).check();
  await spaceForm.getByRole("button", { name: "Valider" }).click();
  await expect(spaceForm.getByRole("alert")).toContainText("Vous n'avez pas le droit d'effectuer cette action.");
  expect(queryOne<{ n: number }>("SELECT count(*) AS n FROM spaces WHERE structure_id = ?", structure1)!.n).toBe(0);

  // B cannot even see A's structure page.
  const response = await b.page.goto(`/gestionnaire/structures/${structure1}`);
  expect(response?.status()).toBe(404);
  await expect(b.page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expectAccessible(b.page);

  // D cancels « their » request, but the form now names C's request.
  await d.page.goto("/mon-compte");
  await tamper(d.page, 'input[name="attachmentId"]', "value", String(foreignRequest));
  await d.page.getByRole("button", { name: /Annuler la demande de rattachement/ }).click();
  await expect(d.page.getByRole("main").getByRole("alert").first()).toContainText("Vous n'avez pas le droit d'effectuer cette action.");
  expect(queryOne<{ status: string }>("SELECT status FROM attachments WHERE id = ?", foreignRequest)!.status).toBe("pending");
});
