import { describe, expect, it } from "vitest";
import { query, serverForThisFile } from "./support/app-server";
import { activePerson, signUp } from "../support/people";
import { Visitor } from "../support/visitor";

/** Active SIRETs of the bundled sample, one per manager. */
const SIRETS = ["41234567000019", "73282932000074"];

describe("the server is killed (SIGKILL) in the middle of a load", () => {
  const server = serverForThisFile(3412, "data/resilience-crash.log");
  const { stub } = server;

  it("restarts on an intact database holding every acknowledged write and no half-done step", async () => {
    const managers = await Promise.all(
      SIRETS.map((_, i) => activePerson(server.app.url, server.mailbox, `crash.gestionnaire.${i}@exemple.fr`)),
    );
    const acknowledged: string[] = [];
    const structuresAcknowledged: string[] = [];
    let stop = false;
    let counter = 0;
    const worker = async () => {
      while (!stop) {
        const email = `crash.${counter++}@exemple.fr`;
        try {
          if (await signUp(new Visitor(server.app.url), email)) acknowledged.push(email);
        } catch {
          // the server died under this request: not acknowledged, so nothing is owed
        }
      }
    };
    const creations = managers.map(async (manager, i) => {
      await new Promise((resolve) => setTimeout(resolve, 300 * i));
      try {
        const first = await manager.fillAndSubmit(`/structures/nouvelle?siret=${SIRETS[i]}`, "Continuer", { siret: SIRETS[i]!, rcs: "" });
        const created = await manager.fillAndSubmit(first.location!, "Enregistrer et Valider", {});
        if (created.status === 303) structuresAcknowledged.push(SIRETS[i]!);
      } catch {
        // idem
      }
    });
    const load = Promise.all([...Array.from({ length: 8 }, worker), ...creations]);
    await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(40);
    await server.app.stop("SIGKILL");
    stop = true;
    await load;
    console.log(
      `arrêt brutal après ${acknowledged.length} inscriptions confirmées sur ${counter} tentées, ${structuresAcknowledged.length} structure(s) créée(s)`,
    );

    await server.restart();
    expect(query<{ integrity_check: string }>(server.databaseFile, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(query(server.databaseFile, "PRAGMA foreign_key_check")).toEqual([]);

    const users = new Set(query<{ login_email: string }>(server.databaseFile, "SELECT login_email FROM users").map((u) => u.login_email));
    expect(acknowledged.filter((email) => !users.has(email))).toEqual([]);
    // A sign-up is the account, its activation link and its mail, or nothing.
    expect(
      query(
        server.databaseFile,
        `SELECT u.login_email FROM users u WHERE u.status = 'pending' AND (
        NOT EXISTS (SELECT 1 FROM mail_tokens t WHERE t.user_id = u.id AND t.purpose = 'activation')
        OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o."to" = u.contact_email AND o.template IN ('activation', 'account-exists')))`,
      ),
    ).toEqual([]);
    // A structure always has its gestionnaire principal as an approved member.
    const structures = query<{ siret: string }>(server.databaseFile, "SELECT siret FROM structures");
    expect(structures.map((s) => s.siret)).toEqual(expect.arrayContaining(structuresAcknowledged));
    expect(
      query(
        server.databaseFile,
        "SELECT s.id FROM structures s WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.structure_id = s.id AND a.user_id = s.main_manager_id AND a.status = 'approved')",
      ),
    ).toEqual([]);
    // The restarted server delivers what was waiting (a mail claimed at the instant of the crash waits for its lease).
    await expect
      .poll(() => query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'")[0]!.n, {
        timeout: 30_000,
      })
      .toBe(0);
    expect(query(server.databaseFile, "SELECT id FROM outbox WHERE status = 'failed'")).toEqual([]);
    expect(new Set(stub.mails.map((m) => m.idempotencyKey)).size).toBe(stub.mails.length);
    // And it serves again.
    expect((await fetch(`${server.app.url}/connexion`)).status).toBe(200);
  });
});
