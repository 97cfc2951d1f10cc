import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Checkbox, Field } from "@/app/_components/field";
import { Pagination } from "@/app/_components/pagination";
import { Select } from "@/app/_components/select";
import { TableRegion } from "@/app/_components/table-region";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { LIST_SORTS, SORT_LABELS, TABS, TAB_LABELS, filterYears, filtersQuery, listPage, parseListFilters } from "@/lib/instruction/list";
import { formatEuros, formatEurosInput } from "@/lib/refunds/amounts";
import { PRODUCTS, PRODUCT_VALUES } from "@/lib/refunds/products";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { REFUND_STATUSES } from "@/db/schema";
import { SEARCH_MAX_LENGTH } from "@/lib/portfolio/queries";
import { pageNumber } from "@/lib/search-params";

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
              <Link
                href={`/administration/demandes?${filtersQuery(filters, { onglet: tab, page: undefined })}`}
                aria-current={tab === filters.tab ? "page" : undefined}
                className={`touch-target inline-flex items-center rounded-t px-3 ${tab === filters.tab ? "bg-slate-900 font-bold text-white" : "text-slate-900"}`}
              >
                {`${TAB_LABELS[tab]} (${counts[tab]})`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" role="search" aria-label="Filtrer les demandes" className="mt-6 rounded border border-gray-300 bg-white p-4">
        <input type="hidden" name="onglet" value={filters.tab} />
        <Field
          name="q"
          type="search"
          label="Rechercher"
          hint="Référence, SIRET, nom de l'exploitation ou numéro PACAGE."
          defaultValue={filters.search ?? ""}
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
          required={false}
          className="max-w-xl"
        />
        <div className="grid gap-x-4 md:grid-cols-3">
          <Select
            name="annee"
            label="Année"
            defaultValue={filters.year?.toString() ?? ""}
            options={[{ value: "", label: "Toutes" }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
          />
          <Select
            name="produit"
            label="Produit"
            defaultValue={filters.product ?? ""}
            options={[{ value: "", label: "Tous" }, ...PRODUCT_VALUES.map((p) => ({ value: p, label: PRODUCTS[p].label }))]}
          />
          <Select
            name="departement"
            label="Département"
            defaultValue={filters.departement ?? ""}
            options={[{ value: "", label: "Tous les vôtres" }, ...agent.departements.map((d) => ({ value: d, label: d }))]}
          />
          <Select
            name="statut"
            label="Statut"
            defaultValue={filters.status ?? ""}
            options={[
              { value: "", label: "Tous" },
              ...REFUND_STATUSES.filter((s) => s !== "draft").map((s) => ({ value: s, label: STATUS_LABELS[s] })),
            ]}
          />
          <Field
            name="min"
            label="Montant au moins (€)"
            inputMode="decimal"
            defaultValue={filters.minCents === undefined ? "" : formatEurosInput(filters.minCents)}
            required={false}
            autoComplete="off"
          />
          <Field
            name="max"
            label="Montant au plus (€)"
            inputMode="decimal"
            defaultValue={filters.maxCents === undefined ? "" : formatEurosInput(filters.maxCents)}
            required={false}
            autoComplete="off"
          />
          <Field name="du" type="date" label="Transmise à partir du" defaultValue={filters.from ?? ""} required={false} />
          <Field name="au" type="date" label="Transmise jusqu'au" defaultValue={filters.to ?? ""} required={false} />
          <Select
            name="tri"
            label="Trier par"
            defaultValue={filters.sort}
            options={LIST_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
          />
        </div>
        <Checkbox
          name="signalees"
          value="1"
          label="Seulement les demandes signalées par un contrôle"
          defaultChecked={filters.flagged === true}
        />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="rounded bg-slate-900 px-5 py-2.5 font-semibold text-white">
            Afficher
          </button>
          <Link href={`/administration/demandes?onglet=${filters.tab}`} className="touch-target inline-flex items-center">
            Effacer les filtres
          </Link>
        </div>
      </form>

      <section aria-labelledby="resultats" className="mt-8">
        <h2 id="resultats" className="text-xl font-bold">
          {`${TAB_LABELS[filters.tab]} : ${total} demande${total > 1 ? "s" : ""}`}
        </h2>
        <p className="mt-2">
          <a href={`/administration/demandes/export?${query}`}>{`Exporter ces ${total} demandes (CSV)`}</a>
        </p>
        {rows.length === 0 ? (
          <p className="mt-4" role="status">
            Aucune demande ne correspond.
          </p>
        ) : (
          <div className="mt-3">
            <TableRegion label="Tableau des demandes">
              <table className="table-cards w-full border-collapse text-left text-sm">
                <caption className="sr-only">{`Demandes, onglet « ${TAB_LABELS[filters.tab]} », page ${page} sur ${pages}`}</caption>
                <thead>
                  <tr className="border-b-2 border-gray-400">
                    <th scope="col" className="p-2">
                      Référence
                    </th>
                    <th scope="col" className="p-2">
                      Exploitation
                    </th>
                    <th scope="col" className="p-2">
                      Dépt
                    </th>
                    <th scope="col" className="p-2">
                      Année
                    </th>
                    <th scope="col" className="p-2 text-right">
                      Montant
                    </th>
                    <th scope="col" className="p-2">
                      Statut
                    </th>
                    <th scope="col" className="p-2">
                      Suivie par
                    </th>
                    <th scope="col" className="p-2 text-right">
                      Jours depuis la transmission
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} className="border-b border-gray-300 align-top">
                      <th scope="row" className="p-2">
                        {/* A plain link: 25 <Link>s are 25 client components to render on every view of the list (ADR 0032). */}
                        <a href={`/administration/demandes/${row.id}`}>{row.reference ?? `n° ${row.id}`}</a>
                        {row.flagged ? <span className="block text-xs font-semibold text-error">Signalée</span> : null}
                      </th>
                      <td data-label="Exploitation" className="p-2">
                        {row.name}
                        <span className="block text-xs text-gray-700">{`SIRET ${formatSiret(row.siret)}`}</span>
                      </td>
                      <td data-label="Dépt" className="p-2">
                        {row.departement}
                      </td>
                      <td data-label="Année" className="p-2">
                        {row.year}
                      </td>
                      <td data-label="Montant" className="p-2 text-right whitespace-nowrap">
                        {formatEuros(row.totalCents)}
                      </td>
                      <td data-label="Statut" className="p-2">
                        {STATUS_LABELS[row.status]}
                      </td>
                      <td data-label="Suivie par" className="p-2">
                        {row.instructor ?? "personne"}
                      </td>
                      <td data-label="Jours depuis la transmission" className="p-2 text-right">
                        {row.transmittedAt ? <span title={`Transmise le ${formatDay(row.transmittedAt)}`}>{row.days}</span> : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
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
