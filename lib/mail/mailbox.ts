import "server-only";
import { desc, eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isMailTemplate, renderMail } from "./templates";

/** The local outbox, for /dev/boite-mail. */
export function listOutbox(limit = 100) {
  return getDb()
    .select({
      id: outbox.id,
      createdAt: outbox.createdAt,
      to: outbox.to,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all();
}

export async function readOutboxMail(id: number) {
  const mail = getDb().select().from(outbox).where(eq(outbox.id, id)).get();
  if (!mail) return null;
  const rendered = mail.props && isMailTemplate(mail.template) ? await renderMail(mail.template, JSON.parse(mail.props)) : null;
  const links = rendered ? [...rendered.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&")) : [];
  return { ...mail, html: rendered?.html ?? null, text: rendered?.text ?? null, links: [...new Set(links)] };
}
