import "server-only";
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { bankAccounts, refundLines, refundRequests, refundStatusEvents, storedFiles, structures, users } from "@/db/schema";
import { prepared } from "@/lib/prepared";
import { openTicSpace } from "@/lib/spaces/tic-space";
import { isEditable, type RefundStatus } from "./statuses";
import { parisToday } from "@/lib/dates";
import { balanceOf, regularisationLate } from "./advance";
import { totalCents } from "./amounts";

/** The execution date (AAAA-MM-JJ) of the payment order holding the request: « Payée le … » (issue 20). */
const paidOnSql = sql<
  string | null
>`(SELECT o.executed_on FROM payment_order_items i JOIN payment_orders o ON o.id = i.order_id WHERE i.request_id = "refund_requests"."id")`;

const requestsOfStructureQuery = prepared((db) =>
  db
    .select({
      id: refundRequests.id,
      year: refundRequests.year,
      status: refundRequests.status,
      reference: refundRequests.reference,
      updatedAt: refundRequests.updatedAt,
      advanceCents: refundRequests.advanceCents,
      advanceReceived: refundRequests.advanceReceived,
      acceptedCents: refundRequests.acceptedCents,
      lineCount: sql<number>`count(${refundLines.id})`,
      totalCents: sql<number>`coalesce(sum(${refundLines.amountCents}), 0)`,
      paidOn: paidOnSql,
    })
    .from(refundRequests)
    .leftJoin(refundLines, eq(refundLines.requestId, refundRequests.id))
    .where(eq(refundRequests.structureId, sql.placeholder("structureId")))
    .groupBy(refundRequests.id)
    .orderBy(desc(refundRequests.year))
    .prepare(),
);

/** The structure's requests, newest year first, with their totals (one query, shown on « Accueil »). */
export function requestsOfStructure(structureId: number) {
  return requestsOfStructureQuery().all({ structureId });
}

// A request page's reads (the farm's, its centre's and the instructor's), prepared once per
// connection: building the statements cost more than running them (issue 23).
const detailRequestQuery = prepared((db) =>
  db
    .select({ request: refundRequests, paidOn: paidOnSql })
    .from(refundRequests)
    .where(eq(refundRequests.id, sql.placeholder("id")))
    .prepare(),
);
const detailStructureQuery = prepared((db) =>
  db
    .select({
      id: structures.id,
      name: structures.name,
      siret: structures.siret,
      mainManagerId: structures.mainManagerId,
      verificationStatus: structures.verificationStatus,
    })
    .from(structures)
    .where(eq(structures.id, sql.placeholder("id")))
    .prepare(),
);
const detailBankAccountQuery = prepared((db) =>
  db
    .select({
      id: bankAccounts.id,
      holder: bankAccounts.holder,
      iban: bankAccounts.iban,
      bic: bankAccounts.bic,
      ribFileId: bankAccounts.ribFileId,
      removedAt: bankAccounts.removedAt,
    })
    .from(bankAccounts)
    .where(eq(bankAccounts.id, sql.placeholder("id")))
    .prepare(),
);
const detailLinesQuery = prepared((db) =>
  db
    .select({
      id: refundLines.id,
      invoiceNumber: refundLines.invoiceNumber,
      deliveryDate: refundLines.deliveryDate,
      product: refundLines.product,
      volumeMilli: refundLines.volumeMilli,
      rateMilliEuros: refundLines.rateMilliEuros,
      rateKind: refundLines.rateKind,
      rateSource: refundLines.rateSource,
      billedFullTariff: refundLines.billedFullTariff,
      amountCents: refundLines.amountCents,
      invoiceFileId: refundLines.invoiceFileId,
      invoiceName: storedFiles.originalName,
    })
    .from(refundLines)
    .leftJoin(storedFiles, eq(storedFiles.id, refundLines.invoiceFileId))
    .where(eq(refundLines.requestId, sql.placeholder("requestId")))
    .orderBy(asc(refundLines.deliveryDate), asc(refundLines.id))
    .prepare(),
);
const detailEventsQuery = prepared((db) =>
  db
    .select({
      id: refundStatusEvents.id,
      status: refundStatusEvents.status,
      at: refundStatusEvents.at,
      motif: refundStatusEvents.motif,
      receiptFileId: refundStatusEvents.receiptFileId,
      actorFirstName: users.firstName,
      actorLastName: users.lastName,
    })
    .from(refundStatusEvents)
    .leftJoin(users, eq(users.id, refundStatusEvents.actorUserId))
    .where(eq(refundStatusEvents.requestId, sql.placeholder("requestId")))
    .orderBy(asc(refundStatusEvents.at), asc(refundStatusEvents.id))
    .prepare(),
);
const latestReceiptQuery = prepared((db) =>
  db
    .select({ id: refundStatusEvents.receiptFileId })
    .from(refundStatusEvents)
    .where(and(eq(refundStatusEvents.requestId, sql.placeholder("requestId")), isNotNull(refundStatusEvents.receiptFileId)))
    .orderBy(desc(refundStatusEvents.id))
    .limit(1)
    .prepare(),
);

/** Everything a request page and its receipt show. File contents are not read here. */
export function requestDetail(requestId: number, now = new Date()) {
  const found = detailRequestQuery().get({ id: requestId });
  if (!found) return null;
  const { request, paidOn } = found;
  const structure = detailStructureQuery().get({ id: request.structureId })!;
  const bankAccount = request.bankAccountId === null ? null : (detailBankAccountQuery().get({ id: request.bankAccountId }) ?? null);
  const lines = detailLinesQuery().all({ requestId });
  const events = detailEventsQuery().all({ requestId });
  const latestReceiptId = latestReceiptQuery().get({ requestId })?.id ?? null;
  const total = totalCents(lines);
  const firstTransmitted = events.find((event) => event.status === "submitted")?.at ?? null;
  const advanceLate = regularisationLate(
    request,
    parisToday(request.createdAt),
    firstTransmitted ? parisToday(firstTransmitted) : null,
    parisToday(now),
  );
  return {
    request,
    paidOn,
    structure,
    bankAccount,
    lines,
    events,
    latestReceiptId,
    totalCents: total,
    balance: balanceOf(total, request.advanceCents, request.advanceReceived),
    advanceLate,
    settings: settingsOf(request),
  };
}

export type RequestDetail = NonNullable<ReturnType<typeof requestDetail>>;

/**
 * The PACAGE and category a request shows and transmits: while it can still be written, those of
 * the structure's open TIC space now (the manager may correct them meanwhile); once transmitted,
 * those it was transmitted with.
 */
function settingsOf(request: { structureId: number; status: RefundStatus; pacage: string | null; beneficiaryCategory: string | null }) {
  const space = isEditable(request.status) ? openTicSpace(request.structureId) : undefined;
  return space
    ? { pacage: space.pacage, beneficiaryCategory: space.beneficiaryCategory }
    : { pacage: request.pacage, beneficiaryCategory: request.beneficiaryCategory };
}
