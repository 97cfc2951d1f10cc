import type { Metadata } from "next";
import { pageNumber, positiveInteger } from "@/lib/search-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Field } from "@/app/_components/field";
import { Pagination } from "@/app/_components/pagination";
import { Select } from "@/app/_components/select";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatShortDayTime } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import {
  MISSING_FILTERS,
  MISSING_LABELS,
  SEARCH_MAX_LENGTH,
  SORTS,
  STATUS_FILTERS,
  openYearsNow,
  portfolioPage,
  portfolioSearch,
  type MissingFilter,
  type PortfolioFilters,
  type PortfolioRow,
  type Sort,
  type StatusFilter,
} from "@/lib/portfolio/queries";
import { ClosingNotice } from "@/app/_components/closing-notice";
import { Checkbox } from "@/app/_components/field";
import { balanceCell, balanceOf, hasAdvance } from "@/lib/refunds/advance";
import { formatEuros } from "@/lib/refunds/amounts";
import { CLOSING_WINDOW_DAYS, closingYearsNow } from "@/lib/refunds/closing";
import { STATUS_LABELS, statusWords } from "@/lib/refunds/statuses";
import { createTarget, openTarget } from "@/lib/portfolio/portfolio";
import { portfolioRowAction } from "./actions";
import { PortfolioTable, type ShownRow } from "./portfolio-table";

export const metadata: Metadata = { title: "Portefeuille" };

type Params = { recherche?: string; annee?: string; statut?: string; manque?: string; tri?: string; page?: string; fin?: string };

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

