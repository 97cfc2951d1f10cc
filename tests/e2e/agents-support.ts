// Agents for the e2e tests: the first administrator from the command line, others invited through
// the « Agents » form, all enrolled and signed in over HTTP (tests/support/agents-over-http.ts).
import { expect, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomInt } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { E2E_PORT, E2E_SERVER_ENV } from "../../playwright.config";
import { enrolAndSignInOverHttp } from "../support/agents-over-http";
import type { Visitor } from "../support/visitor";
import { linkFromMail, uniqueEmail } from "./support";

const BASE = `http://127.0.0.1:${E2E_PORT}`;

/** `npm run agents -- creer-administrateur`: the link it prints. */
export async function administratorLink(email: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--import",
      "./scripts/lib/server-only-off.mjs",
      "scripts/agents.ts",
      "creer-administrateur",
      "--email",
      email,
      "--nom",
      "Admin",
      "--prenom",
      "Alice",
    ],
    {
      env: { ...process.env, ...E2E_SERVER_ENV },
    },
  );
  const link = stdout.match(/https?:\/\/\S+\/administration\/invitation\/[A-Za-z0-9_-]{43}/)?.[0];
  expect(link, stdout).toBeTruthy();
  return link!;
}

export async function administratorOverHttp(): Promise<Visitor> {
  const email = uniqueEmail("admin-http");
  return enrolAndSignInOverHttp(BASE, new URL(await administratorLink(email)).pathname, email);
}

export async function invitedOverHttp(admin: Visitor, roles: string[], departements: string): Promise<Visitor & { email?: string }> {
  const email = uniqueEmail("agent-http");
  const answer = await admin.fillAndSubmit("/administration/agents", "Inviter l'agent", {
    email,
    lastName: "Matrice",
    firstName: "Agent",
    roles,
    departements,
  });
  expect(answer.html).toContain("Invitation envoyée");
  const link = await linkFromMail(email, "Votre accès à l'espace de l'administration", "/administration/invitation/");
  return Object.assign(await enrolAndSignInOverHttp(BASE, new URL(link).pathname, email), { email });
}

/** A browser holding this agent's session, on the administration's home. */
export async function browserOf(browser: Browser, visitor: Visitor): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(visitor.cookieList().map((cookie) => ({ ...cookie, url: BASE })));
  const page = await context.newPage();
  await page.goto("/administration");
  await expect(page.getByRole("heading", { name: "Espace de l'administration" })).toBeVisible();
  return page;
}

/** Farms of the sample in the Haute-Garonne (31, the agents' test département) not yet on the portal, all different. */
export function freeSiretsIn31(count: number): string[] {
  const db = new Database("data/e2e/portail-tic.db", { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
         WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL AND e.postal_code LIKE '31%'
           AND e.siret NOT IN (SELECT siret FROM structures) AND e.siret <> '73282932000074'`,
      )
      .all() as { siret: string }[];
    const picked = new Set<string>();
    while (picked.size < count) picked.add(rows[randomInt(rows.length)]!.siret);
    return [...picked];
  } finally {
    db.close();
  }
}

/** One such farm. */
export const freeSiretIn31 = (): string => freeSiretsIn31(1)[0]!;
