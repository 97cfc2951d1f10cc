import { REFUND_STATUSES } from "@/db/schema";
import type { AgentActor } from "@/lib/agents/identity";
import { competence } from "@/lib/access/agents";
import { MAX_PAGE, positiveInteger } from "@/lib/search-params";
import { portfolioSearch, searchPatterns, statement } from "@/lib/portfolio/queries";
import { parseEuros } from "@/lib/refunds/amounts";
import { PRODUCT_VALUES, type Product } from "@/lib/refunds/products";
import type { RefundStatus } from "@/lib/refunds/statuses";

/**
 * « Demandes » of an instructor (issue 20): the transmitted requests of the structures in their
 * départements, by tab, filtered, sorted, counted and paged in SQL (ADR 0013, 0026).
 */
export const TABS = ["a-instruire", "suivies", "en-attente", "traitees", "toutes"] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Record<Tab, string> = {
  "a-instruire": "À instruire",
  suivies: "Suivies par moi",
  "en-attente": "En attente de l'usager",
  traitees: "Traitées",
  toutes: "Toutes",
};

/** Each tab's condition on `status` and `instructor_agent_id`, of the table aliased `r` or of the grouped counts. */
function tabCondition(tab: Tab, r: "r." | "" = "r."): string {
  switch (tab) {
    case "a-instruire":
      return `(${r}status = 'submitted' AND ${r}instructor_agent_id IS NULL)`;
    case "suivies":
      return `(${r}instructor_agent_id = @agentId AND ${r}status IN ('submitted', 'processing', 'incomplete'))`;
    case "en-attente":
      return `(${r}status = 'incomplete')`;
    case "traitees":
      return `(${r}status IN ('accepted', 'payment', 'paid', 'rejected'))`;
    case "toutes":
      return "1";
  }
}

export const LIST_SORTS = ["transmis", "-transmis", "montant", "-montant", "nom", "-nom"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const SORT_LABELS: Record<ListSort, string> = {
  transmis: "Transmission, la plus ancienne d'abord",
  "-transmis": "Transmission, la plus récente d'abord",
  montant: "Montant croissant",
  "-montant": "Montant décroissant",
  nom: "Nom de l'exploitation (A → Z)",
  "-nom": "Nom de l'exploitation (Z → A)",
};
const ORDER: Record<ListSort, string> = {
  transmis: "transmitted_at ASC, id ASC",
  "-transmis": "transmitted_at DESC, id DESC",
  montant: "total_cents ASC, id ASC",
  "-montant": "total_cents DESC, id DESC",
  nom: "name COLLATE NOCASE ASC, id ASC",
  "-nom": "name COLLATE NOCASE DESC, id ASC",
};

export const LIST_PAGE_SIZE = 25;

export type ListFilters = {
  tab: Tab;
  year?: number;
  product?: Product;
  departement?: string;
  status?: Exclude<RefundStatus, "draft">;
  minCents?: number;
  maxCents?: number;
  /** ISO days (AAAA-MM-JJ), Paris time, both included. */
  from?: string;
  to?: string;
  flagged?: boolean;
  search?: string;
  sort: ListSort;
};

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The GET form's parameters, read strictly: a value that is not one of the allowed is ignored. */
export function parseListFilters(params: Params): ListFilters {
  const tab = one(params.onglet) as Tab;
  const sort = one(params.tri) as ListSort;
  const product = one(params.produit) as Product;
  const status = one(params.statut) as RefundStatus;
  const year = positiveInteger(one(params.annee), 2100);
  const minCents = one(params.min) ? parseEuros(one(params.min)) : null;
  const maxCents = one(params.max) ? parseEuros(one(params.max)) : null;
  const departement = one(params.departement).toUpperCase();
  return {
    tab: TABS.includes(tab) ? tab : "a-instruire",
    sort: LIST_SORTS.includes(sort) ? sort : "transmis",
    ...(year && year >= 2000 ? { year } : {}),
    ...(PRODUCT_VALUES.includes(product) ? { product } : {}),
    ...(status !== "draft" && REFUND_STATUSES.includes(status) ? { status: status as Exclude<RefundStatus, "draft"> } : {}),
    ...(/^(\d{2,3}|2[AB])$/.test(departement) ? { departement } : {}),
    ...(minCents !== null ? { minCents } : {}),
    ...(maxCents !== null ? { maxCents } : {}),
    ...(ISO_DAY.test(one(params.du)) ? { from: one(params.du) } : {}),
    ...(ISO_DAY.test(one(params.au)) ? { to: one(params.au) } : {}),
    ...(one(params.signalees) === "1" ? { flagged: true } : {}),
    ...(portfolioSearch(params.q) ? { search: portfolioSearch(params.q) } : {}),
  };
}

/** The filters back into a query string (links of the tabs, pages and export). */
export function filtersQuery(filters: ListFilters, overrides: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") query.set(key, String(value));
  };
  set("onglet", filters.tab);
  set("annee", filters.year);
  set("produit", filters.product);
  set("departement", filters.departement);
  set("statut", filters.status);
  set("min", filters.minCents === undefined ? undefined : (filters.minCents / 100).toFixed(2).replace(".", ","));
  set("max", filters.maxCents === undefined ? undefined : (filters.maxCents / 100).toFixed(2).replace(".", ","));
  set("du", filters.from);
  set("au", filters.to);
  set("signalees", filters.flagged ? 1 : undefined);
  set("q", filters.search);
  set("tri", filters.sort === "transmis" ? undefined : filters.sort);
  for (const [key, value] of Object.entries(overrides)) {
    query.delete(key);
    set(key, value);
  }
  return query.toString();
}

