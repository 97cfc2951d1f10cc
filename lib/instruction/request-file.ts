import "server-only";
import { and, asc, desc, eq, isNotNull, ne, or, sql } from "drizzle-orm";
import {
  agents,
  mandates,
  refundLines,
  refundMessageLines,
  refundMessages,
  refundRequests,
  refundStatusEvents,
  storedFiles,
  structures,
  users,
} from "@/db/schema";
import { authorize } from "@/lib/access";
import type { AgentActor } from "@/lib/agents/identity";
import { parisToday } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { prepared } from "@/lib/prepared";
import { mandateInForce } from "@/lib/mandates/in-force";
import { requestDetail } from "@/lib/refunds/queries";
import { checksOf } from "./checks";

const messagesQuery = prepared((db) =>
  db
    .select({
      id: refundMessages.id,
      at: refundMessages.at,
      body: refundMessages.body,
      authorAgentId: refundMessages.authorAgentId,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      userFirstName: users.firstName,
      userLastName: users.lastName,
    })
    .from(refundMessages)
    .leftJoin(agents, eq(agents.id, refundMessages.authorAgentId))
    .leftJoin(users, eq(users.id, refundMessages.authorUserId))
    .where(eq(refundMessages.requestId, sql.placeholder("requestId")))
    .orderBy(asc(refundMessages.at), asc(refundMessages.id))
    .prepare(),
);
const messageLinesQuery = prepared((db) =>
  db
    .select({ messageId: refundMessageLines.messageId, invoiceNumber: refundLines.invoiceNumber })
    .from(refundMessageLines)
    .innerJoin(refundMessages, eq(refundMessages.id, refundMessageLines.messageId))
    .innerJoin(refundLines, eq(refundLines.id, refundMessageLines.lineId))
    .where(eq(refundMessages.requestId, sql.placeholder("requestId")))
    .prepare(),
);

/** The messages of a request, oldest first: who wrote (an agent for the administration's side, or a user) and the lines pointed at. */
export function messagesOf(requestId: number) {
  const rows = messagesQuery().all({ requestId });
  const lines = messageLinesQuery().all({ requestId });
  return rows.map((row) => ({ ...row, invoiceNumbers: lines.filter((l) => l.messageId === row.id).map((l) => l.invoiceNumber) }));
}

export type RequestMessage = ReturnType<typeof messagesOf>[number];

// The request file's reads, prepared once per connection (lib/prepared.ts): an instructor opens
// many files in a row, and building each statement cost more than running it (issue 23).
const structureQuery = prepared((db) =>
  db
    .select()
    .from(structures)
    .where(eq(structures.id, sql.placeholder("id")))
    .prepare(),
);
const centresQuery = prepared((db) =>
  db
    .select({ name: structures.name, siret: structures.siret })
    .from(mandates)
    .innerJoin(structures, eq(structures.id, mandates.agentStructureId))
    .where(and(eq(mandates.farmStructureId, sql.placeholder("farmId")), mandateInForce(sql.placeholder("today"))))
    .prepare(),
);
const historyQuery = prepared((db) =>
  db
    .select({
      year: refundRequests.year,
      status: refundRequests.status,
      product: refundLines.product,
      volumeMilli: sql<number>`sum(${refundLines.volumeMilli})`,
      amountCents: sql<number>`sum(${refundLines.amountCents})`,
    })
    .from(refundRequests)
    .innerJoin(refundLines, eq(refundLines.requestId, refundRequests.id))
    .where(
      and(
        eq(refundRequests.structureId, sql.placeholder("structureId")),
        ne(refundRequests.id, sql.placeholder("requestId")),
        ne(refundRequests.status, "draft"),
      ),
    )
    .groupBy(refundRequests.year, refundLines.product)
    .orderBy(desc(refundRequests.year), asc(refundLines.product))
    .prepare(),
);
const eventsQuery = prepared((db) =>
  db
    .select({
      id: refundStatusEvents.id,
      status: refundStatusEvents.status,
      at: refundStatusEvents.at,
      motif: refundStatusEvents.motif,
      agentFirstName: agents.firstName,
      agentLastName: agents.lastName,
      userFirstName: users.firstName,
      userLastName: users.lastName,
    })
    .from(refundStatusEvents)
    .leftJoin(agents, eq(agents.id, refundStatusEvents.actorAgentId))
    .leftJoin(users, eq(users.id, refundStatusEvents.actorUserId))
    .where(eq(refundStatusEvents.requestId, sql.placeholder("requestId")))
    .orderBy(asc(refundStatusEvents.at), asc(refundStatusEvents.id))
    .prepare(),
);
const instructorQuery = prepared((db) =>
  db
    .select({ firstName: agents.firstName, lastName: agents.lastName })
    .from(agents)
    .where(eq(agents.id, sql.placeholder("id")))
    .prepare(),
);
const acceptedLinesQuery = prepared((db) =>
  db
    .select({
      id: refundLines.id,
      acceptedVolumeMilli: refundLines.acceptedVolumeMilli,
      acceptedAmountCents: refundLines.acceptedAmountCents,
      reductionMotive: refundLines.reductionMotive,
    })
    .from(refundLines)
    .where(eq(refundLines.requestId, sql.placeholder("requestId")))
    .prepare(),
);

