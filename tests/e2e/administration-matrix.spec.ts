import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { readSheet } from "read-excel-file/node";
import { E2E_PORT } from "../../playwright.config";
import { AGENT_PASSWORD } from "../support/agents-over-http";
import { administratorOverHttp, freeSiretIn31, invitedOverHttp } from "./agents-support";
import { Visitor } from "../support/visitor";
import { personSignedIn, queryOne, structureCreatedBy, uniqueEmail } from "./support";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
// The refusal, in the page or (where the page itself is not theirs: 404) in the action's answer.
const REFUSED = /Vous n(&#x27;|')avez pas le droit d(&#x27;|')effectuer cette action\./;

const auditCount = (action: string, targetId: number) =>
  queryOne<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = ? AND target_id = ?", action, String(targetId))!.n;

test("every agent role × operator action × inside/outside the département, over HTTP; farm sessions and strangers get nothing", async ({
  browser,
}) => {
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

  for (const [who, visitor] of [
    ["admin", admin],
    ["outside operator", outside],
    ["instructor", instructor],
    ["payer", payer],
    ["farm user", farmVisitor],
    ["nobody", stranger],
  ] as const) {
    const isAgent = visitor !== farmVisitor && visitor !== stranger;
    const check = (answer: { status: number; location: string | null; html: string }) => {
      if (isAgent) expect(answer.html, who).toMatch(REFUSED);
      else expect([answer.status, answer.location], who).toEqual([303, "/administration/connexion"]);
    };
    check(await visitor.submit(review, { document: "kbis", motif: "Kbis examiné" }));
    check(await visitor.submit(support, { motif: "Appel de l'usager" }));
    check(await visitor.submit(letters, { letterIds: String(letterId) }));
    if (visitor !== admin) {
      const answer = await visitor.submit(inviteForm, {
        email: uniqueEmail("intrus"),
        lastName: "Intrus",
        firstName: "I",
        roles: "administrator",
        departements: "",
      });
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
  const payerEmail = queryOne<{ email: string }>(
    "SELECT email FROM agents WHERE id = (SELECT max(id) FROM agents WHERE last_name = 'Matrice')",
  )!.email;
  const first = await thief.fillAndSubmit("/administration/connexion", "Continuer", { email: payerEmail, password: AGENT_PASSWORD });
  expect(first.location).toBe("/administration/connexion/code");
  expect((await thief.get("/administration")).location).toBe("/administration/connexion");
  const guessed = await thief.fillAndSubmit("/administration/connexion/code", "Se connecter", { code: "000000" });
  expect(guessed.html).toContain("Ce code n&#x27;est pas le bon");
  expect((await thief.get("/administration/mon-activite")).location).toBe("/administration/connexion");
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/**
 * Fixture written into the e2e database (the farm's pages are tested elsewhere): a request of this farm, transmitted, with one line
 * and its invoice.
 */
function transmittedRequest(
  farmId: number,
  farmerEmail: string,
): { requestId: number; reference: string; invoiceId: number; ribId: number } {
  const db = new Database("data/e2e/portail-tic.db");
  try {
    return db.transaction(() => {
      const now = Date.now();
      const farmer = (db.prepare("SELECT id FROM users WHERE login_email = ?").get(farmerEmail) as { id: number }).id;
      db.prepare(
        "INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by) VALUES (?, 'ticRefund', 1, 1, '031123456', 'company', ?, ?)",
      ).run(farmId, now, farmer);
      const file = db.prepare(
        "INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by) VALUES (?, ?, 'application/pdf', ?, ?, 'x', ?, ?, ?) RETURNING id",
      );
      const ribId = (file.get(farmId, "rib", "rib<script>.pdf", PDF.length, PDF, now, farmer) as { id: number }).id;
      const account = (
        db
          .prepare(
            "INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by) VALUES (?, 'Exploitation', 'FR7630006000011234567890189', 'AGRIFRPPXXX', ?, 1, ?, ?) RETURNING id",
          )
          .get(farmId, ribId, now, farmer) as { id: number }
      ).id;
      const requestId = (
        db
          .prepare(
            "INSERT INTO refund_requests (structure_id, year, status, bank_account_id, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at, transmitted_at) VALUES (?, 2023, 'submitted', ?, 1, '031123456', 'company', ?, ?, ?, ?) RETURNING id",
          )
          .get(farmId, account, now, farmer, now, now) as { id: number }
      ).id;
      const reference = `TIC-2023-${String(requestId).padStart(6, "0")}`;
      db.prepare("UPDATE refund_requests SET reference = ? WHERE id = ?").run(reference, requestId);
      db.prepare("INSERT INTO refund_status_events (request_id, status, at, actor_user_id) VALUES (?, 'submitted', ?, ?)").run(
        requestId,
        now,
        farmer,
      );
      const invoiceId = (file.get(farmId, "invoice", "FA-1.pdf", PDF.length, PDF, now, farmer) as { id: number }).id;
      db.prepare(
        "INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, rate_kind, amount_cents, invoice_file_id, created_at, created_by) VALUES (?, 'FA-1', '2023-03-15', 'gnr', 100000, 14960, 'official', 14960, ?, ?, ?)",
      ).run(requestId, invoiceId, now, farmer);
      return { requestId, reference, invoiceId, ribId };
    })();
  } finally {
    db.close();
  }
}

const INSTRUCT_REFUSED = /Vous n(&#x27;|')avez pas le droit d(&#x27;|')(effectuer cette action|instruire cette demande)/;

test("instruction (issue 20): every role × action × inside/outside the département over HTTP; documents served safely; farms and strangers get nothing", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const farmer = await personSignedIn(browser, "matrice-instruction", { firstName: "Claire", lastName: "Durand" });
  const structureId = await structureCreatedBy(farmer, freeSiretIn31());
  const { requestId, reference, invoiceId, ribId } = transmittedRequest(structureId, farmer.email);
  const admin = await administratorOverHttp();
  const inside = await invitedOverHttp(admin, ["instructor"], "31");
  const outside = await invitedOverHttp(admin, ["instructor"], "12");
  const payer = await invitedOverHttp(admin, ["payer", "operator"], "31");
  const stranger = new Visitor(BASE);
  const file = `/administration/demandes/${requestId}`;
  const statusNow = () =>
    queryOne<{ status: string; instructor: number | null }>(
      "SELECT status, instructor_agent_id AS instructor FROM refund_requests WHERE id = ?",
      requestId,
    )!;

  // The list and the file: the competent instructor only.
  expect((await inside.get("/administration/demandes")).html).toContain(reference);
  expect((await outside.get("/administration/demandes?onglet=toutes")).html).not.toContain(reference);
  expect((await payer.get("/administration/demandes")).status).toBe(404);
  for (const visitor of [outside, payer]) expect((await visitor.get(file)).status).toBe(404);
  for (const visitor of [farmer.http, stranger]) expect((await visitor.get(file)).location).toBe("/administration/connexion");
  const csv = await inside.get("/administration/demandes/export?onglet=toutes");
  expect(csv.html).toContain(reference);
  expect((await outside.get("/administration/demandes/export?onglet=toutes")).html).not.toContain(reference);
  // The same list as an Excel workbook, read back: the competent instructor's only.
  const workbook = async (visitor: Visitor) => {
    const answer = await fetch(`${BASE}/administration/demandes/export?onglet=toutes&format=xlsx`, {
      headers: { cookie: visitor.cookieHeader() },
    });
    expect(answer.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return (await readSheet(Buffer.from(await answer.arrayBuffer()))).flat();
  };
  expect(await workbook(inside)).toContain(reference);
  expect(await workbook(outside)).not.toContain(reference);

  // The documents: the request's own, inline, sandboxed, never sniffed; nothing for the others.
  const open = (visitor: Visitor, fileId: number) =>
    fetch(`${BASE}${file}/documents/${fileId}`, { headers: { cookie: visitor.cookieHeader() }, redirect: "manual" });
  for (const fileId of [invoiceId, ribId]) {
    const answer = await open(inside, fileId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/pdf");
    expect(answer.headers.get("content-disposition")).toMatch(/^inline; filename="[^"<>]+\.pdf"/);
    expect(answer.headers.get("content-security-policy")).toContain("sandbox");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  }
  for (const visitor of [outside, payer, farmer.http, stranger]) expect((await open(visitor, invoiceId)).status).toBe(404);
  // A file of another structure named under this request: not served.
  expect((await open(inside, ribId + 10_000)).status).toBe(404);

  // « Prendre en charge » replayed by each: only the competent instructor.
  const take = await inside.form(file, "Prendre en charge");
  for (const [who, visitor] of [
    ["outside instructor", outside],
    ["payer", payer],
    ["admin", admin],
  ] as const)
    expect((await visitor.submit(take, { requestId: String(requestId) })).html, who).toMatch(INSTRUCT_REFUSED);
  for (const visitor of [farmer.http, stranger])
    expect((await visitor.submit(take, { requestId: String(requestId) })).location).toBe("/administration/connexion");
  expect(statusNow()).toEqual({ status: "submitted", instructor: null });
  // Done, the file says so from the address (the form that did it is gone with the old status).
  expect((await inside.submit(take, { requestId: String(requestId) })).location).toBe(`${file}?fait=demande-suivie`);
  expect(statusNow().status).toBe("processing");

  // The decisions, replayed by the others: refused, nothing written.
  const complement = await inside.form(file, "Demander un complément");
  const accept = await inside.form(file, "Accepter");
  const reject = await inside.form(file, "Rejeter la demande");
  for (const visitor of [outside, payer, admin]) {
    expect((await visitor.submit(complement, { requestId: String(requestId), body: "Intrus" })).html).toMatch(INSTRUCT_REFUSED);
    expect((await visitor.submit(accept, { requestId: String(requestId), mode: "whole" })).html).toMatch(INSTRUCT_REFUSED);
    expect((await visitor.submit(reject, { requestId: String(requestId), reason: "other", text: "Intrus" })).html).toMatch(
      INSTRUCT_REFUSED,
    );
  }
  for (const visitor of [farmer.http, stranger])
    expect((await visitor.submit(accept, { requestId: String(requestId), mode: "whole" })).location).toBe("/administration/connexion");
  expect(statusNow().status).toBe("processing");
  expect(queryOne<{ n: number }>("SELECT count(*) AS n FROM refund_messages WHERE request_id = ?", requestId)!.n).toBe(0);

  // The competent instructor asks a complement; only the farm answers it.
  expect((await inside.submit(complement, { requestId: String(requestId), body: "Précisez la livraison." })).location).toBe(
    `${file}?fait=complement-demande`,
  );
  const answer = await farmer.http.form(`/remboursement-tic/demandes/${requestId}`, "Envoyer la réponse");
  const intruder = await personSignedIn(browser, "matrice-intrus", { firstName: "Ivan", lastName: "Intrus" });
  expect((await intruder.http.submit(answer, { requestId: String(requestId), body: "Intrus" })).html).toMatch(
    /Vous n(&#x27;|')avez pas le droit de répondre/,
  );
  expect((await inside.submit(answer, { requestId: String(requestId), body: "Agent" })).location).toMatch(/^\/connexion/);
  expect((await farmer.http.submit(answer, { requestId: String(requestId), body: "Livrée le 15 mars." })).html).toContain(
    "Votre réponse est enregistrée",
  );
  expect(queryOne<{ n: number }>("SELECT count(*) AS n FROM refund_messages WHERE request_id = ?", requestId)!.n).toBe(2);
});
