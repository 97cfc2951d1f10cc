import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatSiret } from "@/lib/identifiers";
import {
  LIST_SORTS,
  SORT_LABELS,
  TABS,
  TAB_LABELS,
  filterYears,
  filtersQuery,
  listPage,
  narrowed,
  parseListFilters,
} from "@/lib/instruction/list";
import { formatEuros, formatEurosInput } from "@/lib/refunds/amounts";
import { PRODUCTS, PRODUCT_VALUES } from "@/lib/refunds/products";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { REFUND_STATUSES } from "@/db/schema";
import { SEARCH_MAX_LENGTH } from "@/lib/portfolio/queries";
import { pageNumber } from "@/lib/search-params";
import { formatCount } from "@/lib/typography";
import { RequestFilters } from "./request-filters";
import { RequestsTable } from "./requests-table";

export const metadata: Metadata = { title: "Demandes" };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("instructor")) notFound();
  const params = await searchParams;
  const filters = parseListFilters(params);
  const { rows, total, page, pages, counts } = listPage(
    agent,
    filters,
    pageNumber(Array.isArray(params.page) ? params.page[0] : params.page),
  );
  const query = filtersQuery(filters);
  const years = filterYears();
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Demandes</h1>
      <p className="mt-2">{`Les demandes transmises des structures de vos départements (${agent.departements.join(", ") || "aucun"}).`}</p>

      <nav aria-label="Onglets des demandes" className="mt-6">
        <ul className="flex flex-wrap gap-2 border-b border-gray-400">
          {TABS.map((tab) => (
            <li key={tab}>
              {/* Plain links, as the rows' (ADR 0032): each tab is a new server-rendered list anyway. */}
              <a
                href={`/administration/demandes?${filtersQuery(filters, { onglet: tab, page: undefined })}`}
                aria-current={tab === filters.tab ? "page" : undefined}
                className={`touch-target inline-flex items-center rounded-t px-3 ${tab === filters.tab ? "bg-slate-900 font-bold text-white" : "text-slate-900"}`}
              >
                {`${TAB_LABELS[tab]} (${formatCount(counts[tab])})`}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <RequestFilters
        tab={filters.tab}
        expanded={params.filtres === "1" || narrowed(filters)}
        query={query}
        values={{
          q: filters.search ?? "",
          annee: filters.year?.toString() ?? "",
          produit: filters.product ?? "",
          departement: filters.departement ?? "",
          statut: filters.status ?? "",
          min: filters.minCents === undefined ? "" : formatEurosInput(filters.minCents),
          max: filters.maxCents === undefined ? "" : formatEurosInput(filters.maxCents),
          du: filters.from ?? "",
          au: filters.to ?? "",
          tri: filters.sort,
          signalees: filters.flagged === true,
        }}
        options={{
          annee: [{ value: "", label: "Toutes" }, ...years.map((y) => ({ value: String(y), label: String(y) }))],
          produit: [{ value: "", label: "Tous" }, ...PRODUCT_VALUES.map((p) => ({ value: p, label: PRODUCTS[p].label }))],
          departement: [{ value: "", label: "Tous les vôtres" }, ...agent.departements.map((d) => ({ value: d, label: d }))],
          statut: [
            { value: "", label: "Tous" },
            ...REFUND_STATUSES.filter((s) => s !== "draft").map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ],
          tri: LIST_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] })),
        }}
        searchMaxLength={SEARCH_MAX_LENGTH}
      />

      <section aria-labelledby="resultats" className="mt-8">
        <h2 id="resultats" className="text-xl font-bold">
          {`${TAB_LABELS[filters.tab]} : ${formatCount(total)} demande${total > 1 ? "s" : ""}`}
        </h2>
        <p className="mt-2 flex flex-wrap gap-x-6">
          <a href={`/administration/demandes/export?${query}`}>{`Exporter ces ${formatCount(total)} demandes (CSV)`}</a>
          <a href={`/administration/demandes/export?${query}&format=xlsx`}>{`Exporter ces ${formatCount(total)} demandes (Excel)`}</a>
        </p>
        {rows.length === 0 ? (
          <p className="mt-4" role="status">
            Aucune demande ne correspond.
          </p>
        ) : (
          <div className="mt-3">
            <RequestsTable
              caption={`Demandes, onglet « ${TAB_LABELS[filters.tab]} », page ${page} sur ${pages}`}
              rows={rows.map((row) => ({
                id: row.id,
                href: `/administration/demandes/${row.id}`,
                reference: row.reference ?? `n° ${row.id}`,
                flagged: row.flagged,
                name: row.name,
                siret: formatSiret(row.siret),
                departement: row.departement ?? "",
                year: row.year,
                total: formatEuros(row.totalCents),
                status: STATUS_LABELS[row.status],
                instructor: row.instructor ?? "personne",
                days: row.days,
              }))}
            />
            <Pagination
              label="Pages des demandes"
              param="page"
              page={page}
              pages={pages}
              params={Object.fromEntries(new URLSearchParams(query))}
            />
          </div>
        )}
      </section>
    </div>
  );
}
