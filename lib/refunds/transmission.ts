import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { refundRequests, refundStatusEvents, users } from "@/db/schema";
import { assertCan, can } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { formatDayTime } from "@/lib/dates";
import { inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { notify } from "@/lib/mail/digest";
import type { RequestMeta } from "@/lib/request-meta";
import { fullName } from "@/lib/names";
import { balanceWords, hasAdvance } from "./advance";
import { formatEuros } from "./amounts";
import { missingBeforeTransmission, type MissingInput } from "./missing";
import { requestDetail, type RequestDetail } from "./queries";
import { buildReceipt } from "./receipt";
import { EDITABLE_STATUSES, isEditable } from "./statuses";
import { storeFile } from "./stored-files";

/** What is still missing before « Transmettre », in the user's words; empty when complete (lib/refunds/missing.ts). */
export const transmissionProblems = (detail: MissingInput): string[] => missingBeforeTransmission(detail).map((missing) => missing.message);

export const referenceOf = (request: { id: number; year: number }) => `TIC-${request.year}-${String(request.id).padStart(6, "0")}`;

/** The person who last transmitted the request, and the gestionnaire principal: each once. */
function recipientsOf(tx: Db, detail: RequestDetail, transmitterId: number | null) {
  const ids = [...new Set([transmitterId, detail.structure.mainManagerId].filter((id): id is number => id !== null))];
  return tx
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, contactEmail: users.contactEmail })
    .from(users)
    .where(inArray(users.id, ids))
    .all();
}

/**
 * « Transmettre »: a complete request gets its reference, the status « Mise à disposition » and a
 * receipt. The receipt is written before the transaction (PDF generation is asynchronous); the
 * transaction only applies if the request has not changed since it was read.
 */
export async function transmitRequest(
  actor: Actor,
  requestId: number,
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult<{ reference: string }>> {
  assertCan(actor, "refund.transmit", { requestId });
  const detail = requestDetail(requestId)!;
  const { request } = detail;
  if (!isEditable(request.status)) return { ok: false, formError: "Cette demande est déjà transmise." };
  const problems = transmissionProblems(detail);
  if (problems.length > 0) return { ok: false, formError: "La demande ne peut pas encore être transmise :", errorList: problems };
  const reference = request.reference ?? referenceOf(request);
  const transmittedBy = fullName(actor);
  const space = detail.settings;
  const receipt = await buildReceipt({ ...detail, reference, year: request.year, ...space, transmittedAt: now, transmittedBy });
  const result = inTransaction((tx): ActionResult<{ reference: string }> => {
    // The right again, inside the write: a contest decided while the receipt was being made (its
    // mandates ended, its attachments withdrawn) leaves nothing to transmit with (issue 22, point 1).
    if (!can(actor, "refund.transmit", { requestId }))
      return { ok: false, formError: "Vous n'avez plus le droit de transmettre cette demande : rien n'a été transmis." };
    // « Confirmer et transmettre de nouveau » after « À compléter »: back to the instructor who
    // follows it, « En instruction » (ADR 0026); otherwise « Mise à disposition ».
    const backToInstructor = request.status === "incomplete" && request.instructorAgentId !== null;
    const updated = tx
      .update(refundRequests)
      .set({
        status: backToInstructor ? "processing" : "submitted",
        reference,
        pacage: space.pacage,
        beneficiaryCategory: space.beneficiaryCategory,
        updatedAt: now,
        transmittedAt: now,
      })
      .where(
        and(
          eq(refundRequests.id, request.id),
          eq(refundRequests.version, request.version),
          inArray(refundRequests.status, [...EDITABLE_STATUSES]),
        ),
      )
      .returning({ id: refundRequests.id })
      .get();
    if (!updated)
      return { ok: false, formError: "La demande a été modifiée pendant sa transmission : vérifiez-la puis transmettez-la de nouveau." };
    const receiptFileId = storeFile(
      tx,
      {
        structureId: request.structureId,
        kind: "receipt",
        upload: { name: `recepisse-${reference}.pdf`, bytes: receipt },
        userId: actor.userId,
      },
      now,
    );
    tx.insert(refundStatusEvents)
      .values({ requestId: request.id, status: "submitted", at: now, actorUserId: actor.userId, receiptFileId })
      .run();
    if (backToInstructor)
      tx.insert(refundStatusEvents)
        .values({
          requestId: request.id,
          status: "processing",
          at: now,
          actorUserId: null,
          actorAgentId: request.instructorAgentId,
          motif: "Complément reçu : la demande revient au service qui l'instruit.",
        })
        .run();
    recordAudit(
      tx,
      {
        action: "refund.transmitted",
        actorUserId: actor.userId,
        targetType: "refund_request",
        targetId: request.id,
        ip: meta.ip,
        details: {
          reference,
          totalCents: detail.totalCents,
          advanceCents: detail.balance.advanceCents,
          balanceCents: detail.balance.balanceCents,
          lines: detail.lines.length,
          receiptFileId,
        },
      },
      now,
    );
    for (const person of recipientsOf(tx, detail, actor.userId)) {
      // By mail, or in the digest of those who chose one (an accountant filing for many farms).
      notify(
        tx,
        {
          userId: person.id,
          pair: String(request.id),
          oncePerDay: false,
          to: person.contactEmail,
          template: "refund-transmitted",
          props: {
            firstName: person.firstName,
            structureName: detail.structure.name,
            year: request.year,
            reference,
            total: formatEuros(detail.totalCents),
            advanceAndBalance: hasAdvance(request.year)
              ? `Avance perçue : ${formatEuros(detail.balance.advanceCents)}. ${balanceWords(detail.balance, detail.request.advanceReceived)}`
              : null,
            lineCount: detail.lines.length,
            transmittedAt: formatDayTime(now),
            transmittedBy,
            link: links.refundRequest(request.id),
          },
        },
        now,
      );
    }
    return { ok: true, data: { reference }, message: `La demande est transmise sous la référence ${reference}. Votre récépissé est prêt.` };
  });
  if (result.ok) kickDelivery();
  return result;
}
