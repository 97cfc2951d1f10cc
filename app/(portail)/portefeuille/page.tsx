import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/app/_components/pagination";
import { Select } from "@/app/_components/select";
import { TableRegion } from "@/app/_components/table-region";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatShortDayTime } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { currentStructureOnce } from "@/lib/page-reads";
import {
  MISSING_FILTERS,
  MISSING_LABELS,
  SORTS,
  STATUS_FILTERS,
  openYearsNow,
  portfolioPage,
  type MissingFilter,
  type PortfolioFilters,
  type PortfolioRow,
  type Sort,
  type StatusFilter,
} from "@/lib/portfolio/queries";
import { formatEuros } from "@/lib/refunds/amounts";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { createTarget, openTarget } from "@/lib/portfolio/portfolio";
import { portfolioRowAction } from "./actions";
import { PortfolioForm, RowButton } from "./portfolio-form";

export const metadata: Metadata = { title: "Portefeuille" };

type Params = { annee?: string; statut?: string; manque?: string; tri?: string; page?: string };

const SORT_LABELS: Record<Sort, string> = {
  name: "Nom (A → Z)",
  "-name": "Nom (Z → A)",
  siret: "SIRET",
  "-updated": "Dernière modification, la plus récente d'abord",
  updated: "Dernière modification, la plus ancienne d'abord",
  "-total": "Total, le plus élevé d'abord",
  total: "Total, le plus faible d'abord",
};

const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { ...STATUS_LABELS, none: "Pas encore de demande" };

const MISSING_FILTER_LABELS: Record<MissingFilter, string> = {
  ...MISSING_LABELS,
  any: "Au moins un élément manquant",
  ready: "Rien : prête à transmettre",
};

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => values.find((v) => v === value);

/** Which column the table is sorted on, for aria-sort. */
function sortOf(sort: Sort, column: "name" | "siret" | "updated" | "total"): "ascending" | "descending" | undefined {
  const key = sort.replace(/^-/, "");
  if (key !== column) return undefined;
  return sort.startsWith("-") ? "descending" : "ascending";
}

