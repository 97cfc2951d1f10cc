import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { resetConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { MAX_ATTEMPTS, deliverDueMails, kickDelivery, setAutomaticDelivery } from "@/lib/mail/deliver";
import { createResendStub } from "../support/resend-stub.mjs";
import { pendingUser } from "../support/accounts";

let stub: ReturnType<typeof createResendStub>;

beforeEach(async () => {
  stub = createResendStub();
  const port = await stub.listen();
  process.env.MAIL_TRANSPORT = "resend";
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Portail TIC <ne-pas-repondre@portail-tic.test>";
  resetConfig();
});

afterEach(async () => {
  await stub.close();
  for (const key of ["MAIL_TRANSPORT", "RESEND_API_KEY", "RESEND_BASE_URL", "MAIL_FROM"]) delete process.env[key];
  resetConfig();
});

const rowFor = (to: string) => getDb().select().from(outbox).where(eq(outbox.to, to)).get()!;

describe("mail delivery through the Resend SDK", () => {
  it("keeps a mail when the provider fails, retries it later, and sends it exactly once", async () => {
    const loginEmail = pendingUser();
    const t0 = Date.now();
    stub.failNext(1);

    expect(await deliverDueMails(t0)).toEqual({ sent: 0, failed: 1 });
    let row = rowFor(loginEmail);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/Stub failure/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0 + 29_000);
    expect(stub.mails).toHaveLength(0);

    // Not due yet: nothing is sent early.
    expect(await deliverDueMails(t0 + 1_000)).toEqual({ sent: 0, failed: 0 });

    expect(await deliverDueMails(t0 + 31_000)).toEqual({ sent: 1, failed: 0 });
    row = rowFor(loginEmail);
    expect(row).toMatchObject({ status: "sent", attempts: 2, transport: "resend", providerId: "stub-1", props: null });
    expect(stub.mails).toHaveLength(1);
    const mail = stub.mails[0]!;
    expect(mail).toMatchObject({
      to: [loginEmail],
      from: "Portail TIC <ne-pas-repondre@portail-tic.test>",
      subject: "Activez votre compte – Portail TIC",
    });
    expect(mail.html).toContain("Activer votre compte");
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/activation\/[A-Za-z0-9_-]{43}/);
    expect(mail.idempotencyKey).toBe(`portail-tic-outbox-${row.id}`);

    // Later passes find nothing to send.
    expect(await deliverDueMails(t0 + 10 * 60_000)).toEqual({ sent: 0, failed: 0 });
    expect(stub.received).toBe(2);
  });

  it("gives up after the last attempt, and the mail stays visible as failed", async () => {
    const loginEmail = pendingUser();
    stub.failNext(MAX_ATTEMPTS);
    let at = Date.now();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      at += 2 * 3_600_000;
      await deliverDueMails(at);
    }
    expect(rowFor(loginEmail)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await deliverDueMails(at + 10 * 3_600_000)).toEqual({ sent: 0, failed: 0 });
  });

  it("lets only one of two concurrent senders send a mail", async () => {
    pendingUser();
    const now = Date.now();
    const results = await Promise.all([deliverDueMails(now), deliverDueMails(now)]);
    expect(results.reduce((total, r) => total + r.sent, 0)).toBe(1);
    expect(stub.mails).toHaveLength(1);
  });

  it("sends every mail left waiting with one kick, past a full batch (a restarted server does not wait for the retry worker)", async () => {
    // 51 mails waiting, one more than a batch (one activation mail, copied: sign-ups are rate-limited).
    pendingUser();
    const copy = getDb().$client.prepare(`INSERT INTO outbox (created_at, "to", subject, template, props, status, attempts, next_attempt_at)
      SELECT created_at, "to", subject, template, props, status, attempts, next_attempt_at FROM outbox ORDER BY id LIMIT 1`);
    for (let i = 1; i < 51; i++) copy.run();
    setAutomaticDelivery(true);
    try {
      kickDelivery();
      await expect.poll(() => stub.mails.length, { timeout: 30_000 }).toBe(51);
      // The provider's answer arrives before the row is marked sent: wait for the row too.
      await expect.poll(() => getDb().select().from(outbox).where(eq(outbox.status, "sent")).all().length, { timeout: 10_000 }).toBe(51);
    } finally {
      setAutomaticDelivery(false);
    }
    expect(stub.mails).toHaveLength(51);
  }, 45_000);
});