/** What a row shows, as text: the table is rendered from this compact data (ADR 0013). */
function shownRow(row: PortfolioRow): ShownRow {
  const missing = !row.spaceOpen
    ? ["Espace « Demande de remboursement TIC » fermé par l'exploitation"]
    : [...(row.requestId === null ? ["Demande à créer"] : []), ...row.missing.map((item) => MISSING_LABELS[item])];
  const ready = row.spaceOpen && missing.length === 0 && (row.status === "draft" || row.status === "incomplete");
  return {
    key: `${row.farmId}-${row.year}`,
    name: row.name,
    siret: formatSiret(row.siret),
    pacage: row.pacage ?? "—",
    year: row.year,
    status:
      row.status === null ? "Pas de demande" : statusWords({ status: row.status, acceptedCents: row.acceptedCents, paidOn: row.paidOn }),
    href: row.requestId !== null && row.spaceOpen ? `/remboursement-tic/demandes/${row.requestId}` : null,
    total: row.requestId !== null ? formatEuros(row.totalCents) : "—",
    balance:
      row.requestId !== null && hasAdvance(row.year)
        ? `solde : ${balanceCell(balanceOf(row.totalCents, row.advanceCents, row.advanceReceived), row.advanceReceived)}`
        : undefined,
    missing: missing.length > 0 ? missing : [ready ? "Rien : prête à transmettre" : "—"],
    updated: row.updatedAt ? formatShortDayTime(row.updatedAt) : "—",
    action: !row.spaceOpen
      ? null
      : row.requestId !== null
        ? { target: openTarget(row.requestId), label: `Ouvrir la demande ${row.year}`, primary: false }
        : row.mayEdit
          ? { target: createTarget(row.farmId, row.year), label: `Créer la demande ${row.year}`, primary: true }
          : null,
  };
}

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor();
  if (!can(actor, "portfolio.view")) notFound();

  const params = await searchParams;
  const closing = closingYearsNow();
  // « Derniers jours »: only the years whose last filing day is near.
  const closingOnly = params.fin === "1";
  const years = closingOnly ? openYearsNow().filter((y) => closing.some((c) => c.year === y)) : openYearsNow();
  const yearParam = positiveInteger(params.annee, 9999);
  const search = portfolioSearch(params.recherche);
  const filters: PortfolioFilters = {
    search: search || undefined,
    status: oneOf(STATUS_FILTERS, params.statut),
    missing: oneOf(MISSING_FILTERS, params.manque),
    year: yearParam !== null && years.includes(yearParam) ? yearParam : undefined,
    sort: oneOf(SORTS, params.tri) ?? "name",
  };
  const filtered =
    filters.search !== undefined ||
    filters.status !== undefined ||
    filters.missing !== undefined ||
    filters.year !== undefined ||
    closingOnly;
  const { rows, total, page, pages } = portfolioPage(actor.userId, years, filters, pageNumber(params.page));
  const sort = filters.sort!;
  const kept = {
    recherche: filters.search,
    annee: filters.year?.toString(),
    statut: filters.status,
    manque: filters.missing,
    tri: sort === "name" ? undefined : sort,
    fin: closingOnly ? "1" : undefined,
  };

  return (
    <div>
      <h1 className="text-3xl font-bold text-brand">Portefeuille</h1>
      <p className="mt-2 max-w-3xl">
        Les exploitations qui ont donné un mandat à votre structure, avec leur demande de remboursement pour chaque année encore ouverte (
        {years.join(", ")}) : une ligne par exploitation et par année.
      </p>
      <ul className="mt-3 flex flex-wrap gap-x-6">
        <li>
          <Link href="/portefeuille/factures" className="touch-target inline-flex items-center font-semibold">
            Joindre des factures pour plusieurs exploitations
          </Link>
        </li>
        <li>
          <Link href="/portefeuille/transmettre" className="touch-target inline-flex items-center font-semibold">
            Transmettre plusieurs demandes prêtes
          </Link>
        </li>
      </ul>

      <ClosingNotice closing={closing}>
        {closingOnly ? null : (
          <p className="mt-1 text-sm">
            <Link href="/portefeuille?fin=1">N&apos;afficher que ces années</Link>
          </p>
        )}
      </ClosingNotice>

      <form method="get" role="search" aria-label="Filtrer le portefeuille" className="mt-6 rounded border border-gray-300 bg-white p-4">
        <Field
          name="recherche"
          type="search"
          label="Rechercher une exploitation"
          hint="Une partie de son nom, de son SIRET ou de son numéro PACAGE."
          defaultValue={filters.search ?? ""}
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
          required={false}
          className="max-w-xl"
        />
        <div className="grid gap-x-4 md:grid-cols-2">
          <Select
            name="annee"
            label="Année"
            defaultValue={filters.year?.toString() ?? ""}
            options={[{ value: "", label: "Toutes les années ouvertes" }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
          />
          <Select
            name="statut"
            label="Statut"
            defaultValue={filters.status ?? ""}
            options={[
              { value: "", label: "Tous les statuts" },
              ...STATUS_FILTERS.map((s) => ({ value: s, label: STATUS_FILTER_LABELS[s] })),
            ]}
          />
          <Select
            name="manque"
            label="Élément manquant avant transmission"
            defaultValue={filters.missing ?? ""}
            options={[{ value: "", label: "Indifférent" }, ...MISSING_FILTERS.map((m) => ({ value: m, label: MISSING_FILTER_LABELS[m] }))]}
          />
          <Select name="tri" label="Trier par" defaultValue={sort} options={SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} />
        </div>
        {closing.length > 0 ? (
          <Checkbox
            name="fin"
            value="1"
            label={`Seulement les années dont le dépôt se termine dans les ${CLOSING_WINDOW_DAYS} jours (${closing.map((c) => c.year).join(", ")})`}
            defaultChecked={closingOnly}
          />
        ) : null}
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
            Une exploitation apparaît ici dès qu&apos;un mandat sur son espace « Demande de remboursement TIC » est en vigueur pour votre
            structure. Le gestionnaire principal de votre structure demande ce mandat avec le SIRET de l&apos;exploitation, et le
            gestionnaire principal de l&apos;exploitation l&apos;accepte ; l&apos;exploitation peut aussi vous le donner elle-même.
          </p>
          <p className="mt-3">
            <Link
              href="/mandats/nouveau"
              className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
            >
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
            {total === 0
              ? filters.search
                ? `Aucune exploitation cliente ne correspond à « ${filters.search} » avec ces filtres.`
                : "Aucune ligne ne correspond à ces filtres."
              : `${total} ligne${total > 1 ? "s" : ""}${pages > 1 ? `, page ${page} sur ${pages}` : ""}.`}
          </p>
          {rows.length > 0 ? (
            <PortfolioTable
              action={portfolioRowAction}
              caption={`Portefeuille : une ligne par exploitation et par année, triée par ${SORT_LABELS[sort].toLowerCase()}${pages > 1 ? `, page ${page} sur ${pages}` : ""}`}
              sorted={{
                name: sortOf(sort, "name"),
                siret: sortOf(sort, "siret"),
                total: sortOf(sort, "total"),
                updated: sortOf(sort, "updated"),
              }}
              rows={rows.map(shownRow)}
            />
          ) : null}
          <Pagination label="Pages du portefeuille" param="page" page={page} pages={pages} params={kept} />
        </section>
      )}
    </div>
  );
}
