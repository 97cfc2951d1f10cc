import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { attachments, digestItems, structures, userPreferences, users } from "@/db/schema";
import { mandateSentence } from "@/emails/mandate-changed";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { formatDay, parisToday } from "@/lib/dates";
import { getDb, inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import type { RequestMeta } from "@/lib/request-meta";
import { limit } from "@/lib/security/rate-limit";
import { enqueueMail } from "./outbox";
import type { MailProps } from "./templates";

/**
 * Mails about steps between people (docs/decisions/0021, issue 22 point 3 and issue 21 point 12):
 *  - at most one mail a day per recipient, kind of mail and pair (the two structures of a mandate,
 *    the requester and the space of a subscription): loops of ask/withdraw or give/end no longer
 *    flood the other side; the steps beyond wait in a digest;
 *  - a person may choose one daily digest instead of a mail per step (an accountant with 300
 *    client farms): every such mail then goes to the digest.
 * The digest leaves the next day (Paris time), one mail listing every waiting step with its link.
 */
const DIGEST_LINES = {
  "mandate-changed": (p: MailProps<"mandate-changed">) => mandateSentence(p),
  "subscription-requested": (p: MailProps<"subscription-requested">) =>
    `${p.requesterName} demande un abonnement à l'espace « ${p.spaceLabel} » de ${p.structureName} : ${p.rights}, à partir du ${p.startDate}.`,
  "refund-transmitted": (p: MailProps<"refund-transmitted">) =>
    `La demande ${p.year} de ${p.structureName} est transmise (référence ${p.reference}, ${p.total}) par ${p.transmittedBy}, le ${p.transmittedAt}.`,
  "refund-status-changed": (p: MailProps<"refund-status-changed">) =>
    `La demande ${p.reference} de ${p.structureName} passe au statut « ${p.status} »${p.motif ? ` (motif : ${p.motif})` : ""}.`,
};

export type DigestibleTemplate = keyof typeof DIGEST_LINES;

export const choosesDailyDigest = (db: Db, userId: number) =>
  db.select({ chosen: userPreferences.dailyDigest }).from(userPreferences).where(eq(userPreferences.userId, userId)).get()?.chosen === true;

/**
 * A mail about a step, in the caller's transaction: sent now if it is the first of its kind for
 * this pair today and the person did not choose the digest; else kept for tomorrow's digest.
 * `pair` names what the step is between (e.g. « 12:34 » for two structures); `kind` the step
 * (e.g. « mandate-changed:asked »), the template by default. `oncePerDay: false` for the steps no
 * one can loop (a transmission, the administration's statuses): only the digest choice applies.
 */
export function notify<T extends DigestibleTemplate>(
  tx: Db,
  mail: { userId: number; to: string; template: T; props: MailProps<T>; pair: string; kind?: string; oncePerDay?: boolean },
  now: Date,
): "mail" | "digest" {
  const chosen = choosesDailyDigest(tx, mail.userId);
  const first =
    mail.oncePerDay === false ||
    limit([["stepMail.pairRecipient", `${mail.kind ?? mail.template}:${mail.pair}:${mail.userId}`]], now.getTime()).allowed;
  if (!chosen && first) {
    enqueueMail(tx, { to: mail.to, template: mail.template, props: mail.props }, now);
    return "mail";
  }
  const line = (DIGEST_LINES[mail.template] as (props: MailProps<T>) => string)(mail.props);
  tx.insert(digestItems)
    .values({ userId: mail.userId, kind: mail.template, text: line, link: (mail.props as { link: string }).link, createdAt: now })
    .run();
  return "digest";
}

/**
 * Sends the digests due: for each person, every waiting step of a day before today (Paris) in one
 * mail. Each person's items are claimed in one transaction: two servers never send the same twice.
 */
export function sendDueDigests(now = new Date()): number {
  const today = parisToday(now);
  const waiting = getDb()
    .select({ id: digestItems.id, userId: digestItems.userId, createdAt: digestItems.createdAt })
    .from(digestItems)
    .where(isNull(digestItems.sentAt))
    .orderBy(asc(digestItems.id))
    .all()
    .filter((item) => parisToday(item.createdAt) < today);
  const people = [...new Set(waiting.map((item) => item.userId))];
  let sent = 0;
  for (const userId of people) {
    const ids = waiting.filter((item) => item.userId === userId).map((item) => item.id);
    sent += inTransaction((tx) => {
      const items = tx
        .select()
        .from(digestItems)
        .where(and(inArray(digestItems.id, ids), isNull(digestItems.sentAt)))
        .orderBy(asc(digestItems.id))
        .all();
      if (items.length === 0) return 0;
      const person = tx
        .select({ firstName: users.firstName, contactEmail: users.contactEmail, status: users.status })
        .from(users)
        .where(eq(users.id, userId))
        .get();
      const days = [...new Set(items.map((item) => formatDay(item.createdAt)))];
      const outboxId =
        person && person.status === "active"
          ? enqueueMail(
              tx,
              {
                to: person.contactEmail,
                template: "daily-digest",
                props: {
                  firstName: person.firstName,
                  day: days.length === 1 ? days[0]! : `${days[0]} au ${days.at(-1)}`,
                  items: items.map((item) => ({ text: item.text, link: item.link })),
                  chosen: choosesDailyDigest(tx, userId),
                  settingsLink: links.myAccountDigest(),
                  link: links.home(),
                },
              },
              now,
            )
          : null;
      tx.update(digestItems)
        .set({ sentAt: now, outboxId })
        .where(
          inArray(
            digestItems.id,
            items.map((item) => item.id),
          ),
        )
        .run();
      return outboxId === null ? 0 : 1;
    });
  }
  return sent;
}

/** « Mon compte »: one mail a day instead of a mail per step, or back to a mail per step. */
export function setDailyDigest(actor: Actor, input: { dailyDigest: boolean }, meta: RequestMeta, now = new Date()): ActionResult {
  inTransaction((tx) => {
    tx.insert(userPreferences)
      .values({ userId: actor.userId, dailyDigest: input.dailyDigest })
      .onConflictDoUpdate({ target: userPreferences.userId, set: { dailyDigest: input.dailyDigest } })
      .run();
    recordAudit(
      tx,
      {
        action: "account.daily_digest_set",
        actorUserId: actor.userId,
        targetType: "user",
        targetId: actor.userId,
        ip: meta.ip,
        details: { dailyDigest: input.dailyDigest },
      },
      now,
    );
  });
  return {
    ok: true,
    data: undefined,
    message: input.dailyDigest
      ? "C'est noté : vous recevrez un seul courriel par jour, le lendemain matin, récapitulant les démarches sur vos exploitations et vos mandats."
      : "C'est noté : vous recevrez de nouveau un courriel à chaque démarche.",
  };
}

/** « Mon compte » offers the digest to the members of a centre de gestion (the steps of many farms). */
export function digestSetting(userId: number): { offered: boolean; chosen: boolean } {
  const db = getDb();
  const centre = db
    .select({ id: structures.id })
    .from(attachments)
    .innerJoin(structures, eq(structures.id, attachments.structureId))
    .where(and(eq(attachments.userId, userId), eq(attachments.status, "approved"), eq(structures.isManagementCentre, true)))
    .get();
  const chosen = choosesDailyDigest(db, userId);
  return { offered: centre !== undefined || chosen, chosen };
}