/** Whether a filter or a sort other than the search narrows or orders the list (the page then shows them all). */
export const narrowed = (filters: ListFilters) => filtersQuery(filters, { onglet: undefined, q: undefined }) !== "";

/** The sum of the request's lines, stored and kept by triggers (migration 0019): an index walk when sorted or filtered on. */
const TOTAL = "r.lines_total_cents";
// Paris days as epoch bounds: the transmission is stored in ms (UTC); a day starts at Paris midnight.
const PARIS_DAY_START = (param: string) => `(unixepoch(${param} || ' 00:00:00', 'utc') * 1000)`;

/**
 * The départements the list reads: the agent's competence, narrowed by the « Département » filter
 * (one outside the competence leaves nothing).
 */
function departementsOf(agent: AgentActor, filters: ListFilters): string[] {
  const competent = competence(agent, "instructor");
  return filters.departement ? competent.filter((d) => d === filters.departement) : competent;
}

/**
 * The conditions every query of the list shares (competence and filters), the tab aside, on the
 * requests `r` or on their stored tallies (which hold the same departement, status and « signalée »).
 */
function whereOf(filters: ListFilters, departements: string[], source: "requests" | "tallies" = "requests"): string[] {
  // r.departement is the structure's, kept by triggers (migration 0016). One département (most
  // agents) is an equality: the page then reads the index in the order shown and stops at 25 rows.
  const where = [
    "r.status <> 'draft'",
    departements.length === 1 ? "r.departement = @departement" : "r.departement IN (SELECT value FROM json_each(@departements))",
  ];
  if (filters.year !== undefined) where.push("r.year = @year");
  if (filters.product) where.push("EXISTS (SELECT 1 FROM refund_lines pl WHERE pl.request_id = r.id AND pl.product = @product)");
  if (filters.status) where.push("r.status = @status");
  if (filters.minCents !== undefined) where.push(`${TOTAL} >= @minCents`);
  if (filters.maxCents !== undefined) where.push(`${TOTAL} <= @maxCents`);
  if (filters.from) where.push(`r.transmitted_at >= ${PARIS_DAY_START("@from")}`);
  if (filters.to) where.push(`r.transmitted_at < ${PARIS_DAY_START("@to")} + 86400000`);
  // The stored mask of the checks (kept by triggers from CHECK_SQL, migration 0016): an index read.
  if (filters.flagged) where.push(source === "tallies" ? "r.flagged = 1" : "r.checks_fired <> 0");
  if (filters.search)
    where.push(
      "(r.reference LIKE @referenceLike ESCAPE '\\' OR portfolio_fold(s.name) LIKE @nameLike ESCAPE '\\' OR (@digitsLike IS NOT NULL AND (s.siret LIKE @digitsLike ESCAPE '\\' OR r.pacage LIKE @digitsLike ESCAPE '\\')))",
    );
  return where;
}

