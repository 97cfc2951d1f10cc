// The administration's side of the fuzzing world (issue 19): agents over HTTP — the first
// administrator from the command line, an operator of the world's département, an invited agent
// who has not enrolled, an agent half signed in (password given, code not yet) — and a contest on
// the world's structure, so that every form of `/administration` has something to act on.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect } from "vitest";
import { AGENT_PASSWORD, enrolAndSignInOverHttp } from "../../support/agents-over-http";
import type { createResendStub } from "../../support/resend-stub.mjs";
import { alertText, statusText, Visitor } from "../../support/visitor";
import { AUTH_SECRET, query } from "./app-server";

type World = { stranger: Visitor; structureId: number };

const INVITATION = /\/administration\/invitation\/[A-Za-z0-9_-]{43}/;

/** `npm run agents -- creer-administrateur` on the server's database: the invitation's path. */
async function administratorPath(url: string, databaseFile: string, email: string): Promise<string> {
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
    { env: { ...process.env, DATABASE_FILE: databaseFile, APP_URL: url, AUTH_SECRET, MAIL_TRANSPORT: "outbox" } },
  );
  const path = stdout.match(INVITATION)?.[0];
  if (!path) throw new Error(`Pas de lien d'invitation : ${stdout}`);
  return path;
}

export async function buildAdministration(url: string, stub: ReturnType<typeof createResendStub>, databaseFile: string, world: World) {
  const departement = query<{ departement: string }>(databaseFile, "SELECT departement FROM structures WHERE id = ?", world.structureId)[0]!
    .departement;
  const admin = await enrolAndSignInOverHttp(
    url,
    await administratorPath(url, databaseFile, "fuzz.admin@administration.gouv.fr"),
    "fuzz.admin@administration.gouv.fr",
  );

  /** « Inviter l'agent », then the invitation's path from the mail. */
  async function invite(email: string, roles: string[]): Promise<{ path: string; id: number }> {
    const answer = await admin.fillAndSubmit("/administration/agents", "Inviter l'agent", {
      email,
      lastName: "Fuzz",
      firstName: "Agent",
      roles,
      departements: departement,
    });
    expect(statusText(answer), alertText(answer)).toContain("Invitation envoyée");
    for (let wait = 25; ; wait = Math.min(wait * 2, 200)) {
      const path = stub.mails.find((mail) => mail.to.includes(email))?.text.match(INVITATION)?.[0];
      if (path) return { path, id: query<{ id: number }>(databaseFile, "SELECT id FROM agents WHERE email = ?", email)[0]!.id };
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  const operatorInvitation = await invite("fuzz.operateur@administration.gouv.fr", ["operator"]);
  const operator = await enrolAndSignInOverHttp(url, operatorInvitation.path, "fuzz.operateur@administration.gouv.fr");
  const waiting = await invite("fuzz.attente@administration.gouv.fr", ["instructor", "payer"]);
  const halfway = await invite("fuzz.code@administration.gouv.fr", ["payer"]);
  await enrolAndSignInOverHttp(url, halfway.path, "fuzz.code@administration.gouv.fr");
  const codeStep = new Visitor(url);
  const first = await codeStep.fillAndSubmit("/administration/connexion", "Continuer", {
    email: "fuzz.code@administration.gouv.fr",
    password: AGENT_PASSWORD,
  });
  expect(first.location, alertText(first)).toBe("/administration/connexion/code");

  // Another structure's manager contests the world's structure: « Contestations » has a decision to make.
  const contested = await world.stranger.fillAndSubmit(
    `/structures/contestation?structure=${world.structureId}`,
    "Envoyer la contestation",
    { motif: "Je suis le véritable exploitant, Kbis à l'appui." },
  );
  expect(contested.status, alertText(contested)).toBeLessThan(400);
  expect(query(databaseFile, "SELECT id FROM structure_contests WHERE structure_id = ?", world.structureId)).toHaveLength(1);

  // Instruction and payment (issue 20): an instructor and a payer of the département; farms with
  // transmitted requests (one taken in charge, so that its file shows « Demander un complément »,
  // « Accepter » and « Rejeter ») and accepted ones (one left for « Mettre en paiement », one in an
  // order whose page has « Marquer comme payé »).
  const instructor = await enrolAndSignInOverHttp(
    url,
    (await invite("fuzz.instructeur@administration.gouv.fr", ["instructor"])).path,
    "fuzz.instructeur@administration.gouv.fr",
  );
  const payer = await enrolAndSignInOverHttp(
    url,
    (await invite("fuzz.payeur@administration.gouv.fr", ["payer"])).path,
    "fuzz.payeur@administration.gouv.fr",
  );
  const free = query<{ siret: string }>(
    databaseFile,
    `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
     WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL AND e.postal_code LIKE ? || '%'
       AND e.siret NOT IN (SELECT siret FROM structures) ORDER BY e.siret LIMIT 3`,
    departement,
  ).map((row) => row.siret);
  expect(free, "trois exploitations libres du département").toHaveLength(3);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "./scripts/lib/server-only-off.mjs", "--import", "tsx", "tests/support/instruction-world-child.ts"],
    {
      env: {
        ...process.env,
        DATABASE_FILE: databaseFile,
        APP_URL: url,
        AUTH_SECRET,
        MAIL_TRANSPORT: "outbox",
        INSTRUCTION_WORLD: JSON.stringify({
          transmitted: [free[0]],
          accepted: [free[1], free[2]],
          instructorEmail: "fuzz.instructeur@administration.gouv.fr",
        }),
      },
    },
  );
  const { transmittedIds, acceptedIds } = JSON.parse(stdout) as { transmittedIds: number[]; acceptedIds: number[] };
  const taken = await instructor.fillAndSubmit(`/administration/demandes/${transmittedIds[0]}`, "Prendre en charge", {});
  expect(taken.status, alertText(taken)).toBeLessThan(400);
  const ordered = await payer.fillAndSubmit(
    `/administration/paiements/confirmer?demande=${acceptedIds[1]}`,
    "Confirmer la mise en paiement de 1 demande",
    {},
  );
  expect(ordered.status, alertText(ordered)).toBeLessThan(400);
  const orderId = query<{ id: number }>(
    databaseFile,
    "SELECT order_id AS id FROM payment_order_items WHERE request_id = ?",
    acceptedIds[1],
  )[0]!.id;

  const siret = query<{ siret: string }>(databaseFile, "SELECT siret FROM structures WHERE id = ?", world.structureId)[0]!.siret;
  const anonymous = new Visitor(url);
  /** Every page of the administration with a form, and who sees it; the pages that end something last. */
  const sources: [Visitor, string][] = [
    [anonymous, "/administration/connexion"],
    [codeStep, "/administration/connexion/code"],
    [anonymous, waiting.path],
    [admin, "/administration/agents"],
    [operator, "/administration/courriers"],
    [operator, `/administration/verifier?siret=${siret}`],
    [operator, "/administration/assistance?adresse=monde.demandeur%40exemple.fr"],
    [operator, "/administration/contestations"],
    [instructor, `/administration/demandes/${transmittedIds[0]}`],
    [payer, `/administration/paiements/confirmer?demande=${acceptedIds[0]}`],
    [payer, `/administration/paiements/ordres/${orderId}`],
    [admin, `/administration/agents/${waiting.id}`],
  ];
  return { admin, operator, sources };
}
