import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { refundLines, refundMessageLines, refundMessages, refundRequests } from "@/db/schema";
import { authorize } from "@/lib/access";
import type { AgentActor } from "@/lib/agents/identity";
import { recordAudit } from "@/lib/audit/record";
import type { Actor as UserActor } from "@/lib/auth/sessions";
import { inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import type { RequestMeta } from "@/lib/request-meta";
import { recordInstructionStep } from "./step";
import { NOT_YOURS } from "./take-charge";

/**
 * « Demander un complément »: a message to the farm and, optionally, the lines it is about; the
 * request goes to « À compléter » (the farm may then edit it and transmit it again). Only the
 * instructor who follows it asks.
 */
export function askComplement(
  agent: AgentActor,
  input: { requestId: number; body: string; lineIds: number[] },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  const grant = authorize(agent, "request.instruct", { requestId: input.requestId });
  if (!grant.ok) return { ok: false, formError: "Vous n'avez pas le droit d'instruire cette demande." };
  const result = inTransaction((tx): ActionResult => {
    const lineIds = [...new Set(input.lineIds)];
    const lines =
      lineIds.length === 0
        ? []
        : tx
            .select({ id: refundLines.id })
            .from(refundLines)
            .where(and(eq(refundLines.requestId, input.requestId), inArray(refundLines.id, lineIds)))
            .all();
    if (lines.length !== lineIds.length)
      return { ok: false, fieldErrors: { lineIds: "Une ligne cochée n'appartient pas à cette demande." } };
    const updated = tx
      .update(refundRequests)
      .set({ status: "incomplete", updatedAt: now })
      .where(
        and(
          eq(refundRequests.id, input.requestId),
          eq(refundRequests.status, "processing"),
          eq(refundRequests.instructorAgentId, agent.agentId),
        ),
      )
      .returning({ id: refundRequests.id })
      .get();
    if (!updated) return { ok: false, formError: `La demande doit être « En instruction » et suivie par vous. ${NOT_YOURS}` };
    const message = tx
      .insert(refundMessages)
      .values({ requestId: input.requestId, authorAgentId: agent.agentId, body: input.body, at: now })
      .returning({ id: refundMessages.id })
      .get();
    if (lineIds.length > 0)
      tx.insert(refundMessageLines)
        .values(lineIds.map((lineId) => ({ messageId: message.id, lineId })))
        .run();
    recordInstructionStep(
      tx,
      {
        requestId: input.requestId,
        agent,
        action: "refund.complement_asked",
        status: "incomplete",
        motif: input.body,
        ip: meta.ip,
        details: { messageId: message.id, lineIds },
      },
      now,
    );
    return {
      ok: true,
      data: undefined,
      message: "Le complément est demandé : la demande est « À compléter » et l'exploitation est prévenue.",
    };
  });
  if (result.ok) kickDelivery();
  return result;
}

/**
 * The farm's answer (or its mandated centre's, with « Modification »), while the request is « À
 * compléter »; the thread stays on the request. Transmitting again is « Transmettre » itself.
 */
export function answerComplement(
  actor: UserActor,
  input: { requestId: number; body: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  const grant = authorize(actor, "refund.edit", { requestId: input.requestId });
  if (!grant.ok) return { ok: false, formError: "Vous n'avez pas le droit de répondre sur cette demande." };
  if (grant.request.status !== "incomplete")
    return { ok: false, formError: "L'administration n'attend pas de complément sur cette demande." };
  inTransaction((tx) => {
    const message = tx
      .insert(refundMessages)
      .values({ requestId: input.requestId, authorUserId: actor.userId, body: input.body, at: now })
      .returning({ id: refundMessages.id })
      .get();
    recordAudit(
      tx,
      {
        action: "refund.complement_answered",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: input.requestId,
        ip: meta.ip,
        details: { messageId: message.id },
      },
      now,
    );
  });
  return {
    ok: true,
    data: undefined,
    message: "Votre réponse est enregistrée. Complétez la demande si besoin, puis « Confirmer et transmettre de nouveau ».",
  };
}
