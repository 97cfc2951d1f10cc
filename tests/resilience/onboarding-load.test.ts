import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { childPids, query, serverForThisFile } from "./support/app-server";
import { activate, activationLink, activePerson, createStructure, requestAttachment, signIn, signUp } from "../support/people";
import { Visitor, alertText } from "../support/visitor";

const PEOPLE = 200;
const LOG = "data/resilience-load.log";
const SIRET = "41234567000019"; // GAEC DU MOULIN in the bundled sample

/** The connection broke (its server process was killed) before or while answering, as opposed to an answer. */
function brokenConnection(error: unknown): boolean {
  return error instanceof TypeError && /^(fetch failed|terminated)$/.test(error.message);
}

/**
 * One step of a person's journey. When the connection breaks under it, the person does what one
 * does: looks whether it was done (here: in the database), and does it again only when it was not.
 */
async function step<T>(done: () => boolean, work: () => Promise<T>, retries: { count: number }): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!brokenConnection(error) || attempt === 5) throw error;
      retries.count++;
      if (done()) return undefined;
      // As a person reloading: a moment later (a saturated machine also resets idle keep-alive connections).
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

const leaseHolderPid = (databaseFile: string) => {
  const [row] = query<{ holder: string }>(databaseFile, "SELECT holder FROM background_leases WHERE expires_at > ?", Date.now());
  return row ? Number(row.holder.split(":")[1]) : null;
};

describe(`${PEOPLE} people onboarding at the same time on two server processes, one killed in the middle`, () => {
  const server = serverForThisFile(3410, LOG, { workers: 2 });
  const { stub } = server;

  it("answers every person, loses no account and no mail, does nothing twice, and hands the background work over", async () => {
    await expect.poll(() => childPids(server.app.process.pid!).length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => leaseHolderPid(server.databaseFile), { timeout: 30_000 }).not.toBeNull();
    const manager = await activePerson(server.app.url, server.mailbox, "gestionnaire.charge@exemple.fr");
    await createStructure(manager, SIRET);

    const failures: string[] = [];
    const retries = { count: 0 };
    const userRow = (email: string) =>
      query<{ id: number; status: string }>(server.databaseFile, "SELECT id, status FROM users WHERE login_email = ?", email)[0];
    let activated = 0;
    const started = Date.now();
    const load = Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const email = `charge.${i}@exemple.fr`;
        try {
          const visitor = new Visitor(server.app.url);
          const signedUp = await step(
            () => userRow(email) !== undefined,
            () => signUp(visitor, email),
            retries,
          );
          if (signedUp === false) throw new Error("inscription non confirmée");
          const link = await activationLink(server.mailbox, email, 120_000);
          await step(
            () => userRow(email)?.status === "active",
            () => activate(visitor, link),
            retries,
          );
          activated++;
          await step(
            () => false,
            () => signIn(visitor, email),
            retries,
          );
          const hasAsked = () => query(server.databaseFile, "SELECT 1 FROM attachments WHERE user_id = ?", userRow(email)!.id).length > 0;
          const asked = await step(hasAsked, () => requestAttachment(visitor, SIRET), retries);
          if (asked && !asked.$("main").text().includes("Votre demande est en attente de validation par"))
            throw new Error(`rattachement : ${asked.status} ${alertText(asked)}`);
        } catch (error) {
          const cause =
            error instanceof Error && error.cause instanceof Error
              ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})`
              : "";
          failures.push(`${email}: ${error instanceof Error ? error.message : String(error)}${cause}`);
        }
      }),
    );
    // In the middle of the run, the worker holding the background lease dies (SIGKILL).
    await expect.poll(() => activated, { timeout: 240_000, interval: 50 }).toBeGreaterThanOrEqual(PEOPLE / 4);
    const killed = leaseHolderPid(server.databaseFile)!;
    expect(childPids(server.app.process.pid!)).toContain(killed);
    process.kill(killed, "SIGKILL");
    const killedAt = Date.now();
    await load;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${PEOPLE} inscriptions + activations + connexions + demandes de rattachement en ${seconds.toFixed(1)} s, 2 processus dont un tué ; ${retries.count} étape(s) reprise(s) après une connexion coupée`,
    );
    expect(failures).toEqual([]);
    expect(readFileSync(LOG, "utf8")).not.toMatch(/SQLITE_BUSY|database is locked|⨯/);

    // The killed worker was replaced, and another process took the lease over within a minute.
    await expect.poll(() => childPids(server.app.process.pid!).filter((pid) => pid !== killed).length, { timeout: 30_000 }).toBe(2);
    const takenOver = () => [null, killed].includes(leaseHolderPid(server.databaseFile)) === false;
    await expect.poll(takenOver, { timeout: Math.max(1, 60_000 - (Date.now() - killedAt)), interval: 500 }).toBe(true);
    expect(childPids(server.app.process.pid!)).toContain(leaseHolderPid(server.databaseFile));

    // Nothing lost, nothing twice.
    const [accounts] = query<{ n: number }>(
      server.databaseFile,
      "SELECT count(*) AS n FROM users WHERE status = 'active' AND login_email LIKE 'charge.%'",
    );
    expect(accounts!.n).toBe(PEOPLE);
    const [pending] = query<{ n: number; people: number }>(
      server.databaseFile,
      "SELECT count(*) AS n, count(DISTINCT user_id) AS people FROM attachments WHERE status = 'pending'",
    );
    expect(pending).toEqual({ n: PEOPLE, people: PEOPLE });
    // Every mail of the run was delivered once: one activation per person, one request per person to the manager.
    await expect
      .poll(() => query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")[0]!.n, {
        timeout: 90_000,
      })
      .toBe(0);
    const activations = stub.mails.filter((m) => m.subject.startsWith("Activez votre compte") && m.to[0]!.startsWith("charge."));
    expect(new Set(activations.map((m) => m.to[0])).size).toBe(PEOPLE);
    expect(activations).toHaveLength(PEOPLE);
    expect(stub.mails.filter((m) => m.subject.startsWith("Nouvelle demande de rattachement"))).toHaveLength(PEOPLE);
    expect(new Set(stub.mails.map((m) => m.idempotencyKey)).size).toBe(stub.mails.length);
  });
});
