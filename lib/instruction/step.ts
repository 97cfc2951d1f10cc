import { eq } from "drizzle-orm";
import { refundRequests, refundStatusEvents, structures } from "@/db/schema";
import type { AgentActor } from "@/lib/agents/identity";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { links } from "@/lib/links";
import { notify } from "@/lib/mail/digest";
import { STATUS_EXPLANATIONS, STATUS_LABELS, type RefundStatus } from "@/lib/refunds/statuses";
import { requestRecipients } from "./recipients";
import { serviceName } from "./service-name";

export type InstructionStep = {
  requestId: number;
  agent: AgentActor;
  /** The audit action (`refund.taken_in_charge`, `refund.accepted`…). */
  action: string;
  /** The new status; null when the status does not change (a take-over): audit only, no mail. */
  status: RefundStatus | null;
  /** Shown to the farm (the message, the rejection's text). */
  motif?: string | null;
  /** Extra sentences of the mail (« Accordée »: the amount and the reduced lines). */
  mailDetails?: string[];
  ip: string | null;
  details?: Record<string, unknown>;
};

/**
 * The common end of every instruction step, inside the caller's transaction: the timeline's event
 * and the audit event (both with the agent), then a mail to each person concerned (or their daily
 * digest). The farm reads the service's name, never the agent's.
 */
export function recordInstructionStep(tx: Db, step: InstructionStep, now: Date): void {
  const request = tx
    .select({
      id: refundRequests.id,
      structureId: refundRequests.structureId,
      reference: refundRequests.reference,
      year: refundRequests.year,
      structureName: structures.name,
      departement: structures.departement,
    })
    .from(refundRequests)
    .innerJoin(structures, eq(structures.id, refundRequests.structureId))
    .where(eq(refundRequests.id, step.requestId))
    .get()!;
  const motif = step.motif ?? null;
  if (step.status)
    tx.insert(refundStatusEvents)
      .values({ requestId: request.id, status: step.status, at: now, actorUserId: null, actorAgentId: step.agent.agentId, motif })
      .run();
  recordAudit(
    tx,
    {
      action: step.action,
      actorAgentId: step.agent.agentId,
      targetType: "refund_request",
      targetId: request.id,
      ip: step.ip,
      details: { reference: request.reference, ...(step.status ? { status: step.status } : {}), ...step.details },
    },
    now,
  );
  if (!step.status) return;
  for (const person of requestRecipients(tx, request, now)) {
    notify(
      tx,
      {
        userId: person.id,
        pair: `${request.id}:${step.status}`,
        oncePerDay: false,
        to: person.contactEmail,
        template: "refund-status-changed",
        props: {
          firstName: person.firstName,
          structureName: request.structureName,
          year: request.year,
          reference: request.reference ?? "",
          status: STATUS_LABELS[step.status],
          explanation: STATUS_EXPLANATIONS[step.status],
          motif,
          details: step.mailDetails ?? null,
          service: serviceName(request.departement),
          link: links.refundRequest(request.id),
        },
      },
      now,
    );
  }
}
