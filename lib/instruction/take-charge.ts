import "server-only";
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { refundRequests } from "@/db/schema";
import { authorize } from "@/lib/access";
import type { AgentActor } from "@/lib/agents/identity";
import { inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import type { RequestMeta } from "@/lib/request-meta";
import { STATUS_LABELS, type RefundStatus } from "@/lib/refunds/statuses";
import { recordInstructionStep } from "./step";

/** The statuses an instructor may take a request in (or take it over from a colleague). */
export const TAKEABLE: readonly RefundStatus[] = ["submitted", "processing", "incomplete"];

export const NOT_YOURS = "Prenez d'abord la demande en charge : elle est suivie par un autre instructeur, ou par personne.";

/**
 * « Prendre en charge »: the request moves to « En instruction » (from « Mise à disposition ») and
 * to the agent's « Suivies par moi ». Another instructor may take it over: the status stays, the
 * audit keeps who had it (`refund.taken_over`).
 */
export function takeCharge(agent: AgentActor, input: { requestId: number }, meta: RequestMeta, now = new Date()): ActionResult {
  const grant = authorize(agent, "request.instruct", { requestId: input.requestId });
  if (!grant.ok) return { ok: false, formError: "Vous n'avez pas le droit d'instruire cette demande." };
  const result = inTransaction((tx): ActionResult => {
    const before = tx
      .select({ status: refundRequests.status, instructor: refundRequests.instructorAgentId })
      .from(refundRequests)
      .where(eq(refundRequests.id, input.requestId))
      .get()!;
    if (!TAKEABLE.includes(before.status))
      return { ok: false, formError: `Une demande « ${STATUS_LABELS[before.status]} » ne se prend plus en charge.` };
    if (before.instructor === agent.agentId) return { ok: false, formError: "Vous suivez déjà cette demande." };
    const status: RefundStatus = before.status === "submitted" ? "processing" : before.status;
    const updated = tx
      .update(refundRequests)
      .set({ instructorAgentId: agent.agentId, status, updatedAt: now })
      .where(
        and(
          eq(refundRequests.id, input.requestId),
          eq(refundRequests.status, before.status),
          before.instructor === null ? isNull(refundRequests.instructorAgentId) : eq(refundRequests.instructorAgentId, before.instructor),
          or(isNull(refundRequests.instructorAgentId), ne(refundRequests.instructorAgentId, agent.agentId)),
          inArray(refundRequests.status, [...TAKEABLE]),
        ),
      )
      .returning({ id: refundRequests.id })
      .get();
    if (!updated) return { ok: false, formError: "La demande vient de changer : rechargez la page." };
    recordInstructionStep(
      tx,
      {
        requestId: input.requestId,
        agent,
        action: before.instructor === null ? "refund.taken_in_charge" : "refund.taken_over",
        status: status === before.status ? null : status,
        ip: meta.ip,
        details: { previousInstructorAgentId: before.instructor },
      },
      now,
    );
    return {
      ok: true,
      data: undefined,
      message:
        before.instructor === null
          ? "Vous suivez cette demande : elle est « En instruction »."
          : "Vous reprenez cette demande : elle est dans « Suivies par moi ».",
    };
  });
  if (result.ok) kickDelivery();
  return result;
}
