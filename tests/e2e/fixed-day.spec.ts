// The run's fixed day (ADR 0031): the tests, the server and the tools the specs start share it.
import { expect, test } from "@playwright/test";
import { closingSentence, closingYears } from "@/lib/refunds/closing";
import { parisToday } from "@/lib/dates";
import { yearChoices } from "@/lib/refunds/years";
import { E2E_DEFAULT_TODAY } from "../../playwright.config";
import { deadlines, rates } from "./refund-support";
import { expectAccessible, freeSiret, openTicSpace, personSignedIn, signIn, structureCreatedBy } from "./support";

test("the server's today is the run's day (E2E_TODAY), and its sessions hold in the browser", async ({ browser }) => {
  const today = process.env.E2E_TODAY!;
  expect(today, "playwright.config.ts sets E2E_TODAY").toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(parisToday(), "the test process's clock is on the run's day").toBe(today);

  // Signed in through the server's session cookie, whose expiry the browser reads on the machine's clock.
  const manager = await personSignedIn(browser, "jour-fixe", { firstName: "Claire", lastName: "Durand" });
  const page = manager.page;
  const structureId = await structureCreatedBy(manager, freeSiret().siret);
  // A mandate cannot end before today: the form's end date starts at the server's today.
  await page.goto("/mandats/nouveau");
  await expect(page.getByLabel("Date de fin")).toHaveAttribute("min", today);

  // « Accueil » counts the last days from it, to the day.
  await openTicSpace(page, structureId);
  await page.goto("/accueil");
  const closing = closingYears(new Date(), yearChoices(new Date(), deadlines, rates));
  if (today === E2E_DEFAULT_TODAY)
    expect(closing.map(closingSentence)).toEqual(["Livraisons 2023 : dernier jour le 31 décembre 2026 (dans 24 jours)."]);
  const notice = page.getByRole("region", { name: "Derniers jours de dépôt" });
  for (const c of closing) await expect(notice).toContainText(closingSentence(c));
  await expectAccessible(page);

  // Signed in through the form, in a browser of its own: the session cookie the server writes
  // expires on the machine's clock (the browser's), eight hours on, whatever the run's day.
  const fresh = await (await browser.newContext()).newPage();
  await signIn(fresh, manager.email);
  await expect(fresh).toHaveURL(/\/accueil$/);
  const machineNow = performance.timeOrigin + performance.now();
  const expiring = (await fresh.context().cookies()).filter((cookie) => cookie.expires > 0);
  expect(expiring.length, "the sign-in sets cookies with an expiry").toBeGreaterThan(0);
  for (const cookie of expiring) expect(cookie.expires * 1000, cookie.name).toBeGreaterThan(machineNow + 3_600_000);
  await fresh.goto("/mandats/nouveau");
  await expect(fresh.getByLabel("Date de fin")).toHaveAttribute("min", today);
  await page.reload();
  await expect(page).toHaveURL(/\/accueil$/);
});
