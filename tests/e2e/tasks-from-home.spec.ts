import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, freeSiret, openTicSpace, personSignedIn, squeezedWords, structureCreatedBy, tabTo } from "./support";

/**
 * Issue 21, point 9: each task reached from « Accueil » lands on its form (its anchor, with the
 * focus there), not at the top of a long page; done as a person does it on a phone: keyboard only.
 */

/** What has the focus, and whether its top is on the screen (scrolled to). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const box = element?.getBoundingClientRect();
    return {
      id: element?.id ?? "",
      text: element?.textContent?.trim().slice(0, 80) ?? "",
      onScreen: box !== undefined && box.top >= -1 && box.top < window.innerHeight,
    };
  });

/** The tag, name and form of what the next Tab reaches. */
const nextStop = async (page: Page) => {
  await page.keyboard.press("Tab");
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement;
    return {
      tag: element.tagName,
      form: element.form?.getAttribute("aria-labelledby") ?? element.closest("form")?.getAttribute("aria-labelledby") ?? null,
    };
  });
};

test("on a phone, « Accueil » → « Vérifier la structure », « Ouvrir l'espace », « Saisir une demande » each land on their form, focused", async ({
  browser,
}) => {
  const farmer = await personSignedIn(browser, "taches-accueil", { firstName: "Claire", lastName: "Durand" });
  const { page } = farmer;
  await page.setViewportSize({ width: 360, height: 740 });
  const structureId = await structureCreatedBy(farmer, freeSiret().siret);

  // « Ouvrir l'espace »: the form « Ajouter des espaces », far down the structure page.
  await page.goto("/accueil");
  await tabTo(page, page.getByRole("link", { name: "Ouvrir l'espace" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/gestionnaire/structures/${structureId}#ajouter-espaces$`));
  await expect.poll(() => focused(page)).toEqual({ id: "ajouter-espaces", text: "Ajouter des espaces", onScreen: true });
  // The next Tab is in that form, not in the menu at the top.
  expect(await nextStop(page)).toEqual({ tag: "INPUT", form: "ajouter-espaces" });
  expect(await squeezedWords(page)).toEqual([]);
  await expectAccessible(page);

  // « Vérifier la structure » (the notice of an unverified structure): the section with the code's form.
  await page.goto("/accueil");
  await tabTo(page, page.getByRole("link", { name: "Vérifier la structure" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#verification$/);
  await expect.poll(async () => (await focused(page)).id).toBe("verification");
  expect((await focused(page)).onScreen).toBe(true);

  // Once the space is open, with no request yet: « Saisir une demande de remboursement ».
  await openTicSpace(page, structureId);
  await page.goto("/accueil");
  await tabTo(page, page.getByRole("link", { name: "Saisir une demande de remboursement" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/remboursement-tic#creer-demande$/);
  await expect.poll(() => focused(page)).toEqual({ id: "creer-demande", text: "Saisir une demande de remboursement", onScreen: true });
  expect(await squeezedWords(page)).toEqual([]);

  // A full page load (a bookmark, without client navigation) lands there too.
  await page.goto("/accueil");
  await page.goto(`/gestionnaire/structures/${structureId}#references-bancaires`);
  await expect.poll(async () => (await focused(page)).id).toBe("references-bancaires");
});
