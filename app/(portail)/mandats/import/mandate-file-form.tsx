"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Checkbox, Field, FieldScope } from "@/app/_components/field";
import { FileErrors } from "@/app/_components/file-errors";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { TableRegion } from "@/app/_components/table-region";
import { formatIsoShortDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import type { PlannedRow, RowResult } from "@/lib/mandates/invitations";
import { mandateRightsText } from "@/lib/rights-wording";
import { fixQuoteSpaces } from "@/lib/typography";
import { confirmMandateFileAction, previewMandateFileAction } from "../actions";
import { MANDATE_RIGHTS } from "../nouveau/mandate-form";

const cell = "p-2 align-top";
const rightsOf = (row: PlannedRow) => `${mandateRightsText(row)}${row.endDate ? `, jusqu'au ${formatIsoShortDay(row.endDate)}` : ""}`;

/** What « Confirmer » will do, row by row. */
function Preview({ rows }: { rows: PlannedRow[] }) {
  return (
    <TableRegion label="Tableau des lignes à traiter">
      <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
        <caption className="p-2 text-left font-semibold">Lignes qui seront traitées (la ligne d&apos;en-tête est la ligne 1)</caption>
        <thead>
          <tr className="border-b-2 border-gray-400">
            <th scope="col" className="p-2">
              Ligne
            </th>
            <th scope="col" className="p-2">
              SIRET
            </th>
            <th scope="col" className="p-2">
              Ce qui sera fait
            </th>
            <th scope="col" className="p-2">
              Droits demandés
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row} className="border-b border-gray-300">
              <td data-label="Ligne" className={cell}>
                {row.row}
              </td>
              <td data-label="SIRET" className={`${cell} whitespace-nowrap`}>
                {formatSiret(row.siret)}
              </td>
              <td data-label="Ce qui sera fait" className={cell}>
                {row.outcome === "ask"
                  ? `Demande de mandat à ${row.farmName}, déjà sur le portail`
                  : `Invitation à ${row.email} : l'exploitation n'est pas encore sur le portail`}
              </td>
              <td data-label="Droits demandés" className={cell}>
                {rightsOf(row)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The result per row, focused once the server answered so that it is read. */
function Results({ message, results }: { message: string; results: RowResult[] }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [results]);
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="resultat-mandats" className="mt-8 rounded border-l-4 border-success bg-green-50 p-4">
      <h2 id="resultat-mandats" className="text-xl font-bold">{`Résultat : ${message}`}</h2>
      <TableRegion label="Tableau du résultat par ligne">
        <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
          <caption className="sr-only">Résultat de chaque ligne du fichier</caption>
          <thead>
            <tr className="border-b-2 border-gray-400">
              <th scope="col" className="p-2">
                Ligne
              </th>
              <th scope="col" className="p-2">
                SIRET
              </th>
              <th scope="col" className="p-2">
                Résultat
              </th>
            </tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <tr key={result.row} className="border-b border-gray-300">
                <td data-label="Ligne" className={cell}>
                  {result.row}
                </td>
                <td data-label="SIRET" className={`${cell} whitespace-nowrap`}>
                  {formatSiret(result.siret)}
                </td>
                <td data-label="Résultat" className={cell}>
                  {result.outcome === "failed" ? (
                    <span className="font-semibold text-error">
                      <span aria-hidden="true">✕ </span>
                      {fixQuoteSpaces(`Non traitée : ${result.message}`)}
                    </span>
                  ) : (
                    <>
                      <span aria-hidden="true">✓ </span>
                      {result.mandateId !== null ? (
                        <Link href={`/mandats/${result.mandateId}`}>{`${result.farmName} : ${result.message}`}</Link>
                      ) : (
                        fixQuoteSpaces(result.message)
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="mt-3">
        <Link href="/mandats#invitations">Voir les mandats et les invitations de votre structure</Link>
      </p>
    </section>
  );
}

type ConfirmState = Awaited<ReturnType<typeof confirmMandateFileAction>> | null;

/** « Confirmer »: the sealed rows of the preview, nothing else. */
function ConfirmForm({
  action,
  state,
  agentStructureId,
  sealed,
  count,
}: {
  action: (form: FormData) => void;
  state: ConfirmState;
  agentStructureId: number;
  sealed: string;
  count: number;
}) {
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} />
      <input type="hidden" name="agentStructureId" value={agentStructureId} />
      <input type="hidden" name="rows" value={sealed} />
      <SubmitButton>{count > 1 ? `Confirmer les ${count} lignes` : "Confirmer la ligne"}</SubmitButton>
    </form>
  );
}

/** Upload and preview, then confirmation: works without JavaScript (server actions, plain forms). */
export function MandateFileForm({ agentStructureId, today }: { agentStructureId: number; today: string }) {
  const [state, action] = useActionState(previewMandateFileAction, null);
  // At this level, not inside the preview: without JavaScript the page that answers « Confirmer » has no preview left.
  const [confirmed, confirm] = useActionState(confirmMandateFileAction, null);
  const rowErrors = state && !state.ok ? state.rowErrors : undefined;
  const preview = state?.ok ? state.data : null;
  if (confirmed?.ok) return <Results message={confirmed.message ?? ""} results={confirmed.data.results} />;
  return (
    <FieldScope value="mandats-fichier">
      {/* A refused « Confirmer » answered without JavaScript: no preview on that page, the reason here. */}
      {confirmed && !preview ? <FormFeedback state={confirmed} /> : null}
      <form action={action} noValidate aria-labelledby="importer-mandats" className="mt-4">
        {rowErrors?.length ? (
          <FileErrors formError={state && !state.ok ? state.formError : undefined} errors={rowErrors} />
        ) : (
          <FormFeedback
            state={state}
            labels={{ file: "Fichier CSV", rights: "Droits demandés", canTransmit: "Transmission", endDate: "Date de fin" }}
          />
        )}
        <input type="hidden" name="agentStructureId" value={agentStructureId} />
        <Field
          name="file"
          type="file"
          label="Fichier CSV de vos exploitations"
          hint="Colonnes « siret » et « courriel », puis, facultatives, « droits », « transmission » et « date_fin » ; séparateur « ; » ou « , », encodage UTF-8, 200 lignes au plus."
          accept=".csv,text/csv"
          error={errorOf(state, "file")}
        />
        <RadioGroup
          name="rights"
          legend="Droits demandés"
          hint="Pour chaque exploitation dont la colonne « droits » est vide."
          options={MANDATE_RIGHTS}
          defaultValue={valueOf(state, "rights", "modification")}
          error={errorOf(state, "rights")}
        />
        <Checkbox
          name="canTransmit"
          label="Transmission des demandes à l'administration"
          hint="Pour chaque exploitation dont la colonne « transmission » est vide (avec « Modification » seulement)."
          defaultChecked={state ? valueOf(state, "canTransmit") === "on" : true}
          error={errorOf(state, "canTransmit")}
        />
        <Field
          name="endDate"
          type="date"
          label="Date de fin"
          optional
          hint="Dernier jour des mandats dont la colonne « date_fin » est vide. Laissez vide pour des mandats sans date de fin."
          min={today}
          defaultValue={valueOf(state, "endDate")}
          error={errorOf(state, "endDate")}
          className="max-w-60"
        />
        <SubmitButton>Vérifier le fichier</SubmitButton>
      </form>
      {preview ? (
        <section aria-labelledby="apercu-mandats" className="mt-8">
          <h2 id="apercu-mandats" className="text-xl font-bold">
            {`Aperçu : ${preview.rows.length} ligne${preview.rows.length > 1 ? "s" : ""} à traiter, ${preview.errors.length} en erreur`}
          </h2>
          {preview.errors.length ? (
            <div className="mt-3">
              <FileErrors
                formError={`${preview.errors.length > 1 ? "Ces lignes ne seront pas traitées" : "Cette ligne ne sera pas traitée"} : corrigez le fichier et vérifiez-le de nouveau, ou confirmez les autres lignes.`}
                errors={preview.errors}
                fix="Choisir un fichier corrigé"
              />
            </div>
          ) : null}
          {preview.rows.length ? (
            <>
              <Preview rows={preview.rows} />
              <p className="mt-4">
                Chaque ligne est traitée seule : une demande de mandat est transmise au gestionnaire principal de l&apos;exploitation déjà
                inscrite ; une invitation est envoyée par courriel à l&apos;exploitation pas encore inscrite, avec un lien valable 30 jours.
              </p>
              <ConfirmForm
                key={preview.sealed}
                action={confirm}
                state={confirmed}
                agentStructureId={agentStructureId}
                sealed={preview.sealed}
                count={preview.rows.length}
              />
            </>
          ) : (
            <p className="mt-3">Aucune ligne ne peut être traitée.</p>
          )}
        </section>
      ) : null}
    </FieldScope>
  );
}
