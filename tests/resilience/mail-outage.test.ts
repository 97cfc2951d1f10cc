import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResendStub } from "../support/resend-stub.mjs";
import { freshDatabase, query, removeDatabase, startApp, type AppServer } from "./support/app-server";
import { signUp } from "./support/people";
import { Visitor } from "./support/visitor";

const PEOPLE = 30;

describe("the mail provider is down for a while", () => {
  const stub = createResendStub();
  let app: AppServer;
  let databaseFile: string;

  beforeAll(async () => {
    const stubPort = await stub.listen(0);
    databaseFile = freshDatabase();
    app = await startApp({ port: 3411, databaseFile, stubPort, log: "data/resilience-mail.log" });
  });
  afterAll(async () => {
    await app?.stop();
    await stub.close();
    removeDatabase(databaseFile);
  });

  it("sign-ups still succeed; every mail is delivered once the provider recovers, none twice", async () => {
    stub.failNext(1_000_000); // every send answers 500
    const emails = Array.from({ length: PEOPLE }, (_, i) => `panne.${i}@exemple.fr`);
    const acknowledged = await Promise.all(emails.map((email) => signUp(new Visitor(app.url), email)));
    expect(acknowledged.every(Boolean)).toBe(true);

    // The outage is seen and retried: attempts counted, nothing delivered, nothing given up.
    await expect.poll(() => query<{ n: number }>(databaseFile, "SELECT min(attempts) AS n FROM outbox")[0]!.n, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(stub.mails).toHaveLength(0);
    expect(query(databaseFile, "SELECT id FROM outbox WHERE status IN ('sent', 'failed')")).toEqual([]);
    const failedSends = stub.received;
    expect(failedSends).toBeGreaterThanOrEqual(PEOPLE * 2);

    stub.failNext(0); // the provider is back
    await expect.poll(() => query<{ n: number }>(databaseFile, "SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")[0]!.n, { timeout: 60_000 }).toBe(0);
    for (const email of emails) {
      expect(stub.mails.filter((m) => m.to.includes(email)), email).toHaveLength(1);
    }
    expect(new Set(stub.mails.map((m) => m.idempotencyKey)).size).toBe(PEOPLE);
    console.log(`${PEOPLE} courriels : ${failedSends} envois refusés pendant la panne, tous livrés une fois après le retour du service`);
  });
});
