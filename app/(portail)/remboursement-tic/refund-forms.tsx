"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Checkbox, Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { Select } from "@/app/_components/select";
import { SubmitButton } from "@/app/_components/submit-button";
import { formatEuros, formatRate } from "@/lib/refunds/amounts";
import { FULL_TARIFF_QUESTION, GNR_REDUCED_AT_PUMP_FROM, asksFullTariff, checkLine, parseDeliveryDate, parseProduct, type LineContext } from "@/lib/refunds/line-rules";
import { PRODUCTS, PRODUCT_VALUES } from "@/lib/refunds/products";
import { RATE_KIND_LABELS } from "@/lib/refunds/rate-table";
import { ATTACHMENT_ACCEPT, ATTACHMENT_HINT, MAX_INVOICES_PER_BATCH } from "@/lib/refunds/files";
import {
  addLineAction,
  attachInvoiceAction,
  attachInvoicesAction,
  createRequestAction,
  deleteRequestAction,
  importLinesAction,
  transmitRequestAction,
  updateLineAction,
  updateRequestHeaderAction,
} from "./actions";

type Option = { value: string; label: string };

const ATTESTATION = "J'atteste sur l'honneur que l'entreprise n'est pas une entreprise « en difficulté » au sens du droit européen des aides d'État.";
const ATTESTATION_HINT = "Obligatoire pour transmettre la demande.";

