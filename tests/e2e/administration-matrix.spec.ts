import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { randomInt } from "node:crypto";
import { E2E_PORT } from "../../playwright.config";
import { AGENT_PASSWORD } from "../support/agents-over-http";
import { administratorOverHttp, invitedOverHttp } from "./agents-support";
import { Visitor } from "../support/visitor";
import { personSignedIn, queryOne, structureCreatedBy, uniqueEmail } from "./support";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
// The refusal, in the page or (where the page itself is not theirs: 404) in the action's answer.
const REFUSED = /Vous n(&#x27;|')avez pas le droit d(&#x27;|')effectuer cette action\./;

function freeSiretIn31(): string {
  const db = new Database("data/e2e/portail-tic.db", { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
         WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL AND e.postal_code LIKE '31%'
           AND e.siret NOT IN (SELECT siret FROM structures) AND e.siret <> '73282932000074'`,
      )
      .all() as { siret: string }[];
    return rows[randomInt(rows.length)]!.siret;
  } finally {
    db.close();
  }
}

const auditCount = (action: string, targetId: number) => queryOne<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = ? AND target_id = ?", action, String(targetId))!.n;

test("every agent role × operator action × inside/outside the département, over HTTP; farm sessions and strangers get nothing", async ({ browser }) => {
  // Five agents enrolled and signed in (two argon2id hashes each) and 25 replayed forms.
  test.setTimeout(150_000);
  const farmer = await personSignedIn(browser, "matrice", { firstName: "Claire", lastName: "Durand" });
  const siret = freeSiretIn31();
  const structureId = await structureCreatedBy(farmer, siret);
  const farmerId = queryOne<{ id: number }>("SELECT id FROM users WHERE login_email = ?", farmer.email)!.id;
  const letterId = queryOne<{ id: number }>("SELECT max(id) AS id FROM verification_letters WHERE structure_id = ?", structureId)!.id;

  const admin = await administratorOverHttp();
  const inside = await invitedOverHttp(admin, ["operator"], "31");
  const outside = await invitedOverHttp(admin, ["operator"], "81, 2A");
  const instructor = await invitedOverHttp(admin, ["instructor"], "31");
  const payer = await invitedOverHttp(admin, ["payer"], "31");
  const farmVisitor = farmer.http;
  const stranger = new Visitor(BASE);

  // The forms as the competent operator sees them; the others replay them.
  const review = await inside.form(`/administration/verifier?siret=${siret}`, "Vérifier la structure");
  const support = await inside.form(`/administration/assistance?adresse=${encodeURIComponent(farmer.email)}`, "Débloquer");
  const letters = await inside.form(`/administration/courriers?demandeur=${farmerId}`, "Marquer comme envoyés");
  const inviteForm = await admin.form("/administration/agents", "Inviter l'agent");

  for (const [who, visitor] of [["admin", admin], ["outside operator", outside], ["instructor", instructor], ["payer", payer], ["farm user", farmVisitor], ["nobody", stranger]] as const) {
    const isAgent = visitor !== farmVisitor && visitor !== stranger;
    const check = (answer: { status: number; location: string | null; html: string }) => {
      if (isAgent) expect(answer.html, who).toMatch(REFUSED);
      else expect([answer.status, answer.location], who).toEqual([303, "/administration/connexion"]);
    };
    check(await visitor.submit(review, { document: "kbis", motif: "Kbis examiné" }));
    check(await visitor.submit(support, { motif: "Appel de l'usager" }));
    check(await visitor.submit(letters, { letterIds: String(letterId) }));
    if (visitor !== admin) {
      const answer = await visitor.submit(inviteForm, { email: uniqueEmail("intrus"), lastName: "Intrus", firstName: "I", roles: "administrator", departements: "" });
      if (isAgent) expect(answer.html, who).toMatch(REFUSED);
      else expect(answer.location, who).toBe("/administration/connexion");
    }
    // Pages: the farm user and nobody are sent to the agents' sign-in; the lists of others hold nothing of 31.
    const page = await visitor.get(`/administration/verifier?siret=${siret}`);
    if (!isAgent) expect(page.location, who).toBe("/administration/connexion");
    else expect(page.html, who).not.toContain("Vérifier la structure</button>");
  }
  expect(queryOne<{ s: string }>("SELECT verification_status AS s FROM structures WHERE id = ?", structureId)!.s).toBe("unverified");
  expect(auditCount("support.unblocked", farmerId)).toBe(0);
  expect(queryOne<{ sent: number | null }>("SELECT sent_at AS sent FROM verification_letters WHERE id = ?", letterId)!.sent).toBeNull();
  expect(queryOne<{ n: number }>("SELECT count(*) AS n FROM agents WHERE last_name = 'Intrus'")!.n).toBe(0);

  // The competent operator does each, once.
  expect((await inside.submit(support, { motif: "Appel de l'usager" })).html).toContain("Le compte est débloqué");
  expect(auditCount("support.unblocked", farmerId)).toBe(1);
  expect((await inside.submit(letters, { letterIds: String(letterId) })).html).toContain("1 courrier marqué comme envoyé");
  expect((await inside.submit(review, { document: "kbis", motif: "Kbis examiné" })).html).toContain("est vérifiée");
  expect(queryOne<{ s: string }>("SELECT verification_status AS s FROM structures WHERE id = ?", structureId)!.s).toBe("verified");

  // An agent's cookie on the farms' pages, a farm's cookie on the administration's: nothing.
  const agentOnFarm = await inside.get("/accueil");
  expect(agentOnFarm.location).toMatch(/^\/connexion/);
  const farmOnAdmin = await farmVisitor.get("/administration");
  expect(farmOnAdmin.location).toBe("/administration/connexion");

  // A stolen password without the second factor opens nothing.
  const thief = new Visitor(BASE);
  const payerEmail = queryOne<{ email: string }>("SELECT email FROM agents WHERE id = (SELECT max(id) FROM agents WHERE last_name = 'Matrice')")!.email;
  const first = await thief.fillAndSubmit("/administration/connexion", "Continuer", { email: payerEmail, password: AGENT_PASSWORD });
  expect(first.location).toBe("/administration/connexion/code");
  expect((await thief.get("/administration")).location).toBe("/administration/connexion");
  const guessed = await thief.fillAndSubmit("/administration/connexion/code", "Se connecter", { code: "000000" });
  expect(guessed.html).toContain("Ce code n&#x27;est pas le bon");
  expect((await thief.get("/administration/mon-activite")).location).toBe("/administration/connexion");
});