function paramsOf(agent: AgentActor, filters: ListFilters, departements: string[]) {
  const like = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    agentId: agent.agentId,
    ...(departements.length === 1 ? { departement: departements[0] } : { departements: JSON.stringify(departements) }),
    ...(filters.year !== undefined ? { year: filters.year } : {}),
    ...(filters.product ? { product: filters.product } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.minCents !== undefined ? { minCents: filters.minCents } : {}),
    ...(filters.maxCents !== undefined ? { maxCents: filters.maxCents } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.search ? { ...searchPatterns(filters.search), referenceLike: like(filters.search.toUpperCase().replace(/\s/g, "")) } : {}),
  };
}

/** `structures` is joined only when the name is searched or sorted on: the default view reads one index. */
const needsStructure = (filters: ListFilters) => Boolean(filters.search) || filters.sort === "nom" || filters.sort === "-nom";
/**
 * A year's view reads that year's entries of the département, in transmission order, from the index
 * that holds every column the counts need (ADR 0034). Named: without statistics (a young portal) the
 * planner preferred the index that groups the counts in order, and read the whole département.
 */
const requestsOf = (filters: ListFilters) =>
  filters.year === undefined ? "refund_requests r" : "refund_requests r INDEXED BY refund_requests_departement_year_idx";
const fromOf = (filters: ListFilters) =>
  needsStructure(filters) ? `FROM ${requestsOf(filters)} JOIN structures s ON s.id = r.structure_id` : `FROM ${requestsOf(filters)}`;

export type ListRow = {
  id: number;
  reference: string | null;
  name: string;
  siret: string;
  departement: string | null;
  year: number;
  totalCents: number;
  status: RefundStatus;
  transmittedAt: Date | null;
  instructorAgentId: number | null;
  instructor: string | null;
  flagged: boolean;
  /** Whole days since the last transmission. */
  days: number | null;
};

type RawRow = {
  id: number;
  reference: string | null;
  name: string;
  siret: string;
  departement: string | null;
  year: number;
  total_cents: number;
  status: RefundStatus;
  transmitted_at: number | null;
  instructor_agent_id: number | null;
  first_name: string | null;
  last_name: string | null;
  flagged: number;
};

/** Filters the stored tallies answer (status, département, « signalées »): the others need the requests themselves. */
const talliedFilters = (filters: ListFilters) =>
  filters.year === undefined &&
  !filters.product &&
  filters.minCents === undefined &&
  filters.maxCents === undefined &&
  !filters.from &&
  !filters.to &&
  !filters.search;

/**
 * The counts of every tab: each tab's condition summed over groups of requests by status and
 * instructor. Without a filter on the requests themselves, the groups are the stored tallies of the
 * agent's départements (migration 0017: a few rows, whatever the volume); otherwise the filtered
 * requests grouped in the order of the index `(departement, status, instructor_agent_id…)`.
 */
function countsStatement(filters: ListFilters, departements: string[]) {
  const groups = talliedFilters(filters)
    ? `SELECT status, nullif(instructor_agent_id, 0) AS instructor_agent_id, n FROM request_tallies r
  WHERE ${whereOf(filters, departements, "tallies").join(" AND ")}`
    : `SELECT r.status AS status, r.instructor_agent_id AS instructor_agent_id, count(*) AS n
  ${fromOf(filters)}
  WHERE ${whereOf(filters, departements).join(" AND ")}
  GROUP BY r.departement, r.status, r.instructor_agent_id`;
  return statement(`
WITH g AS (${groups})
SELECT ${TABS.map((tab) => `coalesce(sum(CASE WHEN ${tabCondition(tab, "")} THEN n END), 0) AS "${tab}"`).join(", ")} FROM g`);
}

/**
 * One page of the tab: the 25 ids in the order asked (for « Transmission » with one département, a
 * walk of the index `(departement, transmitted_at)` that stops at the page), then only those rows
 * get their structure, instructor, total and checks.
 */