/** « Saisir une demande de remboursement »: the year, the bank details (default pre-selected), the sworn statement. */
export function CreateRequestForm({ structureId, years, defaultYear, accounts }: { structureId: number; years: Option[]; defaultYear: string; accounts: Option[] }) {
  const [state, action] = useActionState(createRequestAction, null);
  return (
    <FieldScope value="creation">
      <form action={action} noValidate aria-labelledby="creer-demande">
        <FormFeedback state={state} labels={{ year: "Année de la demande", bankAccountId: "Références bancaires" }} />
        <input type="hidden" name="structureId" value={structureId} />
        <RadioGroup name="year" legend="Année de la demande" hint="L'année de livraison du carburant ou du combustible, celle des factures." options={years} defaultValue={valueOf(state, "year", defaultYear)} error={errorOf(state, "year")} />
        <Select name="bankAccountId" label="Références bancaires" options={accounts} defaultValue={valueOf(state, "bankAccountId", accounts[0]?.value)} error={errorOf(state, "bankAccountId")} />
        <Checkbox name="notInDifficulty" label={ATTESTATION} hint={ATTESTATION_HINT} defaultChecked={valueOf(state, "notInDifficulty") === "on"} />
        <SubmitButton>Saisir la demande</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** Bank details, attestation and, for 2024, the advance received, of a request being written. */
export function RequestHeaderForm({ requestId, accounts, bankAccountId, notInDifficulty, advance }: { requestId: number; accounts: Option[]; bankAccountId: number | null; notInDifficulty: boolean; advance: string | null }) {
  const [state, action] = useActionState(updateRequestHeaderAction, null);
  return (
    <FieldScope value="entete">
      <form action={action} noValidate aria-labelledby="modifier-entete" className="mt-4">
        <h3 id="modifier-entete" className="font-semibold">{advance === null ? "Modifier les références bancaires ou l'attestation" : "Modifier les références bancaires, l'attestation ou l'avance perçue"}</h3>
        <FormFeedback state={state} labels={{ bankAccountId: "Références bancaires", advance: "Montant de l'avance perçue" }} />
        {advance === null ? <input type="hidden" name="advance" value="" /> : (
          <Field
            name="advance"
            label="Montant de l'avance perçue (en euros)"
            hint="L'avance de 50 % versée en 2024 sur demande (décret n° 2024-76) ; 0 si vous n'en avez pas perçu. Elle est déduite du montant des lignes ; si elle le dépasse, le solde est à reverser."
            inputMode="decimal"
            autoComplete="off"
            defaultValue={valueOf(state, "advance", advance)}
            error={errorOf(state, "advance")}
          />
        )}
        <input type="hidden" name="requestId" value={requestId} />
        <Select name="bankAccountId" label="Références bancaires" options={accounts} defaultValue={valueOf(state, "bankAccountId", bankAccountId === null ? "" : String(bankAccountId))} error={errorOf(state, "bankAccountId")} />
        <Checkbox name="notInDifficulty" label={ATTESTATION} hint={ATTESTATION_HINT} defaultChecked={notInDifficulty} />
        <SubmitButton secondary>Enregistrer</SubmitButton>
      </form>
    </FieldScope>
  );
}

const PRODUCT_OPTIONS = [{ value: "", label: "— Choisissez —" }, ...PRODUCT_VALUES.map((p) => ({ value: p, label: `${PRODUCTS[p].label} (en ${PRODUCTS[p].unit})` }))];
const FULL_TARIFF_OPTIONS = [
  { value: "", label: "— Choisissez —" },
  { value: "oui", label: "Oui, facturé au tarif plein" },
  { value: "non", label: "Non, facturé au tarif réduit agricole (attestation remise au distributeur)" },
];
const noSubscription = () => () => {};
const EMPTY_PREVIEW = "Saisissez la date, le type de carburant et le volume : le taux et le montant s'affichent ici.";

type LineValues = { invoiceNumber: string; deliveryDate: string; product: string; volume: string; billedFullTariff: string };

/**
 * The fields of a line, shared by « Ajouter » and « Modifier ». The rate and the amount show as the
 * user types, computed by the same rules as the server (lib/refunds/line-rules.ts), which computes
 * them again on submit. The GNR question shows when it applies (and whenever the server asks it).
 */
function LineFields({ context, totalCents, values, errors, formRef }: { context: LineContext; totalCents: number; values: LineValues; errors: Partial<Record<keyof LineValues, string>>; formRef: React.RefObject<HTMLFormElement | null> }) {
  const [preview, setPreview] = useState<string>(EMPTY_PREVIEW);
  // Without JavaScript (the server's render) the question always shows; in the browser, when it applies.
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const [asks, setAsks] = useState(asksFullTariff(parseProduct(values.product), parseDeliveryDate(values.deliveryDate)));
  const { year } = context;
  const mayAsk = year >= Number(GNR_REDUCED_AT_PUMP_FROM.slice(0, 4));

  const refresh = () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const raw = { invoiceNumber: text("invoiceNumber") || "-", deliveryDate: text("deliveryDate"), product: text("product"), volume: text("volume"), billedFullTariff: text("billedFullTariff") || "oui" };
    setAsks(asksFullTariff(parseProduct(raw.product), parseDeliveryDate(raw.deliveryDate)));
    if (!raw.deliveryDate || !raw.product || !raw.volume) {
      setPreview(EMPTY_PREVIEW);
      return;
    }
    const checked = checkLine(raw, context);
    if (!checked.ok) {
      setPreview(checked.errors.deliveryDate ?? checked.errors.volume ?? checked.errors.product ?? "Ligne incomplète.");
      return;
    }
    const { line } = checked;
    const unit = PRODUCTS[line.product].unit;
    setPreview(`Taux : ${formatRate(line.rateMilliEuros)} € par ${unit} (${RATE_KIND_LABELS[line.rateKind]}) — montant de la ligne : ${formatEuros(line.amountCents)} — total de la demande avec cette ligne : ${formatEuros(totalCents + line.amountCents)}`);
  };

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    return () => {
      form.removeEventListener("input", refresh);
      form.removeEventListener("change", refresh);
    };
  });

  return (
    <>
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Field name="invoiceNumber" label="Numéro de facture" hint="Une facture peut donner plusieurs lignes (plusieurs carburants ou livraisons)." maxLength={50} autoComplete="off" defaultValue={values.invoiceNumber} error={errors.invoiceNumber} />
        <Field name="deliveryDate" type="date" label="Date de livraison" hint={`Entre le 01/01/${year} et le 31/12/${year}.`} min={`${year}-01-01`} max={`${year}-12-31`} defaultValue={values.deliveryDate} error={errors.deliveryDate} />
        <Select key={`produit-${values.product}`} name="product" label="Type de carburant" options={PRODUCT_OPTIONS} defaultValue={values.product} error={errors.product} />
        <Field name="volume" label="Volume de carburant" inputMode="decimal" hint="Dans l'unité du carburant (hl, 100 kg ou MWh) ; virgule décimale, 3 décimales au plus." autoComplete="off" defaultValue={values.volume} error={errors.volume} />
      </div>
      {mayAsk && (!inBrowser || asks || errors.billedFullTariff) ? (
        <Select
          name="billedFullTariff"
          label={FULL_TARIFF_QUESTION}
          hint="Seulement pour le gazole non routier livré à partir du 1er juillet 2024 : depuis cette date, le distributeur applique le tarif réduit agricole sur attestation, et seul le gazole facturé au tarif plein reste remboursable."
          options={FULL_TARIFF_OPTIONS}
          defaultValue={values.billedFullTariff}
          error={errors.billedFullTariff}
        />
      ) : null}
      <output htmlFor="ligne-deliveryDate ligne-product ligne-volume" aria-live="polite" className="mb-5 block rounded bg-blue-50 p-3">
        {preview}
      </output>
    </>
  );
}

