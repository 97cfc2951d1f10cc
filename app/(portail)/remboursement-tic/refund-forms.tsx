"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Checkbox, Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { Select } from "@/app/_components/select";
import { SubmitButton } from "@/app/_components/submit-button";
import { formatEuros, formatRate } from "@/lib/refunds/amounts";
import { checkLine } from "@/lib/refunds/line-rules";
import { PRODUCTS, PRODUCT_VALUES } from "@/lib/refunds/products";
import type { RateRow } from "@/lib/refunds/rate-table";
import { ATTACHMENT_ACCEPT, ATTACHMENT_HINT } from "@/lib/refunds/files";
import { addLineAction, attachInvoiceAction, createRequestAction, importLinesAction, transmitRequestAction, updateRequestHeaderAction } from "./actions";

type Option = { value: string; label: string };

const ATTESTATION = "J'atteste sur l'honneur que l'entreprise n'est pas une entreprise « en difficulté » au sens du droit européen des aides d'État.";
const ATTESTATION_HINT = "Obligatoire pour transmettre la demande.";

/** « Créer une demande »: the year, the bank details (default pre-selected), the sworn statement. */
export function CreateRequestForm({ structureId, years, accounts }: { structureId: number; years: Option[]; accounts: Option[] }) {
  const [state, action] = useActionState(createRequestAction, null);
  return (
    <FieldScope value="creation">
      <form action={action} noValidate aria-labelledby="creer-demande">
        <FormFeedback state={state} labels={{ year: "Année de la demande", bankAccountId: "Références bancaires" }} />
        <input type="hidden" name="structureId" value={structureId} />
        <Select name="year" label="Année de la demande" hint="L'année de livraison du carburant ou du combustible, celle des factures." options={years} defaultValue={valueOf(state, "year", years.at(-1)?.value)} error={errorOf(state, "year")} />
        <Select name="bankAccountId" label="Références bancaires" options={accounts} defaultValue={valueOf(state, "bankAccountId", accounts[0]?.value)} error={errorOf(state, "bankAccountId")} />
        <Checkbox name="notInDifficulty" label={ATTESTATION} hint={ATTESTATION_HINT} defaultChecked={valueOf(state, "notInDifficulty") === "on"} />
        <SubmitButton>Créer la demande</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** Bank details and attestation of a request being written. */
export function RequestHeaderForm({ requestId, accounts, bankAccountId, notInDifficulty }: { requestId: number; accounts: Option[]; bankAccountId: number | null; notInDifficulty: boolean }) {
  const [state, action] = useActionState(updateRequestHeaderAction, null);
  return (
    <FieldScope value="entete">
      <form action={action} noValidate aria-labelledby="modifier-entete" className="mt-4">
        <h3 id="modifier-entete" className="font-semibold">Modifier les références bancaires ou l&apos;attestation</h3>
        <FormFeedback state={state} labels={{ bankAccountId: "Références bancaires" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <Select name="bankAccountId" label="Références bancaires" options={accounts} defaultValue={valueOf(state, "bankAccountId", bankAccountId === null ? "" : String(bankAccountId))} error={errorOf(state, "bankAccountId")} />
        <Checkbox name="notInDifficulty" label={ATTESTATION} hint={ATTESTATION_HINT} defaultChecked={notInDifficulty} />
        <SubmitButton secondary>Enregistrer</SubmitButton>
      </form>
    </FieldScope>
  );
}

const PRODUCT_OPTIONS = [{ value: "", label: "— Choisissez —" }, ...PRODUCT_VALUES.map((p) => ({ value: p, label: `${PRODUCTS[p].label} (en ${PRODUCTS[p].unit})` }))];

/**
 * One line per invoice. The rate and the amount show as the user types, computed by the same rules
 * as the server (lib/refunds/line-rules.ts), which computes them again on submit.
 */
export function LineForm({ requestId, year, rates, totalCents }: { requestId: number; year: number; rates: RateRow[]; totalCents: number }) {
  const [state, action] = useActionState(addLineAction, null);
  const [preview, setPreview] = useState<string>("Saisissez la date, le produit et le volume : le taux et le montant s'affichent ici.");
  const formRef = useRef<HTMLFormElement>(null);
  const product = state?.ok ? state.data.product : valueOf(state, "product");

  const refresh = () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const raw = { invoiceNumber: text("invoiceNumber") || "-", deliveryDate: text("deliveryDate"), product: text("product"), volume: text("volume") };
    if (!raw.deliveryDate || !raw.product || !raw.volume) {
      setPreview("Saisissez la date, le produit et le volume : le taux et le montant s'affichent ici.");
      return;
    }
    const checked = checkLine(raw, year, rates);
    if (!checked.ok) {
      setPreview(checked.errors.deliveryDate ?? checked.errors.volume ?? checked.errors.product ?? "Ligne incomplète.");
      return;
    }
    const { line } = checked;
    const unit = PRODUCTS[line.product].unit;
    setPreview(`Taux : ${formatRate(line.rateMilliEuros)} € par ${unit} — montant de la ligne : ${formatEuros(line.amountCents)} — total de la demande avec cette ligne : ${formatEuros(totalCents + line.amountCents)}`);
  };

  useEffect(() => {
    if (state?.ok && state.data.then === "next") document.getElementById("ligne-invoiceNumber")?.focus();
  }, [state]);

  return (
    <FieldScope value="ligne">
      <form ref={formRef} action={action} noValidate aria-labelledby="ajouter-ligne" onInput={refresh} onChange={refresh} onReset={() => setTimeout(refresh)}>
        <h3 id="ajouter-ligne" className="text-lg font-semibold">Ajouter une ligne (une par facture)</h3>
        <FormFeedback state={state} labels={{ invoiceNumber: "Numéro de facture", deliveryDate: "Date de livraison", product: "Produit", volume: "Volume", invoice: "Copie de la facture" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <div className="grid gap-x-6 sm:grid-cols-2">
          <Field name="invoiceNumber" label="Numéro de facture" maxLength={50} autoComplete="off" defaultValue={valueOf(state, "invoiceNumber")} error={errorOf(state, "invoiceNumber")} />
          <Field name="deliveryDate" type="date" label="Date de livraison" hint={`Entre le 01/01/${year} et le 31/12/${year}.`} min={`${year}-01-01`} max={`${year}-12-31`} defaultValue={valueOf(state, "deliveryDate")} error={errorOf(state, "deliveryDate")} />
          <Select key={`produit-${product}`} name="product" label="Produit" options={PRODUCT_OPTIONS} defaultValue={product} error={errorOf(state, "product")} />
          <Field name="volume" label="Volume" inputMode="decimal" hint="Dans l'unité du produit (hl, 100 kg ou MWh) ; virgule décimale, 3 décimales au plus." autoComplete="off" defaultValue={valueOf(state, "volume")} error={errorOf(state, "volume")} />
        </div>
        <Field name="invoice" type="file" optional label="Copie de la facture" hint={`${ATTACHMENT_HINT} Elle peut aussi être jointe plus tard, avant la transmission.`} accept={ATTACHMENT_ACCEPT} error={errorOf(state, "invoice")} />
        <output htmlFor="ligne-deliveryDate ligne-product ligne-volume" aria-live="polite" className="mb-5 block rounded bg-blue-50 p-3">
          {preview}
        </output>
        <div className="flex flex-wrap gap-3">
          <SubmitButton>Valider la ligne</SubmitButton>
          <button type="submit" name="then" value="next" className="rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-blue-50">
            Valider et ajouter une nouvelle ligne
          </button>
        </div>
      </form>
    </FieldScope>
  );
}

/** The invoice copy of one line, joined or replaced. */
export function AttachInvoiceForm({ lineId, invoiceNumber, replace }: { lineId: number; invoiceNumber: string; replace: boolean }) {
  const [state, action] = useActionState(attachInvoiceAction, null);
  return (
    <FieldScope value={`facture-${lineId}`}>
      <form action={action} noValidate className="mt-1">
        <FormFeedback state={state} />
        <input type="hidden" name="lineId" value={lineId} />
        <Field name="invoice" type="file" label={`Fichier de la facture ${invoiceNumber}`} accept={ATTACHMENT_ACCEPT} error={errorOf(state, "invoice")} className="mb-2 text-sm" />
        <SubmitButton secondary accessibleLabel={`${replace ? "Remplacer" : "Joindre"} la facture ${invoiceNumber}`}>{replace ? "Remplacer" : "Joindre"}</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** CSV import: all rows or none, errors listed by row and column. */
export function ImportLinesForm({ requestId }: { requestId: number }) {
  const [state, action] = useActionState(importLinesAction, null);
  return (
    <FieldScope value="import">
      <form action={action} noValidate aria-labelledby="importer-lignes">
        <FormFeedback state={state} labels={{ file: "Fichier CSV" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <Field name="file" type="file" label="Fichier CSV des lignes" hint="Séparateur « ; », encodage UTF-8, 1 000 lignes et 1 Mo au plus." accept=".csv,text/csv" error={errorOf(state, "file")} />
        <SubmitButton secondary>Importer les lignes</SubmitButton>
      </form>
    </FieldScope>
  );
}

export function TransmitForm({ requestId, again }: { requestId: number; again: boolean }) {
  const [state, action] = useActionState(transmitRequestAction, null);
  return (
    <form action={action} noValidate>
      <FormFeedback state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton>{again ? "Transmettre de nouveau la demande" : "Transmettre la demande"}</SubmitButton>
    </form>
  );
}
