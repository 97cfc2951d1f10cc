// Issue 22 over HTTP, against `next start`: what the second attacker's probe found, and what must now hold.
import { execFile } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_FIXTURES } from "../../scripts/sirene/generator";
import { postBytes } from "../support/chunked-post";
import { pdfFile, pdfText } from "../support/refund-files";
import { addTestRatesForLastYear } from "../support/test-rates.mjs";
import { activePerson, createStructure } from "../support/people";
import { Visitor, alertText, statusText } from "../support/visitor";
import { AUTH_SECRET, query, serverForThisFile } from "./support/app-server";

const server = serverForThisFile(3415, "data/resilience-security-2.log");
let year = 0;
beforeAll(() => {
  year = addTestRatesForLastYear(server.databaseFile);
});

/** Active farms of the bundled SIRENE sample that no test of this file has put on the portal yet. */
const freeFarmSirets = (n: number) =>
  query<{ siret: string }>(
    server.databaseFile,
    `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u ON u.siren = e.siren
     WHERE e.is_active = 1 AND u.is_active = 1 AND e.naf_code LIKE '01%' AND e.siret NOT IN (SELECT siret FROM structures) LIMIT ?`,
    n,
  ).map((r) => r.siret);

/** An active centre de gestion (NAF 69.20Z) of the sample not yet on the portal. */
const freeCentreSiret = () =>
  query<{ siret: string }>(
    server.databaseFile,
    `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u ON u.siren = e.siren
     WHERE e.is_active = 1 AND u.is_active = 1 AND e.naf_code = '69.20Z' AND e.siret NOT IN (SELECT siret FROM structures) LIMIT 1`,
  )[0]!.siret;

const idOf = (siret: string) => query<{ id: number }>(server.databaseFile, "SELECT id FROM structures WHERE siret = ?", siret)[0]!.id;
const pdfBlob = async (name: string) => new Blob([Buffer.from((await pdfFile(name)).bytes)], { type: "application/pdf" });

/** `npm run operator -- …` on the server's database, as an operator runs it. */
async function operator(...args: string[]) {
  return promisify(execFile)(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--import", "./scripts/lib/server-only-off.mjs", "scripts/operator.ts", ...args],
    {
      env: { ...process.env, DATABASE_FILE: server.databaseFile, APP_URL: server.app.url, AUTH_SECRET, MAIL_TRANSPORT: "outbox" },
    },
  );
}

/** Opens « Demande de remboursement TIC » on a structure its gestionnaire principal manages. */
async function openTicSpace(visitor: Visitor, structureId: number) {
  const opened = await visitor.fillAndSubmit(`/gestionnaire/structures/${structureId}`, "Valider", {
    kinds: "ticRefund",
    canView: "on",
    canEdit: "on",
    pacage: "031123456",
    beneficiaryCategory: "company",
  });
  expect(statusText(opened), alertText(opened)).toContain("est ouvert");
}

