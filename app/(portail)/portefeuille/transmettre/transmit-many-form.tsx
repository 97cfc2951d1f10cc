"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Checkbox, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import type { ReadyRequest, TransmitOutcome } from "@/lib/portfolio/transmit-many";
import { fixQuoteSpaces } from "@/lib/typography";
import { transmitManyAction } from "./actions";

/** The result per farm, first on the page once the server answered; focused (a named region) so that it is read. */
function Outcomes({ message, outcomes }: { message: string; outcomes: TransmitOutcome[] }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [outcomes]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="resultat-transmission"
      className="mb-8 rounded border-l-4 border-success bg-green-50 p-4"
    >
      <h2 id="resultat-transmission" className="text-xl font-bold">
        {fixQuoteSpaces(message)}
      </h2>
      <ul className="mt-3 space-y-3">
        {outcomes.map((outcome) => (
          <li key={outcome.requestId} className="rounded border border-gray-300 bg-white p-3">
            <p className="font-semibold">{`${outcome.farmName} — demande ${outcome.year}`}</p>
            {outcome.ok ? (
              <p>
                <span aria-hidden="true">✓ </span>
                {`Transmise sous la référence ${outcome.reference}. `}
                <Link
                  href={`/remboursement-tic/demandes/${outcome.requestId}`}
                >{`Voir la demande et son récépissé (${outcome.farmName})`}</Link>
              </p>
            ) : (
              <>
                <p className="font-semibold text-error">
                  <span aria-hidden="true">✕ </span>Non transmise :
                </p>
                <ul className="list-disc pl-6">
                  {outcome.problems.map((problem) => (
                    <li key={problem}>{fixQuoteSpaces(problem)}</li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The ready requests, each ticked by default; one button transmits those ticked. */
export function TransmitManyForm({ ready }: { ready: ReadyRequest[] }) {
  const [state, action] = useActionState(transmitManyAction, null);
  return (
    <>
      {state?.ok ? <Outcomes message={state.message ?? ""} outcomes={state.data.outcomes} /> : null}
      {ready.length === 0 ? (
        <p className="mt-4 rounded border-l-4 border-brand bg-blue-50 p-4">
          {fixQuoteSpaces(
            "Aucune demande n'est prête à transmettre pour l'instant. Une demande est prête quand rien ne manque (structure vérifiée, références bancaires, attestation, lignes et factures) et que le mandat de l'exploitation vous permet de transmettre.",
          )}{" "}
          <Link href="/portefeuille?manque=any">Voir ce qui manque dans le portefeuille</Link>
        </p>
      ) : (
        <FieldScope value="transmission">
          <form action={action} noValidate aria-labelledby="demandes-pretes" className="rounded border border-gray-300 bg-white p-4">
            {state && !state.ok ? <FormFeedback state={state} labels={{ requestIds: "Demandes à transmettre" }} /> : null}
            <fieldset aria-describedby={errorOf(state, "requestIds") ? "transmission-requestIds-erreur" : undefined}>
              <legend id="demandes-pretes" className="text-xl font-bold">{`Demandes prêtes à transmettre (${ready.length})`}</legend>
              {errorOf(state, "requestIds") ? (
                <p id="transmission-requestIds-erreur" className="mt-1 text-sm font-semibold text-error">
                  <span aria-hidden="true">✕ </span>
                  {errorOf(state, "requestIds")}
                </p>
              ) : null}
              <div className="mt-3">
                {ready.map((request) => (
                  <Checkbox
                    key={request.requestId}
                    name="requestIds"
                    value={String(request.requestId)}
                    defaultChecked
                    label={`${request.farmName} — demande ${request.year} — ${request.total} (${request.lineCount} ligne${request.lineCount > 1 ? "s" : ""}) — SIRET ${request.siret}`}
                  />
                ))}
              </div>
            </fieldset>
            <SubmitButton>Transmettre les demandes cochées</SubmitButton>
          </form>
        </FieldScope>
      )}
    </>
  );
}
