import "server-only";
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { refundLines, refundMessages, refundRequests, structures } from "@/db/schema";
import { getDb } from "@/lib/db";
import { fullName } from "@/lib/names";
import { prepared } from "@/lib/prepared";
import { messagesOf } from "./request-file";
import { serviceName } from "./service-name";

const departementQuery = prepared((db) =>
  db
    .select({ d: structures.departement })
    .from(refundRequests)
    .innerJoin(structures, eq(structures.id, refundRequests.structureId))
    .where(eq(refundRequests.id, sql.placeholder("requestId")))
    .prepare(),
);
const reducedLinesQuery = prepared((db) =>
  db
    .select({
      id: refundLines.id,
      invoiceNumber: refundLines.invoiceNumber,
      product: refundLines.product,
      volumeMilli: refundLines.volumeMilli,
      acceptedVolumeMilli: refundLines.acceptedVolumeMilli,
      amountCents: refundLines.amountCents,
      acceptedAmountCents: refundLines.acceptedAmountCents,
      motive: refundLines.reductionMotive,
    })
    .from(refundLines)
    .where(and(eq(refundLines.requestId, sql.placeholder("requestId")), isNotNull(refundLines.reductionMotive)))
    .prepare(),
);
const waitingQuery = prepared((db) =>
  db
    .select({ id: refundRequests.id, year: refundRequests.year })
    .from(refundRequests)
    .where(and(eq(refundRequests.structureId, sql.placeholder("structureId")), eq(refundRequests.status, "incomplete")))
    .prepare(),
);

/**
 * What the farm's side shows of the instruction: the thread with the administration named as its
 * service (never an agent), and the decision line by line. Read only after `refund.view` was granted.
 */
export function farmThread(requestId: number) {
  const departement = departementQuery().get({ requestId })?.d;
  const service = serviceName(departement);
  const messages = messagesOf(requestId).map((m) => ({
    id: m.id,
    at: m.at,
    body: m.body,
    fromAdministration: m.authorAgentId !== null,
    author: m.authorAgentId !== null ? service : fullName(m.userFirstName ?? "", m.userLastName ?? ""),
    invoiceNumbers: m.invoiceNumbers,
  }));
  const reduced = reducedLinesQuery().all({ requestId });
  const lastAsk = [...messages].reverse().find((m) => m.fromAdministration) ?? null;
  return { service, messages, lastAsk, reduced };
}

/** « Accueil »: the administration's last message on each request of the structure waiting for a complement. */
export function complementsAsked(structureId: number) {
  // Read on every « Accueil »: prepared; the rest only when a complement is awaited.
  const waiting = waitingQuery().all({ structureId });
  if (waiting.length === 0) return [];
  const db = getDb();
  const departement = db.select({ d: structures.departement }).from(structures).where(eq(structures.id, structureId)).get()?.d;
  const messages = db
    .select({ requestId: refundMessages.requestId, body: refundMessages.body, at: refundMessages.at })
    .from(refundMessages)
    .where(
      and(
        inArray(
          refundMessages.requestId,
          waiting.map((w) => w.id),
        ),
        isNotNull(refundMessages.authorAgentId),
      ),
    )
    .orderBy(desc(refundMessages.at), desc(refundMessages.id))
    .all();
  return waiting.map((w) => ({
    requestId: w.id,
    year: w.year,
    service: serviceName(departement),
    message: messages.find((m) => m.requestId === w.id) ?? null,
  }));
}
