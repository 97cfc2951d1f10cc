import { outbox } from "@/db/schema";
import type { Db } from "@/lib/db";
import { mailSubject, type MailProps, type MailTemplate } from "./templates";

/**
 * Writes a mail in the caller's transaction. It is delivered after commit by deliverDueMails(),
 * so a rolled-back change never sends a mail and a provider outage never loses one.
 */
export function enqueueMail<T extends MailTemplate>(
  tx: Db,
  mail: { to: string; template: T; props: MailProps<T> },
  now = new Date(),
): number {
  const row = tx
    .insert(outbox)
    .values({
      createdAt: now,
      to: mail.to,
      subject: mailSubject(mail.template, mail.props),
      template: mail.template,
      props: JSON.stringify(mail.props),
      nextAttemptAt: now,
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}
