import { expect, test } from "@playwright/test";
import { activeAccount, signIn } from "./support";

const ROUTES = [
  "/",
  "/inscription",
  "/inscription/confirmation",
  "/activation/renvoyer",
  "/activation/inconnu",
  "/connexion",
  "/mot-de-passe-oublie",
  "/mot-de-passe-oublie/inconnu",
  "/conditions-generales",
  "/accessibilite",
  "/dev/boite-mail",
  "/accueil",
  "/mon-compte",
  "/mon-compte/abonnements/nouveau",
  "/structures/rattachement",
  "/structures/nouvelle",
  "/gestionnaire",
  "/gestionnaire/structures/1",
  "/remboursement-tic",
  "/remboursement-tic/demandes/1",
  "/remboursement-tic/fichiers/1",
  "/remboursement-tic/modele-import",
  "/api/auth/session",
  "/page-inexistante",
];

test("every route answers with the security headers and a fresh CSP nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (const route of ROUTES) {
    const response = await request.get(route, { maxRedirects: 0 });
    const headers = response.headers();
    expect(response.status(), route).toBeLessThan(500);
    expect(headers["x-content-type-options"], route).toBe("nosniff");
    expect(headers["referrer-policy"], route).toBe("same-origin");
    expect(headers["x-frame-options"], route).toBe("DENY");
    expect(headers["permissions-policy"], route).toContain("camera=()");
    expect(headers["x-powered-by"], route).toBeUndefined();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, route).toContain("frame-ancestors 'none'");
    expect(csp, route).toContain("object-src 'none'");
    expect(csp, route).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, route).toBeTruthy();
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(ROUTES.length);
});

test("pages only run scripts that carry the request's nonce", async ({ request }) => {
  const response = await request.get("/inscription");
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")![1];
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("the session cookie is HttpOnly and SameSite=Lax; redirects stay on the site", async ({ page, context }) => {
  const email = await activeAccount("cookie");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/accueil$/);
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  // A `suivant` pointing elsewhere is ignored after sign-in.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.goto("/connexion?suivant=//exemple.org/piege");
  await page.getByLabel("Adresse électronique de connexion").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill("Cheval batterie agrafe 42");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/accueil$/);
});