const lineErrors = (state: Parameters<typeof errorOf>[0]) => ({
  invoiceNumber: errorOf(state, "invoiceNumber"),
  deliveryDate: errorOf(state, "deliveryDate"),
  product: errorOf(state, "product"),
  volume: errorOf(state, "volume"),
  billedFullTariff: errorOf(state, "billedFullTariff"),
});
const LINE_LABELS = { invoiceNumber: "Numéro de facture", deliveryDate: "Date de livraison", product: "Type de carburant", volume: "Volume de carburant", billedFullTariff: "Tarif de la facture", invoice: "Copie de la facture" };

/** One line per invoice and product: « Valider et fermer » or « Valider et ajouter une nouvelle ligne ». */
export function LineForm({ requestId, context, totalCents }: { requestId: number; context: LineContext; totalCents: number }) {
  const [state, action] = useActionState(addLineAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const product = state?.ok ? state.data.product : valueOf(state, "product");

  useEffect(() => {
    if (state?.ok && state.data.then === "next") document.getElementById("ligne-invoiceNumber")?.focus();
  }, [state]);

  return (
    <FieldScope value="ligne">
      <form ref={formRef} action={action} noValidate aria-labelledby="ajouter-ligne">
        <h3 id="ajouter-ligne" className="text-lg font-semibold">Ajouter une ligne (une par facture et par carburant)</h3>
        <FormFeedback state={state} labels={LINE_LABELS} />
        <input type="hidden" name="requestId" value={requestId} />
        <LineFields
          key={state?.ok ? `ok-${state.data.lineId}` : "saisie"}
          context={context}
          totalCents={totalCents}
          formRef={formRef}
          values={{ invoiceNumber: valueOf(state, "invoiceNumber"), deliveryDate: valueOf(state, "deliveryDate"), product, volume: valueOf(state, "volume"), billedFullTariff: valueOf(state, "billedFullTariff") }}
          errors={lineErrors(state)}
        />
        <Field name="invoice" type="file" optional label="Copie de la facture" hint={`${ATTACHMENT_HINT} Elle peut aussi être jointe plus tard, avant la transmission.`} accept={ATTACHMENT_ACCEPT} error={errorOf(state, "invoice")} />
        <div className="flex flex-wrap gap-3">
          <SubmitButton>Valider et fermer</SubmitButton>
          <button type="submit" name="then" value="next" className="rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-blue-50">
            Valider et ajouter une nouvelle ligne
          </button>
        </div>
      </form>
    </FieldScope>
  );
}

/** A line corrected in place: same fields, same checks. */
export function EditLineForm({ lineId, context, totalCents, values }: { lineId: number; context: LineContext; totalCents: number; values: LineValues }) {
  const [state, action] = useActionState(updateLineAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const current = state ? { invoiceNumber: valueOf(state, "invoiceNumber"), deliveryDate: valueOf(state, "deliveryDate"), product: valueOf(state, "product"), volume: valueOf(state, "volume"), billedFullTariff: valueOf(state, "billedFullTariff") } : values;
  return (
    <FieldScope value="ligne">
      <form ref={formRef} action={action} noValidate aria-labelledby="modifier-ligne">
        <h2 id="modifier-ligne" className="text-xl font-bold">Modifier la ligne</h2>
        <FormFeedback state={state} labels={LINE_LABELS} />
        <input type="hidden" name="lineId" value={lineId} />
        <LineFields context={context} totalCents={totalCents} formRef={formRef} values={current} errors={lineErrors(state)} />
        <SubmitButton>Enregistrer la ligne</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** The invoice copy of one line, joined or replaced. */
export function AttachInvoiceForm({ lineId, invoiceNumber, replace }: { lineId: number; invoiceNumber: string; replace: boolean }) {
  const [state, action] = useActionState(attachInvoiceAction, null);
  const form = (
    <FieldScope value={`facture-${lineId}`}>
      <form action={action} noValidate className="mt-1">
        <FormFeedback state={state} />
        <input type="hidden" name="lineId" value={lineId} />
        <Field name="invoice" type="file" label={`Fichier de la facture ${invoiceNumber}`} accept={ATTACHMENT_ACCEPT} error={errorOf(state, "invoice")} className="mb-2 text-sm" />
        <SubmitButton secondary accessibleLabel={`${replace ? "Remplacer" : "Joindre"} la facture ${invoiceNumber}`}>{replace ? "Remplacer" : "Joindre"}</SubmitButton>
      </form>
    </FieldScope>
  );
  if (!replace) return form;
  // A joined invoice keeps its row calm: the file link, and « Remplacer » folded until asked for
  // (open again after a refusal, so that its message is seen).
  return (
    <details className="mt-1 text-sm" open={state && !state.ok ? true : undefined}>
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand underline" aria-label={`Remplacer la facture ${invoiceNumber}…`}>
        Remplacer
      </summary>
      {form}
    </details>
  );
}

/** Several invoice copies at once, each matched to its lines by the invoice number in its file name (a copy already joined is replaced). */
export function AttachInvoicesForm({ requestId }: { requestId: number }) {
  const [state, action] = useActionState(attachInvoicesAction, null);
  return (
    <FieldScope value="factures">
      <form action={action} noValidate aria-labelledby="joindre-factures">
        <FormFeedback state={state} labels={{ invoices: "Fichiers des factures" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <Field
          name="invoices"
          type="file"
          multiple
          label="Fichiers des factures"
          hint={`Le nom de chaque fichier contient le numéro de sa facture (par exemple « FA-002.pdf ») ; PDF, PNG ou JPEG, 5 Mo au plus chacun, 8 Mo et ${MAX_INVOICES_PER_BATCH} fichiers au plus par envoi.`}
          accept={ATTACHMENT_ACCEPT}
          error={errorOf(state, "invoices")}
        />
        <SubmitButton secondary>Joindre les factures</SubmitButton>
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
        <Field name="file" type="file" label="Fichier CSV des lignes" hint="Séparateur « ; », encodage UTF-8, 500 lignes et 1 Mo au plus ; 10 imports au plus par demande." accept=".csv,text/csv" error={errorOf(state, "file")} />
        <SubmitButton secondary>Importer les lignes</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** The last step of the confirmation page. */
export function TransmitForm({ requestId, again }: { requestId: number; again: boolean }) {
  const [state, action] = useActionState(transmitRequestAction, null);
  return (
    <form action={action} noValidate>
      <FormFeedback state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton>{again ? "Confirmer et transmettre de nouveau" : "Confirmer et transmettre"}</SubmitButton>
    </form>
  );
}

/** The last step of the deletion page. */
export function DeleteRequestForm({ requestId, year }: { requestId: number; year: number }) {
  const [state, action] = useActionState(deleteRequestAction, null);
  return (
    <form action={action} noValidate>
      <FormFeedback state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" className="rounded border-2 border-error bg-white px-5 py-2 font-semibold text-error">
        {`Supprimer définitivement le brouillon ${year}`}
      </button>
    </form>
  );
}
