import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { query, serverForThisFile } from "./support/app-server";
import { activate, activationLink, activePerson, createStructure, requestAttachment, signIn, signUp } from "../support/people";
import { Visitor, alertText } from "../support/visitor";

const PEOPLE = 200;
const LOG = "data/resilience-load.log";
const SIRET = "41234567000019"; // GAEC DU MOULIN in the bundled sample

describe(`${PEOPLE} people onboarding at the same time`, () => {
  const server = serverForThisFile(3410, LOG);
  const { stub } = server;

  it("answers every request, loses no account and no mail", async () => {
    const manager = await activePerson(server.app.url, server.mailbox, "gestionnaire.charge@exemple.fr");
    await createStructure(manager, SIRET);

    const failures: string[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const email = `charge.${i}@exemple.fr`;
        try {
          const visitor = new Visitor(server.app.url);
          if (!(await signUp(visitor, email))) throw new Error("inscription non confirmée");
          await activate(visitor, await activationLink(server.mailbox, email, 120_000));
          await signIn(visitor, email);
          const asked = await requestAttachment(visitor, SIRET);
          if (!asked.$("main").text().includes("Votre demande est en attente de validation par")) throw new Error(`rattachement : ${asked.status} ${alertText(asked)}`);
        } catch (error) {
          const cause = error instanceof Error && error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : "";
          failures.push(`${email}: ${error instanceof Error ? error.message : String(error)}${cause}`);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`${PEOPLE} inscriptions + activations + connexions + demandes de rattachement en ${seconds.toFixed(1)} s`);
    expect(failures).toEqual([]);
    expect(readFileSync(LOG, "utf8")).not.toMatch(/SQLITE_BUSY|database is locked|⨯/);

    const [accounts] = query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM users WHERE status = 'active' AND login_email LIKE 'charge.%'");
    expect(accounts!.n).toBe(PEOPLE);
    const [pending] = query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM attachments WHERE status = 'pending'");
    expect(pending!.n).toBe(PEOPLE);
    // Every mail of the run was delivered once: one activation per person, one request per person to the manager.
    await expect.poll(() => query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")[0]!.n, { timeout: 60_000 }).toBe(0);
    const activations = stub.mails.filter((m) => m.subject.startsWith("Activez votre compte") && m.to[0]!.startsWith("charge."));
    expect(new Set(activations.map((m) => m.to[0])).size).toBe(PEOPLE);
    expect(activations).toHaveLength(PEOPLE);
    expect(stub.mails.filter((m) => m.subject.startsWith("Nouvelle demande de rattachement"))).toHaveLength(PEOPLE);
    expect(new Set(stub.mails.map((m) => m.idempotencyKey)).size).toBe(stub.mails.length);
  });
});
