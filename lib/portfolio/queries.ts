import "server-only";
import type { Statement } from "better-sqlite3";
import { MAX_PAGE } from "@/lib/search-params";
import { REFUND_STATUSES } from "@/db/schema";
import { parisToday } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { mandateInForceSql } from "@/lib/mandates/in-force";
import { MISSING_ITEMS, MISSING_SQL, editableSql, lineCountsSql, type MissingItem } from "@/lib/refunds/missing";
import { openYears } from "@/lib/refunds/years";
import type { RefundStatus } from "@/lib/refunds/statuses";

/**
 * « Portefeuille »: the client farms of a user, one row per farm and open year, read in one grouped
 * and paged SQL query (ADR 0013: counted and paged in SQL, never read whole).
 *
 * A farm is a client when a structure the user is an approved member of holds a mandate in force
 * on it (lib/mandates/in-force.ts). What is missing before
 * « Transmettre » is `MISSING_SQL` of lib/refunds/missing.ts, the request page's rule in SQL.
 */

export { MISSING_ITEMS, MISSING_LABELS, type MissingItem } from "@/lib/refunds/missing";

/** Missing filter: one item, or any of them, or none (ready to transmit). */
export const MISSING_FILTERS = [...MISSING_ITEMS, "any", "ready"] as const;
export type MissingFilter = (typeof MISSING_FILTERS)[number];

/** Status filter: a request status, or no request yet for that year. */
export const STATUS_FILTERS = [...REFUND_STATUSES, "none"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const SORTS = ["name", "-name", "siret", "-updated", "updated", "-total", "total"] as const;
export type Sort = (typeof SORTS)[number];

/**
 * Rows per page: 25, not the 50 of the other lists. Each row is a wide card on a phone, and the
 * bench measured the page at about a fifth more requests per second than with 50.
 */
export const PORTFOLIO_PAGE_SIZE = 25;

/** `search`: part of a farm's name, SIRET or PACAGE (issue 21, point 10); see `searchPatterns`. */
export type PortfolioFilters = { status?: StatusFilter; missing?: MissingFilter; year?: number; sort?: Sort; search?: string };

/** The longest search kept (a name of the SIRENE directory is at most 120 characters). */
export const SEARCH_MAX_LENGTH = 120;

/** The search parameter as typed: control characters out, spaces folded, SEARCH_MAX_LENGTH at most; the first if repeated. */
export function portfolioSearch(raw: string | string[] | undefined): string {
  const first = Array.isArray(raw) ? raw[0] : raw;
  return (first ?? "")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SEARCH_MAX_LENGTH);
}