describe("issue 22, point 1: a contest decided for the real owner", () => {
  it("ends the squatter's mandate: once the owner has verified the farm and recorded their IBAN, the squatter can neither switch the request to it nor transmit", async () => {
    const FARM = SAMPLE_FIXTURES.gaec.siret;
    const OTHER = SAMPLE_FIXTURES.cuma.siret;
    const mailbox = () => server.stub.mails;
    // The squatter manages the real owner's farm (unverified) and another structure of their own…
    const squatter = await activePerson(server.app.url, mailbox, "usurpateur@exemple.fr");
    await createStructure(squatter, OTHER);
    await createStructure(squatter, FARM);
    const farmId = idOf(FARM);
    await openTicSpace(squatter, farmId);
    // …and gives that other structure « Modification » with transmission on the farm.
    const given = await squatter.fillAndSubmit("/mandats/nouveau", "Donner le mandat", {
      agentSiret: OTHER,
      rights: "modification",
      canTransmit: "on",
      endDate: "",
    });
    expect(given.location, alertText(given)).toMatch(/\/mandats\/\d+\?fait=mandat-donne$/);
    const mandateId = Number(given.location!.match(/\/mandats\/(\d+)/)![1]);
    // A draft request with a line and its invoice, on the farm.
    const created = await squatter.fillAndSubmit("/remboursement-tic", "Saisir la demande", { year: String(year), notInDifficulty: "on" });
    expect(created.status, alertText(created)).toBe(303);
    const requestPage = created.location!;
    const requestId = Number(requestPage.match(/demandes\/(\d+)/)![1]);
    const line = await squatter.fillAndSubmit(requestPage, "Valider et fermer", {
      invoiceNumber: "FA-1",
      deliveryDate: `${year}-03-15`,
      product: "gnr",
      volume: "100",
      billedFullTariff: "oui",
      invoice: await pdfBlob("FA-1"),
    });
    expect(statusText(line), alertText(line)).toContain("est ajoutée");
    // What the squatter keeps to replay later: the form that switches the request's bank details.
    const headerForm = await squatter.form(requestPage, "Enregistrer");

    // The real owner contests; the operator transfers the farm to them.
    const owner = await activePerson(server.app.url, mailbox, "vrai.exploitant@exemple.fr");
    const contested = await owner.fillAndSubmit(`/structures/contestation?structure=${farmId}`, "Envoyer la contestation", {
      motif: "Je suis l'exploitant du GAEC : Kbis à l'appui.",
    });
    expect(contested.status, alertText(contested)).toBeLessThan(400);
    const contestId = query<{ id: number }>(
      server.databaseFile,
      "SELECT id FROM structure_contests WHERE structure_id = ? AND status = 'pending'",
      farmId,
    )[0]!.id;
    const decided = await operator(
      "contest-resolve",
      String(contestId),
      "transfer",
      "--motif",
      "Kbis au nom du contestataire",
      "--operateur",
      "Bruno Opérateur",
    );
    expect(decided.stdout).toContain(`Contestation n° ${contestId}`);

    // The owner verifies the farm with the code of the new letter, and records their IBAN.
    const letter = query<{ pdf: Buffer }>(
      server.databaseFile,
      "SELECT pdf FROM verification_letters WHERE structure_id = ? ORDER BY id DESC LIMIT 1",
      farmId,
    )[0]!;
    const code = (await pdfText(letter.pdf)).match(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/)![0];
    const verified = await owner.fillAndSubmit(`/gestionnaire/structures/${farmId}`, "Vérifier la structure", { code });
    expect(alertText(verified)).toBe("");
    expect(
      query<{ status: string }>(server.databaseFile, "SELECT verification_status AS status FROM structures WHERE id = ?", farmId)[0]!
        .status,
    ).toBe("verified");
    const iban = await owner.fillAndSubmit(`/gestionnaire/structures/${farmId}`, "Enregistrer les références bancaires", {
      holder: "GAEC DU MOULIN",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: "on",
      rib: await pdfBlob("rib.pdf"),
    });
    expect(statusText(iban), alertText(iban)).toContain("sont enregistrées");
    const ownerAccount = query<{ id: number }>(
      server.databaseFile,
      "SELECT id FROM bank_accounts WHERE structure_id = ? AND removed_at IS NULL",
      farmId,
    )[0]!.id;

    // The squatter, through the other structure, tries what the probe did.
    expect(query<{ status: string }>(server.databaseFile, "SELECT status FROM mandates WHERE id = ?", mandateId)[0]!.status).toBe("ended");
    // The former holder is told the mandate ended (issue 21), and sees nothing of the request: no form, no account.
    const closed = await squatter.get(requestPage);
    expect(closed.html).toContain("a pris fin");
    expect(closed.$("main form").length).toBe(0);
    expect(closed.html).not.toContain("0189");
    const switched = await squatter.submit(headerForm, { bankAccountId: String(ownerAccount), notInDifficulty: "on" });
    expect(switched.status).toBeLessThan(500);
    expect((await squatter.get(`${requestPage}/transmettre`)).status).toBe(404);
    const after = query<{ status: string; bank: number | null; sworn: number }>(
      server.databaseFile,
      "SELECT status, bank_account_id AS bank, not_in_difficulty AS sworn FROM refund_requests WHERE id = ?",
      requestId,
    )[0]!;
    expect(after).toMatchObject({ status: "draft", sworn: 0 });
    expect(after.bank).not.toBe(ownerAccount);
    expect(query(server.databaseFile, "SELECT id FROM audit_events WHERE action = 'refund.transmitted'")).toEqual([]);
  });
});

