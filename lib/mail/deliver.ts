import "server-only";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { isMailTemplate, renderMail } from "./templates";
import { send } from "./transport";

export const MAX_ATTEMPTS = 10;
const DELIVERY_BATCH = 50;
/** A claimed mail whose sender died is taken again after this lease. */
const LEASE_MS = 60_000;

/** 30 s, 1 min, 2 min… (MAIL_RETRY_BASE_SECONDS) capped at 1 hour. */
export function retryDelayMs(attempts: number, baseSeconds = getConfig().mailRetryBaseSeconds): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Claims the mail for this sender; false when another one has it already. */
function claim(id: number, now: number): boolean {
  const result = getDb()
    .update(outbox)
    .set({ status: "sending", nextAttemptAt: new Date(now + LEASE_MS) })
    .where(and(eq(outbox.id, id), inArray(outbox.status, ["pending", "sending"]), lte(outbox.nextAttemptAt, new Date(now))))
    .run();
  return result.changes === 1;
}

/** Sends every mail that is due. Safe to run from several places at once: each mail is claimed. */
export async function deliverDueMails(now = Date.now(), batch = DELIVERY_BATCH): Promise<{ sent: number; failed: number }> {
  const db = getDb();
  const due = db
    .select()
    .from(outbox)
    .where(and(inArray(outbox.status, ["pending", "sending"]), lte(outbox.nextAttemptAt, new Date(now))))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(batch)
    .all();
  let sent = 0;
  let failed = 0;
  for (const mail of due) {
    if (!claim(mail.id, now)) continue;
    const attempts = mail.attempts + 1;
    let result: Awaited<ReturnType<typeof send>>;
    if (!isMailTemplate(mail.template) || mail.props === null) {
      result = { ok: false, error: `modèle inconnu : ${mail.template}`, transport: "none" };
    } else {
      const { html, text } = await renderMail(mail.template, JSON.parse(mail.props));
      result = await send({ id: mail.id, to: mail.to, subject: mail.subject, html, text });
    }
    if (result.ok) {
      sent++;
      db.update(outbox)
        .set({
          status: "sent",
          attempts,
          sentAt: new Date(),
          transport: result.transport,
          providerId: result.providerId,
          lastError: null,
          // Once the provider has it, we do not keep live links around.
          props: result.transport === "resend" ? null : mail.props,
        })
        .where(eq(outbox.id, mail.id))
        .run();
    } else {
      failed++;
      const givenUp = attempts >= MAX_ATTEMPTS;
      db.update(outbox)
        .set({
          status: givenUp ? "failed" : "pending",
          attempts,
          lastError: result.error.slice(0, 500),
          nextAttemptAt: new Date(now + retryDelayMs(attempts)),
        })
        .where(eq(outbox.id, mail.id))
        .run();
      console.warn(`[mail] envoi du message ${mail.id} échoué (tentative ${attempts}) : ${result.error}`);
    }
  }
  return { sent, failed };
}

let running: Promise<unknown> | undefined;
let rerun = false;
let automatic = true;

/** Called after a commit that wrote mails: delivers them now, in the background. */
export function kickDelivery(): void {
  if (!automatic) return;
  if (running) {
    rerun = true;
    return;
  }
  running = new Promise((resolve) => setImmediate(resolve))
    .then(() => deliverDueMails())
    .then(({ sent, failed }) => {
      // A full batch: more may be due (after a restart, say); go on without waiting for the retry worker.
      if (sent + failed >= DELIVERY_BATCH) rerun = true;
    })
    .catch((error) => console.error("[mail] livraison interrompue", error))
    .finally(() => {
      running = undefined;
      if (rerun) {
        rerun = false;
        kickDelivery();
      }
    });
}

/** Tests deliver explicitly, at the time they choose. */
export function setAutomaticDelivery(on: boolean): void {
  automatic = on;
}

/** Retries failed sends periodically: run by the process holding the background lease (lib/background/worker.ts). */
export function startDeliveryWorker(intervalSeconds: number): void {
  const holder = globalThis as unknown as { __portailMailWorker?: NodeJS.Timeout };
  if (holder.__portailMailWorker) return;
  holder.__portailMailWorker = setInterval(kickDelivery, intervalSeconds * 1000);
  holder.__portailMailWorker.unref();
  kickDelivery();
}

/** This process no longer holds the lease: another one retries from now on. */
export function stopDeliveryWorker(): void {
  const holder = globalThis as unknown as { __portailMailWorker?: NodeJS.Timeout };
  clearInterval(holder.__portailMailWorker);
  holder.__portailMailWorker = undefined;
}
