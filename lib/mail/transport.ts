import "server-only";
import { Resend } from "resend";
import { getConfig } from "@/lib/config";

export type OutgoingMail = { id: number; to: string; subject: string; html: string; text: string };
export type SendResult = { ok: true; providerId: string | null } | { ok: false; error: string };

const SEND_TIMEOUT_MS = 10_000;

let client: Resend | undefined;
let clientKey: string | undefined;

function resendClient(key: string): Resend {
  // The SDK reads RESEND_BASE_URL itself when the client is built (validated in lib/config).
  const identity = `${key}@${getConfig().resendBaseUrl ?? "default"}`;
  if (!client || clientKey !== identity) {
    client = new Resend(key);
    clientKey = identity;
  }
  return client;
}

async function sendWithResend(mail: OutgoingMail, key: string, from: string): Promise<SendResult> {
  const sending = resendClient(key).emails.send(
    { from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text },
    // Same key on every retry: the provider drops a duplicate if an earlier try did get through.
    { idempotencyKey: `portail-tic-outbox-${mail.id}` },
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: "délai dépassé" }), SEND_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      sending.then(({ data, error }): SendResult =>
        error ? { ok: false, error: `${error.name}: ${error.message}` } : { ok: true, providerId: data?.id ?? null },
      ),
      timeout,
    ]);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one mail through the configured transport. The local outbox keeps it for /dev/boite-mail. */
export async function send(mail: OutgoingMail): Promise<SendResult & { transport: string }> {
  const config = getConfig();
  if (config.mailTransport === "outbox") return { ok: true, providerId: null, transport: "outbox" };
  const result = await sendWithResend(mail, config.resendApiKey ?? "", config.mailFrom);
  return { ...result, transport: "resend" };
}