describe("issue 22, point 6: password tries are taken before hashing", () => {
  it("80 wrong passwords posted at once: the tries are taken as they arrive, before hashing; only those the policy's delays allow are checked", async () => {
    const email = "cible.mot-de-passe@exemple.fr";
    await activePerson(server.app.url, () => server.stub.mails, email);
    const attacker = new Visitor(server.app.url);
    const form = await attacker.form("/connexion", "Se connecter");
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => attacker.submit(form, { loginEmail: email, password: "pas le bon mot de passe" })),
    );
    expect(answers.every((a) => a.status < 500)).toBe(true);
    const failed = query<{ at: number }>(
      server.databaseFile,
      "SELECT at FROM audit_events WHERE action = 'auth.sign_in_failed' ORDER BY at",
    ).map((r) => r.at);
    const throttled = query<{ n: number }>(
      server.databaseFile,
      "SELECT count(*) AS n FROM audit_events WHERE action = 'auth.sign_in_throttled'",
    )[0]!.n;
    expect(failed.length + throttled).toBe(80);
    // 3 free failures and the 4th at once; each further one only after the delay the previous one
    // set (1 s, 2 s, 4 s…). Before the fix, 14 were checked within the same instant.
    expect(failed.length).toBeGreaterThanOrEqual(4);
    expect(failed.length).toBeLessThan(10);
    for (let k = 4; k < failed.length; k++)
      expect(failed[k]! - failed[k - 1]!, `essai n° ${k + 1}`).toBeGreaterThanOrEqual(1000 * 2 ** (k - 4));
  });
});

