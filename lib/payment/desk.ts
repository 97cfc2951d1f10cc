import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, paymentOrderItems, paymentOrders, refundRequests, structures } from "@/db/schema";
import { assertAuthorized } from "@/lib/access";
import { REQUEST_ACCEPTED_ACTION, competence } from "@/lib/access/agents";
import type { AgentActor } from "@/lib/agents/identity";
import { recordAudit } from "@/lib/audit/record";
import { getDb, inTransaction } from "@/lib/db";
import type { RequestMeta } from "@/lib/request-meta";

/**
 * What the payers' pages read (issue 20), always within the payer's départements: the accepted
 * requests waiting for an order, the orders, one order's items. The writes are lib/payment/orders.ts.
 */
export type PayableFilters = { year?: number; departement?: string };

/** The accepted requests waiting for an order, oldest decision first; those the payer accepted say so. */
export function payableRequests(actor: AgentActor, filters: PayableFilters = {}) {
  const departements = competence(actor, "payer");
  if (departements.length === 0) return [];
  const chosen = filters.departement && departements.includes(filters.departement) ? [filters.departement] : departements;
  return getDb()
    .select({
      id: refundRequests.id,
      reference: refundRequests.reference,
      year: refundRequests.year,
      acceptedCents: refundRequests.acceptedCents,
      decidedAt: refundRequests.decidedAt,
      name: structures.name,
      siret: structures.siret,
      departement: structures.departement,
      acceptedByMe: sql<number>`EXISTS (SELECT 1 FROM ${auditEvents} WHERE ${auditEvents.action} = ${REQUEST_ACCEPTED_ACTION} AND ${auditEvents.targetType} = 'refund_request' AND ${auditEvents.targetId} = CAST(${refundRequests.id} AS TEXT) AND ${auditEvents.actorAgentId} = ${actor.agentId})`,
    })
    .from(refundRequests)
    .innerJoin(structures, eq(structures.id, refundRequests.structureId))
    .where(
      and(
        eq(refundRequests.status, "accepted"),
        inArray(structures.departement, chosen),
        filters.year ? eq(refundRequests.year, filters.year) : undefined,
      ),
    )
    .orderBy(asc(refundRequests.decidedAt), asc(refundRequests.id))
    .all()
    .map((row) => ({ ...row, acceptedByMe: row.acceptedByMe === 1 }));
}

/** The years found among the payer's accepted requests (the filter's choices). */
export function payableYears(actor: AgentActor): number[] {
  return [...new Set(payableRequests(actor).map((r) => r.year))].sort((a, b) => b - a);
}

/** The orders whose every request is within the payer's départements, newest first. */
export function ordersOf(actor: AgentActor) {
  const departements = competence(actor, "payer");
  if (departements.length === 0) return [];
  const list = sql.join(
    departements.map((d) => sql`${d}`),
    sql`, `,
  );
  return getDb()
    .select({
      id: paymentOrders.id,
      reference: paymentOrders.reference,
      createdAt: paymentOrders.createdAt,
      transactionCount: paymentOrders.transactionCount,
      controlSumCents: paymentOrders.controlSumCents,
      executedOn: paymentOrders.executedOn,
    })
    .from(paymentOrders)
    .where(
      sql`NOT EXISTS (SELECT 1 FROM ${paymentOrderItems} i JOIN ${refundRequests} r ON r.id = i.request_id JOIN ${structures} s ON s.id = r.structure_id
        WHERE i.order_id = ${paymentOrders.id} AND (s.departement IS NULL OR s.departement NOT IN (${list})))`,
    )
    .orderBy(desc(paymentOrders.id))
    .all();
}

/** One order and its items, for a payer the policy lets handle it (else AccessDenied: not found). */
export function orderDetail(actor: AgentActor, orderId: number) {
  assertAuthorized(actor, "order.handle", { orderId });
  const db = getDb();
  const order = db.select().from(paymentOrders).where(eq(paymentOrders.id, orderId)).get()!;
  const items = db
    .select({
      id: paymentOrderItems.id,
      requestId: paymentOrderItems.requestId,
      holder: paymentOrderItems.holder,
      iban: paymentOrderItems.iban,
      bic: paymentOrderItems.bic,
      amountCents: paymentOrderItems.amountCents,
      endToEndId: paymentOrderItems.endToEndId,
      name: structures.name,
      departement: structures.departement,
      status: refundRequests.status,
    })
    .from(paymentOrderItems)
    .innerJoin(refundRequests, eq(refundRequests.id, paymentOrderItems.requestId))
    .innerJoin(structures, eq(structures.id, refundRequests.structureId))
    .where(eq(paymentOrderItems.orderId, orderId))
    .orderBy(asc(paymentOrderItems.id))
    .all();
  return { order, items };
}

/** The order's SEPA file for download; audited (it lists the farms' IBANs). AccessDenied when refused. */
export function orderFile(actor: AgentActor, orderId: number, meta: RequestMeta, now = new Date()): { reference: string; xml: string } {
  const { order } = orderDetail(actor, orderId);
  inTransaction((tx) =>
    recordAudit(
      tx,
      {
        action: "payment_order.downloaded",
        actorAgentId: actor.agentId,
        targetType: "payment_order",
        targetId: order.id,
        ip: meta.ip,
        details: { reference: order.reference },
      },
      now,
    ),
  );
  return { reference: order.reference, xml: order.xml };
}
