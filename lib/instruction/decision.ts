import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { REJECTION_REASONS, refundLines, refundRequests } from "@/db/schema";
import { authorize } from "@/lib/access";
import { REQUEST_ACCEPTED_ACTION } from "@/lib/access/agents";
import type { AgentActor } from "@/lib/agents/identity";
import { inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import { balanceOf } from "@/lib/refunds/advance";
import { formatEuros, formatQuantity, lineAmountCents } from "@/lib/refunds/amounts";
import { PRODUCTS } from "@/lib/refunds/products";
import type { RequestMeta } from "@/lib/request-meta";
import { recordInstructionStep } from "./step";
import { NOT_YOURS } from "./take-charge";

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_LABELS: Record<RejectionReason, string> = {
  late: "Hors délai",
  ineligible: "Non éligible",
  missing_documents: "Pièces manquantes après relance",
  other: "Autre motif",
};

/** A line as the instructor decides it: the accepted volume (thousandths), and a motive when reduced. */
export type LineDecision = { lineId: number; acceptedVolumeMilli: number; motive: string };

export type AcceptInput = { requestId: number; mode: "whole" } | { requestId: number; mode: "lines"; lines: LineDecision[] };

/**
 * « Accepter »: the whole request, or line by line (an accepted volume up to the line's, a motive
 * for each reduced line). Each accepted amount is the accepted volume × the line's rate, rounded
 * as the line amounts are (lib/refunds/amounts.ts); `accepted_cents` is what will be paid: the
 * accepted lines minus the 2024 advance received, never below zero (ADR 0026). Status « Accordée ».
 */
export function acceptRequest(
  agent: AgentActor,
  input: AcceptInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ acceptedCents: number }> {
  const grant = authorize(agent, "request.instruct", { requestId: input.requestId });
  if (!grant.ok) return { ok: false, formError: "Vous n'avez pas le droit d'instruire cette demande." };
  const result = inTransaction((tx): ActionResult<{ acceptedCents: number }> => {
    const request = tx.select().from(refundRequests).where(eq(refundRequests.id, input.requestId)).get()!;
    if (request.status !== "processing" || request.instructorAgentId !== agent.agentId)
      return { ok: false, formError: `La demande doit être « En instruction » et suivie par vous. ${NOT_YOURS}` };
    const lines = tx
      .select()
      .from(refundLines)
      .where(eq(refundLines.requestId, request.id))
      .orderBy(asc(refundLines.deliveryDate), asc(refundLines.id))
      .all();
    const decided = new Map(input.mode === "lines" ? input.lines.map((line) => [line.lineId, line]) : []);
    const fieldErrors: Record<string, string> = {};
    if (input.mode === "lines" && [...decided.keys()].some((id) => !lines.some((line) => line.id === id)))
      return { ok: false, formError: "Une ligne décidée n'appartient pas à cette demande." };
    const outcome = lines.map((line) => {
      const decision = decided.get(line.id);
      const volume = decision ? decision.acceptedVolumeMilli : line.volumeMilli;
      const motive = decision?.motive.trim() ?? "";
      if (volume > line.volumeMilli) fieldErrors[`volume-${line.id}`] = "Le volume accordé ne peut pas dépasser le volume demandé.";
      else if (volume < 0) fieldErrors[`volume-${line.id}`] = "Le volume accordé est un nombre positif ou nul.";
      else if (volume < line.volumeMilli && !motive) fieldErrors[`motif-${line.id}`] = "Donnez le motif de la réduction de cette ligne.";
      const amount = volume === line.volumeMilli ? line.amountCents : lineAmountCents(volume, line.rateMilliEuros);
      return { line, volume, amount, motive: volume < line.volumeMilli ? motive : null };
    });
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
    const linesCents = outcome.reduce((sum, o) => sum + o.amount, 0);
    const acceptedCents = Math.max(0, balanceOf(linesCents, request.advanceCents, request.advanceReceived).balanceCents);
    const updated = tx
      .update(refundRequests)
      .set({ status: "accepted", acceptedCents, decidedAt: now, decidedByAgentId: agent.agentId, rejectionReason: null, updatedAt: now })
      .where(
        and(
          eq(refundRequests.id, request.id),
          eq(refundRequests.status, "processing"),
          eq(refundRequests.instructorAgentId, agent.agentId),
        ),
      )
      .returning({ id: refundRequests.id })
      .get();
    if (!updated) return { ok: false, formError: "La demande vient de changer : rechargez la page." };
    for (const o of outcome) {
      tx.update(refundLines)
        .set({ acceptedVolumeMilli: o.volume, acceptedAmountCents: o.amount, reductionMotive: o.motive })
        .where(eq(refundLines.id, o.line.id))
        .run();
    }
    const reduced = outcome.filter((o) => o.motive !== null);
    const requestedCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
    const mailDetails = [
      `Montant accordé : ${formatEuros(acceptedCents)}${acceptedCents !== linesCents ? ` (lignes accordées ${formatEuros(linesCents)}, moins l'avance perçue)` : ""} pour ${formatEuros(requestedCents)} demandés.`,
      ...reduced.map(
        (o) =>
          `Facture ${o.line.invoiceNumber} (${PRODUCTS[o.line.product].label}) : ${formatQuantity(o.volume, PRODUCTS[o.line.product].unit)} accordés sur ${formatQuantity(o.line.volumeMilli, PRODUCTS[o.line.product].unit)}, soit ${formatEuros(o.amount)} — motif : ${o.motive}`,
      ),
    ];
    recordInstructionStep(
      tx,
      {
        requestId: request.id,
        agent,
        action: REQUEST_ACCEPTED_ACTION,
        status: "accepted",
        mailDetails,
        ip: meta.ip,
        details: {
          acceptedCents,
          linesCents,
          requestedCents,
          reducedLines: reduced.map((o) => ({
            lineId: o.line.id,
            acceptedVolumeMilli: o.volume,
            acceptedAmountCents: o.amount,
            motive: o.motive,
          })),
        },
      },
      now,
    );
    return { ok: true, data: { acceptedCents }, message: `Demande accordée : ${formatEuros(acceptedCents)}.` };
  });
  if (result.ok) kickDelivery();
  return result;
}

/** « Rejeter »: a motive from the list and a text, both sent to the farm. Only the instructor who follows it. */
export function rejectRequest(
  agent: AgentActor,
  input: { requestId: number; reason: RejectionReason; text: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  const grant = authorize(agent, "request.instruct", { requestId: input.requestId });
  if (!grant.ok) return { ok: false, formError: "Vous n'avez pas le droit d'instruire cette demande." };
  const result = inTransaction((tx): ActionResult => {
    const updated = tx
      .update(refundRequests)
      .set({
        status: "rejected",
        rejectionReason: input.reason,
        decidedAt: now,
        decidedByAgentId: agent.agentId,
        acceptedCents: null,
        updatedAt: now,
      })
      .where(
        and(
          eq(refundRequests.id, input.requestId),
          inArray(refundRequests.status, ["processing", "incomplete"]),
          eq(refundRequests.instructorAgentId, agent.agentId),
        ),
      )
      .returning({ id: refundRequests.id })
      .get();
    if (!updated)
      return { ok: false, formError: `La demande doit être « En instruction » ou « À compléter » et suivie par vous. ${NOT_YOURS}` };
    const motif = `${REJECTION_LABELS[input.reason]} : ${input.text}`;
    recordInstructionStep(
      tx,
      {
        requestId: input.requestId,
        agent,
        action: "refund.rejected",
        status: "rejected",
        motif,
        ip: meta.ip,
        details: { reason: input.reason },
      },
      now,
    );
    return { ok: true, data: undefined, message: "La demande est rejetée ; l'exploitation est prévenue avec le motif." };
  });
  if (result.ok) kickDelivery();
  return result;
}
