import { describe, expect, it } from "vitest";
import { query, serverForThisFile } from "./support/app-server";
import { signUp } from "../support/people";
import { Visitor } from "../support/visitor";

const PEOPLE = 30;

describe("the mail provider is down for a while", () => {
  const server = serverForThisFile(3411, "data/resilience-mail.log");
  const { stub } = server;

  it("sign-ups still succeed; every mail is delivered once the provider recovers, none twice", async () => {
    stub.failNext(1_000_000); // every send answers 500
    const emails = Array.from({ length: PEOPLE }, (_, i) => `panne.${i}@exemple.fr`);
    const acknowledged = await Promise.all(emails.map((email) => signUp(new Visitor(server.app.url), email)));
    expect(acknowledged.every(Boolean)).toBe(true);

    // The outage is seen and retried: attempts counted, nothing delivered, nothing given up.
    await expect
      .poll(() => query<{ n: number }>(server.databaseFile, "SELECT min(attempts) AS n FROM outbox")[0]!.n, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    expect(stub.mails).toHaveLength(0);
    expect(query(server.databaseFile, "SELECT id FROM outbox WHERE status IN ('sent', 'failed')")).toEqual([]);
    const failedSends = stub.received;
    expect(failedSends).toBeGreaterThanOrEqual(PEOPLE * 2);

    stub.failNext(0); // the provider is back
    await expect
      .poll(() => query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")[0]!.n, {
        timeout: 60_000,
      })
      .toBe(0);
    for (const email of emails) {
      expect(
        stub.mails.filter((m) => m.to.includes(email)),
        email,
      ).toHaveLength(1);
    }
    expect(new Set(stub.mails.map((m) => m.idempotencyKey)).size).toBe(PEOPLE);
    console.log(`${PEOPLE} courriels : ${failedSends} envois refusés pendant la panne, tous livrés une fois après le retour du service`);
  });
});
