"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { ATTACHMENT_ACCEPT, MAX_INVOICES_PER_BATCH } from "@/lib/refunds/files";
import { invoicesAcrossFarmsAction } from "./actions";

/** Invoice copies of many farms in one sending; the result lists where each went. */
export function InvoicesAcrossFarmsForm() {
  const [state, action] = useActionState(invoicesAcrossFarmsAction, null);
  return (
    <FieldScope value="factures">
      <form
        action={action}
        noValidate
        aria-labelledby="joindre-factures-exploitations"
        className="rounded border border-gray-300 bg-white p-4"
      >
        <h2 id="joindre-factures-exploitations" className="mb-3 text-xl font-bold">
          Joindre les factures
        </h2>
        <FormFeedback state={state} labels={{ invoices: "Fichiers des factures" }} />
        {state?.ok ? (
          <ul className="mb-6 list-disc pl-6">
            {state.data.joined.map((j) => (
              <li key={`${j.requestId}-${j.invoiceNumber}`}>
                {`« ${j.fileName} » → facture ${j.invoiceNumber}, `}
                <Link href={`/remboursement-tic/demandes/${j.requestId}`}>{`demande ${j.year} de ${j.farmName}`}</Link>
              </li>
            ))}
          </ul>
        ) : null}
        <Field
          name="invoices"
          type="file"
          multiple
          label="Fichiers des factures"
          hint={`Le nom de chaque fichier contient le numéro de sa facture (par exemple « FA-002.pdf ») ; si deux exploitations ont une facture de ce numéro, ajoutez le SIRET de l'exploitation (« FA-002 73282932000074.pdf »). PDF, PNG ou JPEG, 5 Mo au plus chacun, 8 Mo et ${MAX_INVOICES_PER_BATCH} fichiers au plus par envoi.`}
          accept={ATTACHMENT_ACCEPT}
          error={errorOf(state, "invoices")}
        />
        <SubmitButton>Joindre les factures</SubmitButton>
      </form>
    </FieldScope>
  );
}
