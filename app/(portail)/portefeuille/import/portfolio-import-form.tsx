"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FieldScope } from "@/app/_components/field";
import { FileErrors } from "@/app/_components/file-errors";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { TableRegion } from "@/app/_components/table-region";
import { formatSiret } from "@/lib/identifiers";
import { formatEuros } from "@/lib/refunds/amounts";
import type { FarmImport } from "@/lib/refunds/bulk-import";
import { importPortfolioLinesAction } from "./actions";

const cell = "p-2 align-top";

/** What the import added, one row per farm and year. */
function ImportResult({ farms }: { farms: FarmImport[] }) {
  return (
    <section aria-labelledby="resultat-import" className="mt-8">
      <h2 id="resultat-import" className="text-xl font-bold">
        Résultat de l&apos;import
      </h2>
      <TableRegion label="Tableau du résultat par exploitation">
        <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
          <caption className="sr-only">Lignes ajoutées à chaque exploitation, par année de la demande</caption>
          <thead>
            <tr className="border-b-2 border-gray-400">
              <th scope="col" className="p-2">
                Exploitation
              </th>
              <th scope="col" className="p-2">
                SIRET
              </th>
              <th scope="col" className="p-2">
                Année
              </th>
              <th scope="col" className="p-2">
                Demande
              </th>
              <th scope="col" className="p-2 text-right">
                Lignes ajoutées
              </th>
              <th scope="col" className="p-2 text-right">
                Montant
              </th>
            </tr>
          </thead>
          <tbody>
            {farms.map((farm) => (
              <tr key={farm.requestId} className="border-b border-gray-300">
                <th scope="row" data-label="Exploitation" className={`${cell} font-semibold`}>
                  {farm.name}
                </th>
                <td data-label="SIRET" className={`${cell} whitespace-nowrap`}>
                  {formatSiret(farm.siret)}
                </td>
                <td data-label="Année" className={cell}>
                  {farm.year}
                </td>
                <td data-label="Demande" className={cell}>
                  <Link href={`/remboursement-tic/demandes/${farm.requestId}`}>
                    {farm.created ? "Créée" : "Complétée"}
                    <span className="sr-only">{` : demande ${farm.year} de ${farm.name}`}</span>
                  </Link>
                </td>
                <td data-label="Lignes ajoutées" className={`${cell} text-right`}>
                  {farm.lines}
                </td>
                <td data-label="Montant" className={`${cell} whitespace-nowrap text-right`}>
                  {formatEuros(farm.amountCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** « Importer le fichier »: works without JavaScript (server action and a plain form). */
export function PortfolioImportForm() {
  const [state, action] = useActionState(importPortfolioLinesAction, null);
  const rowErrors = state && !state.ok ? state.rowErrors : undefined;
  const fileError =
    errorOf(state, "file") ??
    (rowErrors?.length
      ? `Corrigez ${rowErrors.length > 1 ? "les erreurs listées" : "l'erreur indiquée"} ci-dessus, puis choisissez de nouveau le fichier entier.`
      : undefined);
  return (
    <FieldScope value="import-portefeuille">
      <form action={action} noValidate aria-labelledby="importer-portefeuille" className="mt-4">
        {rowErrors?.length ? (
          <FileErrors formError={state && !state.ok ? state.formError : undefined} errors={rowErrors} />
        ) : (
          <FormFeedback state={state} labels={{ file: "Fichier CSV" }} />
        )}
        <Field
          name="file"
          type="file"
          label="Fichier CSV des lignes de vos exploitations"
          hint="Première colonne « siret », puis les colonnes du modèle ; séparateur « ; », encodage UTF-8, 500 lignes et 1 Mo au plus par fichier, 500 lignes au plus par demande."
          accept=".csv,text/csv"
          error={fileError}
        />
        <SubmitButton>Importer le fichier</SubmitButton>
      </form>
      {state?.ok ? <ImportResult farms={state.data.farms} /> : null}
    </FieldScope>
  );
}