function Missing({ row }: { row: PortfolioRow }) {
  if (!row.spaceOpen) return <>Espace « Demande de remboursement TIC » fermé par l&apos;exploitation</>;
  if (row.missing.length === 0) {
    if (row.requestId === null) return <>Demande à créer</>;
    return row.status === "draft" || row.status === "incomplete" ? <>Rien : prête à transmettre</> : <>—</>;
  }
  return (
    <ul className="list-disc pl-5">
      {row.requestId === null ? <li>Demande à créer</li> : null}
      {row.missing.map((item) => (
        <li key={item}>{MISSING_LABELS[item]}</li>
      ))}
    </ul>
  );
}

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  const { all } = currentStructureOnce(actor.userId);
  const mine = all.filter((s) => s.via === "member");
  if (!mine.some((s) => can(actor, "portfolio.view", { structureId: s.id }))) notFound();

  const params = await searchParams;
  const years = openYearsNow();
  const yearParam = Number(params.annee);
  const filters: PortfolioFilters = {
    status: oneOf(STATUS_FILTERS, params.statut),
    missing: oneOf(MISSING_FILTERS, params.manque),
    year: years.includes(yearParam) ? yearParam : undefined,
    sort: oneOf(SORTS, params.tri) ?? "name",
  };
  const filtered = filters.status !== undefined || filters.missing !== undefined || filters.year !== undefined;
  const { rows, total, page, pages } = portfolioPage(actor.userId, years, filters, Number(params.page ?? 1));
  const sort = filters.sort!;
  const kept = { annee: filters.year?.toString(), statut: filters.status, manque: filters.missing, tri: sort === "name" ? undefined : sort };

  return (
    <div>
      <h1 className="text-3xl font-bold text-brand">Portefeuille</h1>
      <p className="mt-2 max-w-3xl">
        Les exploitations qui ont donné un mandat à votre structure, avec leur demande de remboursement pour chaque année encore ouverte
        ({years.join(", ")}) : une ligne par exploitation et par année.
      </p>

      <form method="get" role="search" aria-label="Filtrer le portefeuille" className="mt-6 rounded border border-gray-300 bg-white p-4">
        <div className="grid gap-x-4 md:grid-cols-2">
          <Select name="annee" label="Année" defaultValue={filters.year?.toString() ?? ""} options={[{ value: "", label: "Toutes les années ouvertes" }, ...years.map((y) => ({ value: String(y), label: String(y) }))]} />
          <Select name="statut" label="Statut" defaultValue={filters.status ?? ""} options={[{ value: "", label: "Tous les statuts" }, ...STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_FILTER_LABELS[s] }))]} />
          <Select name="manque" label="Élément manquant avant transmission" defaultValue={filters.missing ?? ""} options={[{ value: "", label: "Indifférent" }, ...MISSING_FILTERS.map((m) => ({ value: m, label: MISSING_FILTER_LABELS[m] }))]} />
          <Select name="tri" label="Trier par" defaultValue={sort} options={SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">
            Afficher
          </button>
          {filtered || sort !== "name" ? (
            <Link href="/portefeuille" className="touch-target inline-flex items-center">
              Effacer les filtres
            </Link>
          ) : null}
        </div>
      </form>

      {total === 0 && !filtered ? (
        <section aria-labelledby="portefeuille-vide" className="mt-8 max-w-3xl rounded border-l-4 border-brand bg-white p-4">
          <h2 id="portefeuille-vide" className="text-xl font-bold">
            Aucune exploitation cliente pour l&apos;instant
          </h2>
          <p className="mt-2">
            Une exploitation apparaît ici dès qu&apos;un mandat sur son espace « Demande de remboursement TIC » est en vigueur pour votre structure.
            Le gestionnaire principal de votre structure demande ce mandat avec le SIRET de l&apos;exploitation, et le gestionnaire principal de
            l&apos;exploitation l&apos;accepte ; l&apos;exploitation peut aussi vous le donner elle-même.
          </p>
          <p className="mt-3">
            <Link href="/mandats/nouveau" className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark">
              Demander un mandat
            </Link>
          </p>
        </section>
      ) : (
        <section aria-labelledby="portefeuille-resultats" className="mt-8">
          <h2 id="portefeuille-resultats" className="text-xl font-bold">
            Demandes des exploitations clientes
          </h2>
          <p role="status" className="mt-1 text-gray-700">
            {total === 0 ? "Aucune ligne ne correspond à ces filtres." : `${total} ligne${total > 1 ? "s" : ""}${pages > 1 ? `, page ${page} sur ${pages}` : ""}.`}
          </p>
          {rows.length > 0 ? (
            <PortfolioForm action={portfolioRowAction} label="Demandes du portefeuille">
              <TableRegion label="Tableau du portefeuille">
                <table className="table-cards mt-3 w-full border-collapse text-left text-sm">
                  <caption className="sr-only">{`Portefeuille : une ligne par exploitation et par année, triée par ${SORT_LABELS[sort].toLowerCase()}${pages > 1 ? `, page ${page} sur ${pages}` : ""}`}</caption>
                  <thead>
                    <tr className="border-b-2 border-gray-400">
                      <th scope="col" className="p-2" aria-sort={sortOf(sort, "name")}>Exploitation</th>
                      <th scope="col" className="p-2" aria-sort={sortOf(sort, "siret")}>SIRET</th>
                      <th scope="col" className="p-2">PACAGE</th>
                      <th scope="col" className="p-2">Année</th>
                      <th scope="col" className="p-2">Statut</th>
                      <th scope="col" className="p-2 text-right" aria-sort={sortOf(sort, "total")}>Total</th>
                      <th scope="col" className="p-2">Manque avant transmission</th>
                      <th scope="col" className="p-2" aria-sort={sortOf(sort, "updated")}>Dernière modification</th>
                      <th scope="col" className="p-2">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={`${row.farmId}-${row.year}`} className="border-b border-gray-300 align-top">
                        <th scope="row" className="p-2">{row.name}</th>
                        <td data-label="SIRET" className="p-2 whitespace-nowrap">{formatSiret(row.siret)}</td>
                        <td data-label="PACAGE" className="p-2">{row.pacage ?? "—"}</td>
                        <td data-label="Année" className="p-2">{row.year}</td>
                        <td data-label="Statut" className="p-2">
                          {row.requestId !== null && row.status !== null && row.spaceOpen ? (
                            <Link href={`/remboursement-tic/demandes/${row.requestId}`}>
                              {STATUS_LABELS[row.status]}
                              <span className="sr-only">{` : demande ${row.year} de ${row.name}`}</span>
                            </Link>
                          ) : row.status !== null ? (
                            STATUS_LABELS[row.status]
                          ) : (
                            "Pas de demande"
                          )}
                        </td>
                        <td data-label="Total" className="p-2 text-right whitespace-nowrap">{row.requestId !== null ? formatEuros(row.totalCents) : "—"}</td>
                        <td data-label="Manque avant transmission" className="p-2">
                          <Missing row={row} />
                        </td>
                        <td data-label="Dernière modification" className="p-2">{row.updatedAt ? formatShortDayTime(row.updatedAt) : "—"}</td>
                        <td data-label="Actions" className="p-2">
                          {!row.spaceOpen ? (
                            "—"
                          ) : row.requestId !== null ? (
                            <RowButton target={openTarget(row.requestId)} label={`Ouvrir la demande ${row.year}`} farmName={row.name} />
                          ) : row.mayEdit ? (
                            <RowButton target={createTarget(row.farmId, row.year)} label={`Créer la demande ${row.year}`} farmName={row.name} primary />
                          ) : (
                            "—"
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </PortfolioForm>
          ) : null}
          <Pagination label="Pages du portefeuille" param="page" page={page} pages={pages} params={kept} />
        </section>
      )}
    </div>
  );
}