/** Case and accents folded, the same way for the names (in SQL, `portfolio_fold`) and the search. */
export const foldText = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * A search as typed (« trois chênes », « 732 829 320 », « 031123456 ») into LIKE patterns: the
 * name, case and accents folded, contains the words; the SIRET or the PACAGE contains the digits
 * when only digits, spaces and dots were typed. `%`, `_` and `\` are matched literally.
 */
export function searchPatterns(search: string): { nameLike: string; digitsLike: string | null } {
  const text = search.replace(/\s+/g, " ").trim();
  const like = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const digits = /^[\d\s.]+$/.test(text) ? text.replace(/[\s.]/g, "") : "";
  return { nameLike: like(foldText(text)), digitsLike: digits ? like(digits) : null };
}

export type PortfolioRow = {
  farmId: number;
  name: string;
  siret: string;
  /** Null when the farm's TIC space is not open: the mandate then gives access to nothing. */
  pacage: string | null;
  spaceOpen: boolean;
  /** A mandate in force grants « Modification » and the space allows it. */
  mayEdit: boolean;
  year: number;
  requestId: number | null;
  status: RefundStatus | null;
  /** « Accordée »: the amount the administration accepted (issue 20). */
  acceptedCents: number | null;
  /** The payment order's execution date once paid (« Payée le … »). */
  paidOn: string | null;
  totalCents: number;
  /** The 2024 advance as the request declares it (null: not answered). */
  advanceCents: number | null;
  advanceReceived: boolean | null;
  lineCount: number;
  updatedAt: Date | null;
  missing: MissingItem[];
};

type RawRow = {
  farm_id: number;
  name: string;
  siret: string;
  pacage: string | null;
  space_open: number;
  may_edit: number;
  year: number;
  request_id: number | null;
  status: RefundStatus | null;
  accepted_cents: number | null;
  paid_on: string | null;
  total_cents: number;
  advance_cents: number | null;
  advance_received: number | null;
  line_count: number;
  updated_at: number | null;
  m_verification: number;
  m_bank: number;
  m_attestation: number;
  m_advance: number;
  m_lines: number;
  m_invoices: number;
  full_count: number;
};

const ORDER: Record<Sort, string> = {
  name: "name COLLATE NOCASE ASC",
  "-name": "name COLLATE NOCASE DESC",
  siret: "siret ASC",
  "-updated": "updated_at IS NULL, updated_at DESC",
  updated: "updated_at IS NULL, updated_at ASC",
  "-total": "total_cents DESC",
  total: "total_cents ASC",
};

const MISSING_WHERE: Record<MissingFilter, string> = {
  verification: "m_verification = 1",
  bank: "m_bank = 1",
  attestation: "m_attestation = 1",
  advance: "m_advance = 1",
  lines: "m_lines = 1",
  invoices: "m_invoices = 1",
  any: "(m_verification + m_bank + m_attestation + m_advance + m_lines + m_invoices) > 0",
  ready: "editable = 1 AND (m_verification + m_bank + m_attestation + m_advance + m_lines + m_invoices) = 0",
};

/** Farm orders matching ORDER (name, then SIRET), for a page that is a run of whole farms. */
const FARM_ORDER: Partial<Record<Sort, string>> = {
  name: "s.name COLLATE NOCASE ASC, s.siret ASC",
  "-name": "s.name COLLATE NOCASE DESC, s.siret ASC",
  siret: "s.siret ASC",
};

/**
 * Sorted by a farm's name or SIRET with no filter on its requests, every farm has one row per year
 * in a run: the page is read from the farms it covers only, and the count is farms × years.
 */
const pagedByFarm = (filters: PortfolioFilters) => !filters.status && !filters.missing && FARM_ORDER[filters.sort ?? "name"] !== undefined;

/** Filters that need the lines of every row, not only of the page shown (the total is stored: ADR 0034). */
const needsLinesFirst = (filters: PortfolioFilters) => ["lines", "invoices", "any", "ready"].includes(filters.missing ?? "");

/** The lines of one request, counted through the (request_id, …) index: one range each. */
const lineColumns = (request: string) => lineCountsSql(request);

/** What is missing that depends on the lines (lib/refunds/missing.ts), from the columns above. */
const lineFlags = `
    ${MISSING_SQL.lines()} AS m_lines,
    ${MISSING_SQL.invoices()} AS m_invoices`;

/**
 * The statement for one shape of query (years, filters present, sort). Only whitelisted SQL pieces
 * and integers are spliced in; the user's values go through placeholders. Prepared once per
 * connection and shape.
 *
 * Farms × open years are read from indexes (mandates, spaces, requests by structure and year),
 * sorted and paged; the lines are then counted for the page's requests only, unless a filter needs
 * them for every row (missing lines or invoices). The total is the request's stored one (migration 0019).
 */
export function buildSql(years: readonly number[], filters: PortfolioFilters): string {
  const linesFirst = needsLinesFirst(filters);
  const where: string[] = [];
  if (filters.status === "none") where.push("request_id IS NULL");
  else if (filters.status) where.push("status = @status");
  if (filters.year !== undefined) where.push("year = @year");
  if (filters.missing) where.push(MISSING_WHERE[filters.missing]);
  const order = `${ORDER[filters.sort ?? "name"]}, name COLLATE NOCASE ASC, siret ASC, year DESC`;
  const byFarm = pagedByFarm(filters);
  return `