function pageStatement(filters: ListFilters, departements: string[]) {
  const byTotal = filters.sort === "montant" || filters.sort === "-montant";
  // Explicit aliases: ORDER BY names the output columns, never an ambiguous `id` of the join.
  return statement(`
WITH page AS (
  SELECT r.id AS id, r.transmitted_at AS transmitted_at${needsStructure(filters) ? ", s.name AS name" : ""}${byTotal ? `, ${TOTAL} AS total_cents` : ""}
  ${fromOf(filters)}
  WHERE ${[...whereOf(filters, departements), tabCondition(filters.tab)].join(" AND ")}
  ORDER BY ${ORDER[filters.sort]} LIMIT @limit OFFSET @offset
)
SELECT r.id AS id, r.reference AS reference, s.name AS name, s.siret AS siret, s.departement AS departement, r.year AS year, r.status AS status,
  r.transmitted_at AS transmitted_at, r.instructor_agent_id AS instructor_agent_id, a.first_name AS first_name, a.last_name AS last_name,
  ${TOTAL} AS total_cents, r.checks_fired <> 0 AS flagged
FROM page JOIN refund_requests r ON r.id = page.id JOIN structures s ON s.id = r.structure_id LEFT JOIN agents a ON a.id = r.instructor_agent_id
ORDER BY ${ORDER[filters.sort]}`);
}

/** Counts of every tab under the same filters. */
export function tabCounts(agent: AgentActor, filters: ListFilters): Record<Tab, number> {
  const departements = departementsOf(agent, filters);
  if (departements.length === 0) return Object.fromEntries(TABS.map((tab) => [tab, 0])) as Record<Tab, number>;
  return countsStatement(filters, departements).get(paramsOf(agent, filters, departements)) as Record<Tab, number>;
}

/** One page of the tab (1-based, clamped to the last page), with the counts of every tab. */
export function listPage(agent: AgentActor, filters: ListFilters, requestedPage: number, pageSize = LIST_PAGE_SIZE, now = new Date()) {
  const counts = tabCounts(agent, filters);
  const total = counts[filters.tab];
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // Past the end (a stale link): the last page.
  const page = Number.isSafeInteger(requestedPage) && requestedPage >= 1 && requestedPage <= MAX_PAGE ? Math.min(requestedPage, pages) : 1;
  const departements = departementsOf(agent, filters);
  const raws =
    total === 0
      ? []
      : (pageStatement(filters, departements).all({
          ...paramsOf(agent, filters, departements),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        }) as RawRow[]);
  const rows: ListRow[] = raws.map((raw) => ({
    id: raw.id,
    reference: raw.reference,
    name: raw.name,
    siret: raw.siret,
    departement: raw.departement,
    year: raw.year,
    totalCents: raw.total_cents,
    status: raw.status,
    transmittedAt: raw.transmitted_at === null ? null : new Date(raw.transmitted_at),
    instructorAgentId: raw.instructor_agent_id,
    instructor: raw.first_name === null ? null : `${raw.first_name} ${raw.last_name}`,
    flagged: raw.flagged === 1,
    days: raw.transmitted_at === null ? null : Math.floor((now.getTime() - raw.transmitted_at) / 86_400_000),
  }));
  return { rows, total, page, pages, counts };
}

/** The years offered by the filter: this one and the nine before. */
export const filterYears = (now = new Date()) => Array.from({ length: 10 }, (_, i) => now.getFullYear() - i);

/** Every row of the filtered tab, for the export, read page by page (bounded). */
export function* allRows(agent: AgentActor, filters: ListFilters, max = 100_000) {
  const size = 1000;
  for (let page = 1; (page - 1) * size < max; page++) {
    const result = listPage(agent, filters, page, size);
    yield* result.rows;
    if (page >= result.pages) return;
  }
}

/**
 * How SQLite reads one view of the list: each statement's query plan, as EXPLAIN QUERY PLAN words
 * it. Tests pin the index a view must use (a year's view reads that year's entries only, ADR 0034).
 */
export function listQueryPlans(agent: AgentActor, filters: ListFilters): { counts: string; page: string } {
  const departements = departementsOf(agent, filters);
  const params = paramsOf(agent, filters, departements);
  const plan = (text: string, extra: Record<string, number> = {}) =>
    (statement(`EXPLAIN QUERY PLAN ${text}`).all({ ...params, ...extra }) as { detail: string }[]).map((step) => step.detail).join(" | ");
  return {
    counts: plan(countsStatement(filters, departements).source),
    page: plan(pageStatement(filters, departements).source, { limit: LIST_PAGE_SIZE, offset: 0 }),
  };
}
