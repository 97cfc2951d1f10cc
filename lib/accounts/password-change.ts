import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { revokeSessions } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/outbox";
import { links } from "@/lib/links";
import { formatDayTime } from "@/lib/dates";

/**
 * The one way a password changes (recovery or « Mon compte »): new hash, every other session
 * ended, an audit event and a notice mail, in the caller's transaction.
 */
export function storeNewPassword(
  tx: Db,
  user: { id: number; firstName: string; contactEmail: string },
  passwordHash: string,
  how: { action: string; ip: string | null; keepSessionId?: string },
  now: Date,
): void {
  tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, user.id)).run();
  const ended = revokeSessions(tx, user.id, now, how.keepSessionId);
  recordAudit(
    tx,
    {
      action: how.action,
      actorUserId: user.id,
      targetType: "user",
      targetId: user.id,
      ip: how.ip,
      details: { sessionsEnded: ended },
    },
    now,
  );
  enqueueMail(
    tx,
    {
      to: user.contactEmail,
      template: "password-changed",
      props: { firstName: user.firstName, changedAt: formatDayTime(now), recoveryLink: links.recoveryStart() },
    },
    now,
  );
}