describe("issue 22, point 2: one account claiming SIRETs by the dozen", () => {
  it("12 creations in a row: 3 are made, the 9 others refused in French with nothing written; the operator sees the letters by requester", async () => {
    const email = "rafale@exemple.fr";
    const claimant = await activePerson(server.app.url, () => server.stub.mails, email);
    const sirets = freeFarmSirets(12);
    expect(sirets).toHaveLength(12);
    const refusals: string[] = [];
    for (const siret of sirets) {
      const first = await claimant.fillAndSubmit(`/structures/nouvelle?siret=${siret}`, "Continuer", { siret, rcs: "" });
      expect(first.status, alertText(first)).toBe(303);
      const created = await claimant.fillAndSubmit(first.location!, "Enregistrer et Valider", {});
      if (created.status !== 303) refusals.push(alertText(created));
    }
    expect(refusals).toHaveLength(9);
    for (const refusal of refusals) expect(refusal).toMatch(/Vous avez déjà inscrit 3 structures aujourd'hui/);
    const userId = query<{ id: number }>(server.databaseFile, "SELECT id FROM users WHERE login_email = ?", email)[0]!.id;
    expect(query(server.databaseFile, "SELECT id FROM structures WHERE created_by = ?", userId)).toHaveLength(3);
    const listed = await operator(
      "letters",
      "--operateur",
      "Opératrice Test",
      "--dossier",
      mkdtempSync(path.join(tmpdir(), "courriers-")),
      "--par-demandeur",
    );
    expect(listed.stdout).toMatch(new RegExp(`${email}> \\(personne n° ${userId}\\) : 3 courriers`));
    const stopped = await operator("letters-stop", String(userId), "--motif", "Rafale de créations", "--operateur", "Opératrice Test");
    expect(stopped.stdout).toMatch(/^3 courriers de la personne n° \d+ retirés/);
  });
});

describe("issue 22, point 3 and issue 21, point 12: mail floods and a centre's daily digest", () => {
  it("10 ask/withdraw loops over HTTP: the farm's manager gets 2 mails, not 20; asking stops after 6; a centre's user who chose the digest gets no mail at once", async () => {
    const FARM = freeFarmSirets(1)[0]!;
    const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;
    const farmerEmail = "exploitante.flood@exemple.fr";
    const centreEmail = "centre.flood@exemple.fr";
    const farmer = await activePerson(server.app.url, () => server.stub.mails, farmerEmail);
    await createStructure(farmer, FARM);
    await openTicSpace(farmer, idOf(FARM));
    const centre = await activePerson(server.app.url, () => server.stub.mails, centreEmail);
    await createStructure(centre, CENTRE, { managementCentre: true });
    // The centre's manager chooses the daily digest on « Mon compte ».
    const chosen = await centre.fillAndSubmit("/mon-compte", "Enregistrer mon choix", { dailyDigest: "oui" });
    expect(statusText(chosen), alertText(chosen)).toContain("un seul courriel par jour");

    const refusals: string[] = [];
    for (let loop = 0; loop < 10; loop++) {
      const asked = await centre.fillAndSubmit("/mandats/nouveau", "Demander le mandat", {
        farmSiret: FARM,
        rights: "modification",
        canTransmit: "on",
        endDate: "",
      });
      if (asked.status !== 303) {
        refusals.push(alertText(asked));
        continue;
      }
      const withdrawn = await centre.fillAndSubmit(new URL(asked.location!, server.app.url).pathname, "Confirmer : Retirer la demande", {});
      expect(withdrawn.status, alertText(withdrawn)).toBe(303);
    }
    expect(refusals).toHaveLength(4);
    for (const refusal of refusals) expect(refusal).toMatch(/^Trop de demandes et de mandats donnés aujourd'hui entre ces deux structures/);
    const mailsTo = (address: string) =>
      query<{ template: string }>(server.databaseFile, 'SELECT template FROM outbox WHERE "to" = ? ORDER BY id', address).map(
        (m) => m.template,
      );
    expect(mailsTo(farmerEmail).filter((t) => t === "mandate-changed")).toHaveLength(2);
    expect(mailsTo(centreEmail).filter((t) => t === "mandate-changed")).toHaveLength(0);
    const waiting = (email: string) =>
      query<{ n: number }>(
        server.databaseFile,
        "SELECT count(*) AS n FROM digest_items d JOIN users u ON u.id = d.user_id WHERE u.login_email = ? AND d.sent_at IS NULL",
        email,
      )[0]!.n;
    expect(waiting(farmerEmail)).toBe(10);
    expect(waiting(centreEmail)).toBe(12);
  });
});

describe("issue 22, point 5: page and number parameters", () => {
  it("« Portefeuille » with page=Infinity, 1e308, -1, 1.5 or abc shows page 1; a structure or contest id of 1e308 is « introuvable », never a 500", async () => {
    const member = await activePerson(server.app.url, () => server.stub.mails, "parametres@exemple.fr");
    // « Portefeuille » is a centre de gestion's (or a mandate holder's) page (ADR 0019).
    await createStructure(member, freeCentreSiret(), { managementCentre: true });
    for (const page of ["Infinity", "1e308", "-1", "1.5", "abc", "99999999999999999999"]) {
      const answer = await member.get(`/portefeuille?page=${page}&annee=1e308`);
      expect(answer.status, `page=${page}`).toBe(200);
      expect(answer.$("h1").text()).toBe("Portefeuille");
    }
    for (const path of [
      "/gestionnaire/structures/1e308",
      "/structures/contestation?structure=1e308",
      "/gestionnaire/structures/Infinity",
    ]) {
      expect((await member.get(path)).status, path).toBe(404);
    }
  });
});

describe("issue 22, point 7: a farm's bank details under a Consultation mandate", () => {
  it("the mandated structure sees the IBAN masked, no BIC, no RIB link; the RIB's address answers 404", async () => {
    const [farmSiret, agentSiret] = freeFarmSirets(2);
    const farmer = await activePerson(server.app.url, () => server.stub.mails, "exploitant.rib@exemple.fr");
    await createStructure(farmer, farmSiret!);
    const farmId = idOf(farmSiret!);
    await openTicSpace(farmer, farmId);
    const account = await farmer.fillAndSubmit(`/gestionnaire/structures/${farmId}`, "Enregistrer les références bancaires", {
      holder: "EARL TEST",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: "on",
      rib: await pdfBlob("rib.pdf"),
    });
    expect(statusText(account), alertText(account)).toContain("sont enregistrées");
    const created = await farmer.fillAndSubmit("/remboursement-tic", "Saisir la demande", { year: String(year), notInDifficulty: "on" });
    expect(created.status, alertText(created)).toBe(303);
    const requestPage = created.location!;
    expect((await farmer.get(requestPage)).$("main").text()).toContain("FR76 3000 6000 0112 3456 7890 189");

    const agent = await activePerson(server.app.url, () => server.stub.mails, "mandataire.rib@exemple.fr");
    await createStructure(agent, agentSiret!);
    const given = await farmer.fillAndSubmit("/mandats/nouveau", "Donner le mandat", {
      agentSiret: agentSiret!,
      rights: "consultation",
      endDate: "",
    });
    expect(given.status, alertText(given)).toBe(303);
    // The request page of a farm that is not the current structure offers to switch to it first.
    const farmName = query<{ name: string }>(server.databaseFile, "SELECT name FROM structures WHERE id = ?", farmId)[0]!.name;
    const switched = await agent.fillAndSubmit(requestPage, `Travailler sur ${farmName}`, {});
    expect(switched.status, alertText(switched)).toBeLessThan(400);
    const seen = await agent.get(requestPage);
    expect(seen.status).toBe(200);
    const text = seen.$("main").text();
    expect(text).toContain("FR76 •••• •••• 0189");
    expect(text).not.toContain("0112 3456");
    expect(text).not.toContain("AGRIFRPPXXX");
    expect(seen.$("a", "main").filter((_, a) => seen.$(a).text().includes("RIB")).length).toBe(0);
    const ribId = query<{ id: number }>(
      server.databaseFile,
      "SELECT rib_file_id AS id FROM bank_accounts WHERE structure_id = ?",
      farmId,
    )[0]!.id;
    expect((await agent.get(`/remboursement-tic/fichiers/${ribId}`)).status).toBe(404);
    expect((await farmer.get(`/remboursement-tic/fichiers/${ribId}`)).status).toBe(200);
  });
});

describe("issue 22, point 8: hygiene", () => {
  it("a 30 MB body sent chunked, without Content-Length, gets the French 413 page, not a 500 nor a broken connection; the server goes on", async () => {
    const refused = await postBytes(`${server.app.url}/remboursement-tic`, 30 * 1024 * 1024);
    expect(refused.status).toBe(413);
    expect(refused.type).toBe("text/html; charset=utf-8");
    expect(refused.body).toContain("<h1>Fichier trop volumineux</h1>");
    // Declared over the limit: the same page, before the body is read.
    expect((await postBytes(`${server.app.url}/remboursement-tic`, 9 * 1024 * 1024, true)).status).toBe(413);
    // A small chunked body still reaches Next.js (a POST without action: the page, signed out).
    const small = await postBytes(`${server.app.url}/connexion`, 1000);
    expect(small.status).toBeLessThan(500);
    expect(small.status).not.toBe(413);
  });

  it("the database, its WAL and SHM are owner-only (0600)", () => {
    for (const file of [server.databaseFile, `${server.databaseFile}-wal`, `${server.databaseFile}-shm`]) {
      expect((statSync(file).mode & 0o777).toString(8), file).toBe("600");
    }
  });
});

describe("issue 22, point 4: terminal escapes never reach the operator", () => {
  it("a contest motif full of ESC sequences is stored without them, and `operator -- contests` escapes any older row", async () => {
    const [siret] = freeFarmSirets(1);
    const manager = await activePerson(server.app.url, () => server.stub.mails, "gestion.echappement@exemple.fr");
    await createStructure(manager, siret!);
    const structureId = idOf(siret!);
    const attacker = await activePerson(server.app.url, () => server.stub.mails, "echappement@exemple.fr", {
      lastName: "Faux\u001b[2K\u001b[1ANom",
    });
    const motif = "Je suis le vrai exploitant.\u001b[2K\u001b[1A\u001b]52;c;ZXZpbA==\u0007n° 1\tstructure 1\tFAUX\u202e";
    const contested = await attacker.fillAndSubmit(`/structures/contestation?structure=${structureId}`, "Envoyer la contestation", {
      motif,
    });
    expect(contested.status, alertText(contested)).toBeLessThan(400);
    const stored = query<{ motif: string }>(
      server.databaseFile,
      "SELECT motif FROM structure_contests WHERE structure_id = ?",
      structureId,
    )[0]!.motif;
    expect(stored).toBe("Je suis le vrai exploitant.[2K[1A]52;c;ZXZpbA==n° 1 structure 1 FAUX");
    expect(
      query<{ n: string }>(server.databaseFile, "SELECT last_name AS n FROM users WHERE login_email = 'echappement@exemple.fr'")[0]!.n,
    ).toBe("Faux[2K[1ANom");
    // A row written before the rule (or by another path): printed escaped, never raw.
    const writer = new Database(server.databaseFile);
    writer.pragma("busy_timeout = 5000");
    writer
      .prepare("UPDATE structure_contests SET motif = ? WHERE structure_id = ?")
      .run("ancien\u001b[2J\u001b]52;c;eA==\u0007", structureId);
    writer.close();
    const listed = await operator("contests");
    expect(listed.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(listed.stdout).toContain("ancien\\u{1B}[2J\\u{1B}]52;c;eA==\\u{7}");
  });
});
