import "server-only";
import { assertCan } from "@/lib/access";
import { statisticsScope } from "@/lib/access/agents";
import type { AgentActor } from "@/lib/agents/identity";
import { getDb } from "@/lib/db";
import { PRODUCTS, type Product } from "@/lib/refunds/products";
import { STATUS_LABELS, type RefundStatus } from "@/lib/refunds/statuses";

/**
 * « Statistiques » (issue 20): the requests transmitted to the administration (drafts are the
 * farms' own) within the viewer's départements — every département for an administrator (ADR
 * 0027). Read in a few grouped SQL statements; medians computed here from the day counts.
 */
export type Amounts = { key: string; label: string; requestedCents: number; acceptedCents: number };
export type Statistics = {
  scope: string[] | null;
  byStatus: { status: RefundStatus; label: string; count: number }[];
  byProduct: Amounts[];
  byYear: Amounts[];
  byDepartement: Amounts[];
  /** Median whole days, and how many requests they are computed over. */
  daysToDecision: { median: number | null; count: number };
  daysToPayment: { median: number | null; count: number };
  byInstructor: { agentId: number; name: string; following: number; decided: number }[];
};

const DECIDED: RefundStatus[] = ["accepted", "payment", "paid"];

/** The median of a list of numbers (the mean of the two middle ones for an even count), or null. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function statisticsFor(actor: AgentActor): Statistics {
  assertCan(actor, "statistics.view");
  const scope = statisticsScope(actor);
  const client = getDb().$client;
  // The scope as SQL: every département, or those given (bound, never spliced).
  const within = scope === null ? "1" : scope.length === 0 ? "0" : `s.departement IN (${scope.map(() => "?").join(", ")})`;
  const params = scope ?? [];
  const transmitted = `r.status <> 'draft' AND ${within}`;
  const all = <T>(sql: string) => client.prepare(sql).all(...params) as T[];

  const statusRows = all<{ status: RefundStatus; n: number }>(
    `SELECT r.status, count(*) AS n FROM refund_requests r JOIN structures s ON s.id = r.structure_id WHERE ${transmitted} GROUP BY r.status`,
  );
  const byStatus = (Object.keys(STATUS_LABELS) as RefundStatus[])
    .filter((status) => status !== "draft")
    .map((status) => ({ status, label: STATUS_LABELS[status], count: statusRows.find((row) => row.status === status)?.n ?? 0 }));

  // By product, from the lines: the accepted amount of a line decided line by line, else the
  // line's whole amount when its request was accepted whole.
  const decidedList = DECIDED.map((s) => `'${s}'`).join(", ");
  const productRows = all<{ product: Product; requested: number; accepted: number }>(`
    SELECT l.product, sum(l.amount_cents) AS requested,
      sum(CASE WHEN r.status IN (${decidedList}) THEN coalesce(l.accepted_amount_cents, l.amount_cents) ELSE 0 END) AS accepted
    FROM refund_lines l JOIN refund_requests r ON r.id = l.request_id JOIN structures s ON s.id = r.structure_id
    WHERE ${transmitted} GROUP BY l.product ORDER BY l.product`);
  const byProduct = productRows.map((row) => ({
    key: row.product,
    label: PRODUCTS[row.product]?.label ?? row.product,
    requestedCents: row.requested,
    acceptedCents: row.accepted,
  }));

  // By year and by département, from the requests: the lines' total, and the accepted amount.
  const grouped = (column: string) =>
    all<{ k: string; requested: number; accepted: number }>(`
      SELECT ${column} AS k,
        sum((SELECT coalesce(sum(l.amount_cents), 0) FROM refund_lines l WHERE l.request_id = r.id)) AS requested,
        sum(CASE WHEN r.status IN (${decidedList}) THEN coalesce(r.accepted_cents, 0) ELSE 0 END) AS accepted
      FROM refund_requests r JOIN structures s ON s.id = r.structure_id
      WHERE ${transmitted} GROUP BY k ORDER BY k`);
  const byYear = grouped("r.year").map((row) => ({
    key: String(row.k),
    label: String(row.k),
    requestedCents: row.requested,
    acceptedCents: row.accepted,
  }));
  const byDepartement = grouped("coalesce(s.departement, '—')").map((row) => ({
    key: row.k,
    label: row.k,
    requestedCents: row.requested,
    acceptedCents: row.accepted,
  }));

  // Whole days (Paris calendar days are close enough here: a median of delays, in days).
  const decisionDays = all<{ d: number }>(`
    SELECT julianday(r.decided_at / 1000, 'unixepoch') - julianday(r.transmitted_at / 1000, 'unixepoch') AS d
    FROM refund_requests r JOIN structures s ON s.id = r.structure_id
    WHERE ${transmitted} AND r.decided_at IS NOT NULL AND r.transmitted_at IS NOT NULL`).map((row) => Math.max(0, Math.round(row.d)));
  const paymentDays = all<{ d: number }>(`
    SELECT julianday(o.executed_on) - julianday(r.transmitted_at / 1000, 'unixepoch') AS d
    FROM refund_requests r JOIN structures s ON s.id = r.structure_id
    JOIN payment_order_items i ON i.request_id = r.id JOIN payment_orders o ON o.id = i.order_id
    WHERE ${transmitted} AND o.executed_on IS NOT NULL AND r.transmitted_at IS NOT NULL`).map((row) => Math.max(0, Math.round(row.d)));

  // Load per instructor: requests they follow now (not yet decided), requests they decided.
  const byInstructor = all<{ agentId: number; first: string; last: string; following: number; decided: number }>(`
    SELECT a.id AS agentId, a.first_name AS first, a.last_name AS last,
      sum(CASE WHEN r.instructor_agent_id = a.id AND r.status IN ('submitted', 'processing', 'incomplete') THEN 1 ELSE 0 END) AS following,
      sum(CASE WHEN r.decided_by_agent_id = a.id THEN 1 ELSE 0 END) AS decided
    FROM agents a JOIN refund_requests r ON r.instructor_agent_id = a.id OR r.decided_by_agent_id = a.id
    JOIN structures s ON s.id = r.structure_id
    WHERE ${transmitted} GROUP BY a.id ORDER BY following DESC, decided DESC, a.last_name`).map((row) => ({
    agentId: row.agentId,
    name: `${row.first} ${row.last}`,
    following: row.following,
    decided: row.decided,
  }));

  return {
    scope,
    byStatus,
    byProduct,
    byYear,
    byDepartement,
    daysToDecision: { median: median(decisionDays), count: decisionDays.length },
    daysToPayment: { median: median(paymentDays), count: paymentDays.length },
    byInstructor,
  };
}
