"use client";

import { Checkbox, Field } from "@/app/_components/field";
import { Select } from "@/app/_components/select";

type Option = { value: string; label: string };
type Props = {
  tab: string;
  /** Every filter shown, or the search alone with a link to them. */
  expanded: boolean;
  /** The list's query, for the link that shows the filters. */
  query: string;
  /** The form's values as the page read them (already formatted). */
  values: {
    q: string;
    annee: string;
    produit: string;
    departement: string;
    statut: string;
    min: string;
    max: string;
    du: string;
    au: string;
    tri: string;
    signalees: boolean;
  };
  options: { annee: Option[]; produit: Option[]; departement: Option[]; statut: Option[]; tri: Option[] };
  searchMaxLength: number;
};

/**
 * The filters of « Demandes », a GET form (it works without JavaScript). One client component fed
 * with compact values rather than a dozen fields in the page's React payload (ADR 0032). The search
 * is always there; the other filters and the sort once asked for (« Filtrer et trier ») or in use,
 * as démarches-simplifiées' « Filtrer »: most views of the list carry a third less HTML (ADR 0033).
 */
export function RequestFilters({ tab, expanded, query, values, options, searchMaxLength }: Props) {
  const search = (
    <Field
      name="q"
      type="search"
      label="Rechercher"
      hint="Référence, SIRET, nom de l'exploitation ou numéro PACAGE."
      defaultValue={values.q}
      maxLength={searchMaxLength}
      autoComplete="off"
      required={false}
      className="max-w-xl"
    />
  );
  if (!expanded)
    return (
      <form method="get" role="search" aria-label="Filtrer les demandes" className="mt-6 rounded border border-gray-300 bg-white p-4">
        <input type="hidden" name="onglet" value={tab} />
        {search}
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="rounded bg-slate-900 px-5 py-2.5 font-semibold text-white">
            Afficher
          </button>
          <a href={`/administration/demandes?${query}&filtres=1#filtres`} className="touch-target inline-flex items-center">
            Filtrer et trier
          </a>
        </div>
      </form>
    );
  return (
    <form
      id="filtres"
      tabIndex={-1}
      method="get"
      role="search"
      aria-label="Filtrer les demandes"
      className="mt-6 rounded border border-gray-300 bg-white p-4"
    >
      <input type="hidden" name="onglet" value={tab} />
      <input type="hidden" name="filtres" value="1" />
      {search}
      <div className="grid gap-x-4 md:grid-cols-3">
        <Select name="annee" label="Année" defaultValue={values.annee} options={options.annee} />
        <Select name="produit" label="Produit" defaultValue={values.produit} options={options.produit} />
        <Select name="departement" label="Département" defaultValue={values.departement} options={options.departement} />
        <Select name="statut" label="Statut" defaultValue={values.statut} options={options.statut} />
        <Field name="min" label="Montant au moins (€)" inputMode="decimal" defaultValue={values.min} required={false} autoComplete="off" />
        <Field name="max" label="Montant au plus (€)" inputMode="decimal" defaultValue={values.max} required={false} autoComplete="off" />
        <Field name="du" type="date" label="Transmise à partir du" defaultValue={values.du} required={false} />
        <Field name="au" type="date" label="Transmise jusqu'au" defaultValue={values.au} required={false} />
        <Select name="tri" label="Trier par" defaultValue={values.tri} options={options.tri} />
      </div>
      <Checkbox name="signalees" value="1" label="Seulement les demandes signalées par un contrôle" defaultChecked={values.signalees} />
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded bg-slate-900 px-5 py-2.5 font-semibold text-white">
          Afficher
        </button>
        <a href={`/administration/demandes?onglet=${tab}`} className="touch-target inline-flex items-center">
          Effacer les filtres
        </a>
      </div>
    </form>
  );
}