/**
 * The request file of `/administration/demandes/[id]`: null when the agent may not instruct it
 * (another département, or they are involved: same answer as a request that does not exist).
 */
export function requestFile(agent: AgentActor, requestId: number, now = new Date()) {
  const grant = authorize(agent, "request.instruct", { requestId });
  if (!grant.ok || grant.request.status === "draft") return null;
  const detail = requestDetail(requestId, now)!;
  const structure = structureQuery().get({ id: detail.request.structureId })!;
  const centres = centresQuery().all({ farmId: structure.id, today: parisToday(now) });
  const history = historyQuery().all({ structureId: structure.id, requestId });
  const events = eventsQuery().all({ requestId });
  const instructor =
    detail.request.instructorAgentId === null ? null : (instructorQuery().get({ id: detail.request.instructorAgentId }) ?? null);
  const acceptedLines = acceptedLinesQuery().all({ requestId });
  return {
    ...detail,
    grant,
    structure,
    centres,
    history,
    events,
    instructor,
    acceptedLines,
    checks: checksOf(requestId),
    messages: messagesOf(requestId),
  };
}

export type RequestFile = NonNullable<ReturnType<typeof requestFile>>;

/**
 * A document of a request the agent instructs: the RIB of its bank details, an invoice of one of
 * its lines, or one of its receipts. Null otherwise (the same answer whether it exists or not).
 */
export function requestDocument(agent: AgentActor, requestId: number, fileId: number) {
  const grant = authorize(agent, "request.instruct", { requestId });
  if (!grant.ok || grant.request.status === "draft") return null;
  const db = getDb();
  const belongs =
    db
      .select({ id: storedFiles.id })
      .from(storedFiles)
      .where(
        and(
          eq(storedFiles.id, fileId),
          eq(storedFiles.structureId, grant.request.structureId),
          or(
            sql`${storedFiles.id} IN (SELECT rib_file_id FROM bank_accounts WHERE id = ${grant.request.bankAccountId ?? -1})`,
            sql`${storedFiles.id} IN (SELECT invoice_file_id FROM refund_lines WHERE request_id = ${requestId})`,
            sql`${storedFiles.id} IN (SELECT receipt_file_id FROM refund_status_events WHERE request_id = ${requestId} AND receipt_file_id IS NOT NULL)`,
          ),
        ),
      )
      .get() !== undefined;
  if (!belongs) return null;
  return (
    db
      .select()
      .from(storedFiles)
      .where(and(eq(storedFiles.id, fileId), isNotNull(storedFiles.content)))
      .get() ?? null
  );
}
