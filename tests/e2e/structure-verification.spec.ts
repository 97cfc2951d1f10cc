import { expect, test } from "@playwright/test";
import { codeFromQueuedLetter, createStructure, expectAccessible, freeSiret, mailsTo, personSignedIn, searchSiret } from "./support";

test("the creator sees « non vérifiée », reads the code in the posted letter and verifies the structure", async ({ browser }) => {
  const { siret, name } = freeSiret();
  const a = await personSignedIn(browser, "verif", { firstName: "Claire", lastName: "Durand" });
  const structureId = await createStructure(a.page, siret);

  const notice = a.page.getByRole("region", { name: "Structure non vérifiée" });
  await expect(notice).toContainText(`${name} n'est pas encore vérifiée`);
  await notice.getByRole("link", { name: "Vérifier la structure" }).click();
  const section = a.page.getByRole("region", { name: "Vérifier la structure" });
  await expect(section).toContainText("Structure non vérifiée");
  await expect(section).toContainText("en attente d'envoi");
  await expectAccessible(a.page);

  // The letter as the operator prints it (the command itself runs in refunds.spec.ts).
  const code = await codeFromQueuedLetter(structureId);
  const form = section.getByRole("form", { name: "Vérifier la structure" });
  await form.getByLabel("Code du courrier").fill(code.startsWith("A") ? `B${code.slice(1)}` : `A${code.slice(1)}`);
  await form.getByRole("button", { name: "Vérifier la structure" }).click();
  await expect(form.getByRole("alert")).toContainText("Ce code n'est pas le bon. Il vous reste 4 essais.");
  // Issue 21: no stale « 5 essais restants » above the form's « Il vous reste 4 essais ».
  await expect(section).not.toContainText(/essais? restants?/);
  await expect(form.getByLabel("Code du courrier")).toHaveValue("");
  await form.getByLabel("Code du courrier").fill(code.toLowerCase());
  await form.getByRole("button", { name: "Vérifier la structure" }).click();
  await expect(a.page.getByText("Structure vérifiée", { exact: true })).toBeVisible();

  await a.page.goto("/gestionnaire");
  await expect(a.page.getByRole("row", { name: new RegExp(name) })).toContainText("Vérifiée");
});

test("a second person is refused the creation of an existing structure and contests its management", async ({ browser }) => {
  const { siret, name } = freeSiret();
  const a = await personSignedIn(browser, "conteste", { firstName: "Claire", lastName: "Durand" });
  await createStructure(a.page, siret);
  const b = await personSignedIn(browser, "contestataire", { firstName: "Paul", lastName: "Martin" });

  await b.page.goto(`/structures/nouvelle?siret=${siret}`);
  await b.page.getByRole("button", { name: "Continuer" }).click();
  await expect(b.page.getByRole("alert").filter({ hasText: "N° de SIRET" })).toContainText(
    "Cette structure est déjà inscrite sur le portail",
  );
  await searchSiret(b.page, siret);
  await b.page.getByRole("link", { name: "Contester la gestion" }).click();
  await expect(b.page.getByRole("heading", { name: "Contester la gestion d'une structure" })).toBeVisible();
  await expect(b.page.getByText(name, { exact: false }).first()).toBeVisible();
  await expectAccessible(b.page);
  const form = b.page.getByRole("form", { name: "Contester la gestion" });
  await form.getByLabel("Motif").fill("Trop court");
  await form.getByRole("button", { name: "Envoyer la contestation" }).click();
  await expect(form.getByRole("alert")).toContainText("20 caractères au moins");
  await expect(form.getByLabel("Motif")).toHaveValue("Trop court");
  await form.getByLabel("Motif").fill("Je suis le gérant de cette exploitation et je n'ai autorisé personne à l'inscrire.");
  await form.getByRole("button", { name: "Envoyer la contestation" }).click();
  await expect(
    b.page.getByText(/Vous avez contesté la gestion de cette structure le .* : nos services examinent votre demande/),
  ).toBeVisible();
  await expect
    .poll(async () => (await mailsTo(a.email)).map((m) => m.subject))
    .toContain("Votre gestion d'une structure est contestée – Portail TIC");
  const [mail] = (await mailsTo(a.email)).filter((m) => m.subject.startsWith("Votre gestion"));
  expect(mail!.text).toContain(`Paul Martin conteste votre rôle de gestionnaire principal de la structure ${name}`);
});