WITH years(year) AS (VALUES ${years.map((y) => `(${Math.trunc(y)})`).join(", ")}),
clients AS (
  SELECT m.farm_structure_id AS farm_id, max(m.can_edit) AS can_edit
  FROM attachments a
  JOIN mandates m ON m.agent_structure_id = a.structure_id${
    filters.search
      ? `
  JOIN structures fs ON fs.id = m.farm_structure_id
  LEFT JOIN spaces fsp ON fsp.structure_id = fs.id AND fsp.kind = 'ticRefund' AND fsp.closed_at IS NULL`
      : ""
  }
  WHERE a.user_id = @userId AND a.status = 'approved' AND ${mandateInForceSql("m")}${
    filters.search
      ? `
    AND (portfolio_fold(fs.name) LIKE @nameLike ESCAPE '\\'
      OR (@digitsLike IS NOT NULL AND (fs.siret LIKE @digitsLike ESCAPE '\\' OR fsp.pacage LIKE @digitsLike ESCAPE '\\')))`
      : ""
  }
  GROUP BY m.farm_structure_id
),${
    byFarm
      ? `
paged_farms AS (
  SELECT c.farm_id, c.can_edit FROM clients c JOIN structures s ON s.id = c.farm_id
  ORDER BY ${FARM_ORDER[filters.sort ?? "name"]}
  LIMIT @farmLimit OFFSET @farmOffset
),`
      : ""
  }
