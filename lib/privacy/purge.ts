import "server-only";
import { sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { inTransaction } from "@/lib/db";
import { DAY_MS, RETENTION_DAYS, type RetentionKind } from "./retention";

export type PurgeReport = Record<RetentionKind, number>;

/**
 * Deletes what has outlived its retention (lib/privacy/retention.ts), in one transaction with its
 * audit event: a crash leaves everything or nothing. Accounts that were activated, and everything a
 * structure or a refund request refers to, are never touched here.
 */
export function purgeExpiredData(now = new Date()): PurgeReport {
  const before = (kind: RetentionKind) => now.getTime() - RETENTION_DAYS[kind] * DAY_MS;
  return inTransaction((tx) => {
    const run = (statement: ReturnType<typeof sql>) => tx.run(statement).changes;
    const report: PurgeReport = {
      // Tokens first: an unactivated account's own tokens go with it (cascade) and are not counted twice.
      spentMailToken: run(sql`DELETE FROM mail_tokens WHERE (used_at IS NOT NULL AND used_at < ${before("spentMailToken")})
        OR (used_at IS NULL AND expires_at < ${before("spentMailToken")})`),
      // A pending account never signed in, so nothing but its tokens, sessions and preferences refer to it;
      // the NOT EXISTS guards keep any account a structure names, whatever happened.
      unactivatedAccount:
        run(sql`DELETE FROM users WHERE status = 'pending' AND activated_at IS NULL AND created_at < ${before("unactivatedAccount")}
        AND NOT EXISTS (SELECT 1 FROM structures s WHERE s.created_by = users.id OR s.main_manager_id = users.id)
        AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.user_id = users.id)`),
      endedInvitation: run(sql`DELETE FROM mandate_invitations WHERE (status = 'pending' AND expires_at < ${before("endedInvitation")})
        OR (status = 'cancelled' AND cancelled_at < ${before("endedInvitation")}) OR (status = 'converted' AND converted_at < ${before("endedInvitation")})`),
      endedSession: run(sql`DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ${before("endedSession")})
        OR expires_at < ${before("endedSession")}`),
      // An agent's session ends at its hard limit, after 30 minutes idle, or when closed: each is a date.
      endedAgentSession: run(sql`DELETE FROM agent_sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ${before("endedAgentSession")})
        OR expires_at < ${before("endedAgentSession")} OR last_seen_at < ${before("endedAgentSession")}`),
      rateLimit: run(sql`DELETE FROM rate_limits WHERE window_start < ${before("rateLimit")} AND blocked_until < ${now.getTime()}`),
      sentMail: run(sql`DELETE FROM outbox WHERE status = 'sent' AND sent_at < ${before("sentMail")}`),
      sentDigestItem: run(sql`DELETE FROM digest_items WHERE sent_at IS NOT NULL AND sent_at < ${before("sentDigestItem")}`),
      auditEvent: run(sql`DELETE FROM audit_events WHERE at < ${before("auditEvent")}`),
    };
    recordAudit(tx, { action: "data.purged", details: report }, now);
    return report;
  });
}
