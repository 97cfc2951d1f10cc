import { auditEvents } from "@/db/schema";
import type { Db } from "@/lib/db";

export type AuditEntry = {
  action: string;
  actorUserId?: number | null;
  /** An administration agent (lib/agents); never shown to the farms. */
  actorAgentId?: number | null;
  targetType?: string;
  targetId?: string | number;
  ip?: string | null;
  /** Never a password, an answer, a token or a full e-mail address. */
  details?: Record<string, unknown>;
};

/** Appends one audit event, inside the caller's transaction. */
export function recordAudit(tx: Db, entry: AuditEntry, now = new Date()): void {
  tx.insert(auditEvents)
    .values({
      at: now,
      action: entry.action,
      actorUserId: entry.actorUserId ?? null,
      actorAgentId: entry.actorAgentId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .run();
}

/** "jean.dupont@exemple.fr" → "j***@exemple.fr": enough to investigate, not a full address. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