base AS (
  SELECT s.id AS farm_id, s.name, s.siret, sp.pacage,
    sp.id IS NOT NULL AS space_open,
    coalesce(sp.can_edit AND c.can_edit, 0) AS may_edit,
    y.year, r.id AS request_id, r.status, r.accepted_cents, r.updated_at, r.advance_cents, r.advance_received,
    (SELECT o.executed_on FROM payment_order_items i JOIN payment_orders o ON o.id = i.order_id WHERE i.request_id = r.id) AS paid_on,
    ${editableSql("r")} AS editable,
    ${MISSING_SQL.verification("r", "s")} AS m_verification,
    ${MISSING_SQL.bank("r")} AS m_bank,
    ${MISSING_SQL.attestation("r")} AS m_attestation,
    ${MISSING_SQL.advance("r")} AS m_advance,
    -- The sum of the lines, kept by triggers (migration 0019); 0 for a year without a request.
    coalesce(r.lines_total_cents, 0) AS total_cents${linesFirst ? `,${lineColumns("r.id")}` : ""}
  FROM ${byFarm ? "paged_farms" : "clients"} c
  JOIN structures s ON s.id = c.farm_id
  LEFT JOIN spaces sp ON sp.structure_id = s.id AND sp.kind = 'ticRefund' AND sp.closed_at IS NULL AND (sp.can_view OR sp.can_edit)
  CROSS JOIN years y
  -- Without an open TIC space the mandate gives access to nothing: its requests are not shown.
  LEFT JOIN refund_requests r ON r.structure_id = s.id AND r.year = y.year AND sp.id IS NOT NULL
),
flagged AS (SELECT *${linesFirst ? `,${lineFlags}` : ""} FROM base),
page AS (
  SELECT *, ${byFarm ? `(SELECT count(*) FROM clients) * ${years.length}` : "count(*) OVER ()"} AS full_count FROM flagged
  ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
  ORDER BY ${order}
  LIMIT @limit OFFSET @offset
)${
    linesFirst
      ? `
SELECT * FROM page ORDER BY ${order}`
      : `,
counted AS (SELECT *,${lineColumns("page.request_id")} FROM page)
SELECT *,${lineFlags} FROM counted ORDER BY ${order}`
  }`;
}

/** Hand-written statements, prepared once per connection and text (the instructors' list uses it too). */
const statements = new WeakMap<object, Map<string, Statement>>();

export function statement(text: string): Statement {
  const client = getDb().$client;
  let byText = statements.get(client);
  if (!byText) {
    statements.set(client, (byText = new Map()));
    // The search compares names with their case and accents folded (SQLite's LIKE folds ASCII only).
    client.function("portfolio_fold", { deterministic: true }, (text: unknown) => (typeof text === "string" ? foldText(text) : text));
  }
  let prepared = byText.get(text);
  if (!prepared) byText.set(text, (prepared = client.prepare(text)));
  return prepared;
}

function toRow(raw: RawRow): PortfolioRow {
  return {
    farmId: raw.farm_id,
    name: raw.name,
    siret: raw.siret,
    pacage: raw.pacage,
    spaceOpen: raw.space_open === 1,
    mayEdit: raw.may_edit === 1,
    year: raw.year,
    requestId: raw.request_id,
    status: raw.status,
    acceptedCents: raw.accepted_cents,
    paidOn: raw.paid_on,
    totalCents: raw.total_cents,
    advanceCents: raw.advance_cents,
    advanceReceived: raw.advance_received === null ? null : raw.advance_received === 1,
    lineCount: raw.line_count,
    updatedAt: raw.updated_at === null ? null : new Date(raw.updated_at),
    missing: MISSING_ITEMS.filter((item) => raw[`m_${item}`] === 1),
  };
}

/**
 * One page of the portfolio (1-based, clamped to the last page) and the number of rows matching
 * the filters. `years` are the open years (lib/refunds/years.ts `openYears()`).
 */
export function portfolioPage(
  userId: number,
  years: readonly number[],
  filters: PortfolioFilters,
  requestedPage: number,
  now = new Date(),
  pageSize = PORTFOLIO_PAGE_SIZE,
) {
  const chosenYears = filters.year !== undefined ? years.filter((y) => y === filters.year) : years;
  if (chosenYears.length === 0) return { rows: [] as PortfolioRow[], total: 0, page: 1, pages: 1 };
  const query = statement(buildSql(chosenYears, filters));
  const fixed = {
    userId,
    today: parisToday(now),
    ...(filters.status && filters.status !== "none" ? { status: filters.status } : {}),
    ...(filters.year !== undefined ? { year: filters.year } : {}),
    ...(filters.search ? searchPatterns(filters.search) : {}),
  };
  const rowsAt = (offset: number, limit: number) => {
    if (!pagedByFarm(filters)) return query.all({ ...fixed, limit, offset }) as RawRow[];
    // The farms the rows [offset, offset + limit) belong to, then those rows among theirs.
    const perFarm = chosenYears.length;
    const farmOffset = Math.floor(offset / perFarm);
    const farmLimit = Math.ceil((offset + limit) / perFarm) - farmOffset;
    return query.all({ ...fixed, farmOffset, farmLimit, limit, offset: offset - farmOffset * perFarm }) as RawRow[];
  };
  // Whatever the caller parsed: a safe positive integer within bounds reaches OFFSET, else page 1.
  let page = Number.isSafeInteger(requestedPage) && requestedPage >= 1 && requestedPage <= MAX_PAGE ? requestedPage : 1;
  let raws = rowsAt((page - 1) * pageSize, pageSize);
  let total = raws[0]?.full_count ?? 0;
  if (raws.length === 0 && page > 1) {
    // Past the end (a stale link): count, then show the last page.
    total = rowsAt(0, 1)[0]?.full_count ?? 0;
    page = Math.max(1, Math.ceil(total / pageSize));
    raws = total === 0 ? [] : rowsAt((page - 1) * pageSize, pageSize);
  }
  return { rows: raws.map(toRow), total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

let yearsCache: { day: string; at: number; years: number[] } | undefined;

/**
 * `openYears()` reads the rates and deadlines tables: remembered for a minute within a day (a
 * rates import applies within the minute), as every view of the portfolio needs it.
 */
export function openYearsNow(now = new Date()): number[] {
  const day = parisToday(now);
  if (!yearsCache || yearsCache.day !== day || now.getTime() - yearsCache.at > 60_000)
    yearsCache = { day, at: now.getTime(), years: openYears(now) };
  return yearsCache.years;
}
