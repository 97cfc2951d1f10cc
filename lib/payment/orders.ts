import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { bankAccounts, paymentOrderItems, paymentOrders, refundRequests, refundStatusEvents, structures } from "@/db/schema";
import { authorize } from "@/lib/access";
import { acceptedByAgent } from "@/lib/access/agents";
import type { AgentActor } from "@/lib/agents/identity";
import { recordAudit } from "@/lib/audit/record";
import { getConfig } from "@/lib/config";
import { formatIsoShortDay, parisToday } from "@/lib/dates";
import { inTransaction, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { links } from "@/lib/links";
import { kickDelivery } from "@/lib/mail/deliver";
import { notify } from "@/lib/mail/digest";
import { formatEuros } from "@/lib/refunds/amounts";
import { STATUS_EXPLANATIONS, STATUS_LABELS, paidWords, type RefundStatus } from "@/lib/refunds/statuses";
import type { RequestMeta } from "@/lib/request-meta";
import { farmRecipients } from "./farm-recipients";
import { paymentOrderXml } from "./sepa-file";

/** At most this many requests in one order (one file the bank takes in one go). */
export const MAX_ORDER_REQUESTS = 2000;

export const ORDER_BUILT_ACTION = "payment_order.built";
export const ORDER_PAID_ACTION = "payment_order.paid";

/** « TIC-VIR-2026-000012 »: the order's MsgId, unique. */
export const orderReferenceOf = (id: number, now: Date) => `TIC-VIR-${parisToday(now).slice(0, 4)}-${String(id).padStart(6, "0")}`;

type Refused = { requestId: number; message: string };

/** Why this payer may not pay this request, in French (the policy said no; this only words it). */
function refusalWords(actor: AgentActor, requestId: number, reference: string | null): string {
  const name = reference ?? `n° ${requestId}`;
  if (acceptedByAgent(actor.agentId, requestId))
    return `Vous avez accordé la demande ${name} : un autre payeur doit la mettre en paiement (séparation des tâches).`;
  return `La demande ${name} n'est pas dans vos départements, ou vous ne pouvez pas la payer.`;
}

function mailFarm(
  tx: Db,
  request: { id: number; structureId: number; year: number; reference: string },
  structureName: string,
  status: RefundStatus,
  explanation: string,
  now: Date,
) {
  for (const person of farmRecipients(tx, request.id, request.structureId, now)) {
    notify(
      tx,
      {
        userId: person.id,
        pair: `${request.id}:${status}`,
        oncePerDay: false,
        to: person.contactEmail,
        template: "refund-status-changed",
        props: {
          firstName: person.firstName,
          structureName,
          year: request.year,
          reference: request.reference,
          status: STATUS_LABELS[status],
          explanation,
          motif: null,
          link: links.refundRequest(request.id),
        },
      },
      now,
    );
  }
}

/**
 * « Mettre en paiement »: the chosen requests, all « Accordée » and each one the payer may pay
 * (lib/access/agents.ts: within their départements, not one they accepted), become one payment order
 * in one transaction: the order and its SEPA pain.001.001.03 file, one item per request (the holder,
 * IBAN and BIC of the request's bank details, the accepted amount, the reference as EndToEndId),
 * each request « Mise en paiement » with its status event, the audit events, the farms' mails.
 * All or nothing: one request refused, nothing is written and the page says which and why.
 */
export function buildPaymentOrder(
  actor: AgentActor,
  requestIds: number[],
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ orderId: number; reference: string }> {
  const ids = [...new Set(requestIds)];
  if (ids.length === 0)
    return {
      ok: false,
      formError: "Cochez au moins une demande accordée à mettre en paiement.",
      fieldErrors: { requestIds: "Cochez au moins une demande." },
    };
  if (ids.length > MAX_ORDER_REQUESTS)
    return { ok: false, formError: `Un ordre de paiement compte au plus ${MAX_ORDER_REQUESTS} demandes : choisissez-en moins.` };
  const refused: Refused[] = [];
  for (const requestId of ids) {
    const grant = authorize(actor, "request.pay", { requestId });
    if (!grant.ok) refused.push({ requestId, message: refusalWords(actor, requestId, null) });
  }
  if (refused.length > 0) return { ok: false, formError: "Rien n'est mis en paiement :", errorList: refused.map((r) => r.message) };
  const { debtorName, debtorIban, debtorBic } = getConfig().payment;

  const result = inTransaction((tx): ActionResult<{ orderId: number; reference: string }> => {
    const rows = tx
      .select({
        id: refundRequests.id,
        structureId: refundRequests.structureId,
        structureName: structures.name,
        year: refundRequests.year,
        status: refundRequests.status,
        reference: refundRequests.reference,
        acceptedCents: refundRequests.acceptedCents,
        holder: bankAccounts.holder,
        iban: bankAccounts.iban,
        bic: bankAccounts.bic,
      })
      .from(refundRequests)
      .innerJoin(structures, eq(structures.id, refundRequests.structureId))
      .leftJoin(bankAccounts, eq(bankAccounts.id, refundRequests.bankAccountId))
      .where(inArray(refundRequests.id, ids))
      .orderBy(refundRequests.id)
      .all();
    const problems: string[] = [];
    for (const id of ids) {
      const row = rows.find((r) => r.id === id);
      const name = row?.reference ?? `n° ${id}`;
      if (!row) problems.push(`La demande n° ${id} n'existe pas.`);
      else if (row.status !== "accepted")
        problems.push(
          `La demande ${name} est « ${STATUS_LABELS[row.status]} » : seule une demande « ${STATUS_LABELS.accepted} » se met en paiement.`,
        );
      else if (!row.acceptedCents || row.acceptedCents <= 0) problems.push(`La demande ${name} n'a pas de montant accordé.`);
      else if (!row.iban || !row.bic || !row.holder || !row.reference)
        problems.push(`La demande ${name} n'a pas de références bancaires complètes.`);
    }
    if (problems.length > 0) return { ok: false, formError: "Rien n'est mis en paiement :", errorList: problems };

    // BEGIN IMMEDIATE holds the write lock: the next id is ours.
    const id = tx.get<{ next: number }>(sql`SELECT coalesce(max(id), 0) + 1 AS next FROM payment_orders`).next;
    const reference = orderReferenceOf(id, now);
    const transfers = rows.map((row) => ({
      holder: row.holder!,
      iban: row.iban!,
      bic: row.bic!,
      amountCents: row.acceptedCents!,
      endToEndId: row.reference!,
    }));
    const controlSumCents = transfers.reduce((sum, t) => sum + t.amountCents, 0);
    let xml: string;
    try {
      xml = paymentOrderXml({
        reference,
        createdAt: now,
        executionDate: parisToday(now),
        debtor: { name: debtorName, iban: debtorIban, bic: debtorBic },
        transfers,
      });
    } catch (error) {
      // The library checks every IBAN, BIC and amount: a file the bank would refuse is never written.
      console.error(`Ordre de paiement non établi : ${(error as Error).message}`);
      return {
        ok: false,
        formError:
          "Le fichier de virements n'a pas pu être établi : un IBAN, un BIC ou un montant serait refusé par la banque. Rien n'est mis en paiement.",
      };
    }
    tx.insert(paymentOrders)
      .values({ id, reference, createdAt: now, createdByAgentId: actor.agentId, transactionCount: transfers.length, controlSumCents, xml })
      .run();
    // The unique index on request_id keeps a request in one order, whatever raced us.
    tx.insert(paymentOrderItems)
      .values(rows.map((row, i) => ({ orderId: id, requestId: row.id, ...transfers[i]! })))
      .run();
    for (const row of rows) {
      const updated = tx
        .update(refundRequests)
        .set({ status: "payment", updatedAt: now })
        .where(and(eq(refundRequests.id, row.id), eq(refundRequests.status, "accepted")))
        .returning({ id: refundRequests.id })
        .get();
      if (!updated) throw new Error(`La demande ${row.reference} a changé pendant la mise en paiement.`);
      tx.insert(refundStatusEvents).values({ requestId: row.id, status: "payment", at: now, actorAgentId: actor.agentId }).run();
      recordAudit(
        tx,
        {
          action: "refund.payment_ordered",
          actorAgentId: actor.agentId,
          targetType: "refund_request",
          targetId: row.id,
          ip: meta.ip,
          details: { reference: row.reference, orderId: id, orderReference: reference, amountCents: row.acceptedCents },
        },
        now,
      );
      mailFarm(
        tx,
        { ...row, reference: row.reference! },
        row.structureName,
        "payment",
        `Le remboursement accordé de ${formatEuros(row.acceptedCents!)} est mis en paiement : le virement sur le compte ${row.iban!.slice(0, 4)} … ${row.iban!.slice(-4)} suit.`,
        now,
      );
    }
    recordAudit(
      tx,
      {
        action: ORDER_BUILT_ACTION,
        actorAgentId: actor.agentId,
        targetType: "payment_order",
        targetId: id,
        ip: meta.ip,
        details: { reference, transactionCount: transfers.length, controlSumCents },
      },
      now,
    );
    return {
      ok: true,
      data: { orderId: id, reference },
      message: `L'ordre de paiement ${reference} est prêt : ${transfers.length} virement${transfers.length > 1 ? "s" : ""}, ${formatEuros(controlSumCents)} au total.`,
    };
  });
  if (result.ok) kickDelivery();
  return result;
}

/**
 * « Marquer comme payé »: the bank executed the order on `executedOn` (AAAA-MM-JJ: not in the
 * future, not before the order was built). Its requests become « Payée » with their status event,
 * audited; the farms are told « Payée le … ». Once only: a second marking changes nothing.
 */
export function markOrderPaid(
  actor: AgentActor,
  input: { orderId: number; executedOn: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ reference: string }> {
  const grant = authorize(actor, "order.handle", { orderId: input.orderId });
  if (!grant.ok) return { ok: false, formError: "Vous n'avez pas le droit d'effectuer cette action." };
  const result = inTransaction((tx): ActionResult<{ reference: string }> => {
    const order = tx.select().from(paymentOrders).where(eq(paymentOrders.id, input.orderId)).get();
    if (!order) return { ok: false, formError: "Cet ordre de paiement n'existe pas." };
    if (order.executedOn)
      return { ok: false, formError: `L'ordre ${order.reference} est déjà marqué comme payé le ${formatIsoShortDay(order.executedOn)}.` };
    const today = parisToday(now);
    const built = parisToday(order.createdAt);
    if (input.executedOn > today)
      return {
        ok: false,
        fieldErrors: { executedOn: "La date d'exécution ne peut pas être dans le futur." },
        values: { executedOn: input.executedOn },
      };
    if (input.executedOn < built)
      return {
        ok: false,
        fieldErrors: { executedOn: `La date d'exécution ne peut pas précéder l'ordre, établi le ${formatIsoShortDay(built)}.` },
        values: { executedOn: input.executedOn },
      };
    const marked = tx
      .update(paymentOrders)
      .set({ executedOn: input.executedOn, executedAt: now, executedByAgentId: actor.agentId })
      .where(and(eq(paymentOrders.id, order.id), isNull(paymentOrders.executedOn)))
      .returning({ id: paymentOrders.id })
      .get();
    if (!marked) return { ok: false, formError: "L'ordre vient d'être marqué comme payé." };
    const items = tx
      .select({
        id: refundRequests.id,
        structureId: refundRequests.structureId,
        structureName: structures.name,
        year: refundRequests.year,
        reference: refundRequests.reference,
        amountCents: paymentOrderItems.amountCents,
        iban: paymentOrderItems.iban,
      })
      .from(paymentOrderItems)
      .innerJoin(refundRequests, eq(refundRequests.id, paymentOrderItems.requestId))
      .innerJoin(structures, eq(structures.id, refundRequests.structureId))
      .where(eq(paymentOrderItems.orderId, order.id))
      .all();
    for (const item of items) {
      const updated = tx
        .update(refundRequests)
        .set({ status: "paid", updatedAt: now })
        .where(and(eq(refundRequests.id, item.id), eq(refundRequests.status, "payment")))
        .returning({ id: refundRequests.id })
        .get();
      if (!updated) throw new Error(`La demande ${item.reference} n'était plus « Mise en paiement ».`);
      tx.insert(refundStatusEvents).values({ requestId: item.id, status: "paid", at: now, actorAgentId: actor.agentId }).run();
      recordAudit(
        tx,
        {
          action: "refund.paid",
          actorAgentId: actor.agentId,
          targetType: "refund_request",
          targetId: item.id,
          ip: meta.ip,
          details: { reference: item.reference, orderId: order.id, executedOn: input.executedOn, amountCents: item.amountCents },
        },
        now,
      );
      mailFarm(
        tx,
        { ...item, reference: item.reference! },
        item.structureName,
        "paid",
        `${paidWords(input.executedOn)} : le virement de ${formatEuros(item.amountCents)} sur le compte ${item.iban.slice(0, 4)} … ${item.iban.slice(-4)} a été exécuté. ${STATUS_EXPLANATIONS.paid}`,
        now,
      );
    }
    recordAudit(
      tx,
      {
        action: ORDER_PAID_ACTION,
        actorAgentId: actor.agentId,
        targetType: "payment_order",
        targetId: order.id,
        ip: meta.ip,
        details: { reference: order.reference, executedOn: input.executedOn },
      },
      now,
    );
    return {
      ok: true,
      data: { reference: order.reference },
      message: `L'ordre ${order.reference} est marqué comme payé le ${formatIsoShortDay(input.executedOn)} : ${items.length} demande${items.length > 1 ? "s passent" : " passe"} à « ${STATUS_LABELS.paid} ».`,
    };
  });
  if (result.ok) kickDelivery();
  return result;
}
