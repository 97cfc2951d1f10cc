"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Checkbox, Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { Select } from "@/app/_components/select";
import { SubmitButton } from "@/app/_components/submit-button";
import { ADVANCE_QUESTION } from "@/lib/refunds/advance";
import { formatEuros, formatRate } from "@/lib/refunds/amounts";
import {
  FULL_TARIFF_QUESTION,
  GNR_REDUCED_AT_PUMP_FROM,
  asksFullTariff,
  checkLine,
  convertedFigure,
  offeredProducts,
  parseDeliveryDate,
  parseProduct,
  type LineContext,
} from "@/lib/refunds/line-rules";
import { UNITS_OF, VOLUME_UNITS, type VolumeUnit } from "@/lib/refunds/units";
import { PRODUCTS } from "@/lib/refunds/products";
import { NO_RATE_NEXT_STEP, PROVISIONAL_RATE_SENTENCE, RATE_KIND_LABELS } from "@/lib/refunds/rate-table";
import { ATTACHMENT_ACCEPT, ATTACHMENT_HINT, MAX_INVOICES_PER_BATCH } from "@/lib/refunds/files";
import {
  addLineAction,
  attachInvoiceAction,
  attachInvoicesAction,
  createRequestAction,
  declareAdvanceAction,
  deleteRequestAction,
  importLinesAction,
  transmitRequestAction,
  updateLineAction,
  updateRequestHeaderAction,
} from "./actions";

type Option = { value: string; label: string };

const ATTESTATION =
  "J'atteste sur l'honneur que l'entreprise n'est pas une entreprise « en difficulté » au sens du droit européen des aides d'État.";
const ATTESTATION_HINT = "Obligatoire pour transmettre la demande.";

/** « Saisir une demande de remboursement »: the year, the bank details (default pre-selected), the sworn statement. */
export function CreateRequestForm({
  structureId,
  years,
  defaultYear,
  accounts,
}: {
  structureId: number;
  years: Option[];
  defaultYear: string;
  accounts: Option[];
}) {
  const [state, action] = useActionState(createRequestAction, null);
  return (
    <FieldScope value="creation">
      <form action={action} noValidate aria-labelledby="creer-demande">
        <FormFeedback state={state} labels={{ year: "Année de la demande", bankAccountId: "Références bancaires" }} />
        <input type="hidden" name="structureId" value={structureId} />
        <RadioGroup
          name="year"
          legend="Année de la demande"
          hint="L'année de livraison du carburant ou du combustible, celle des factures."
          options={years}
          defaultValue={valueOf(state, "year", defaultYear)}
          error={errorOf(state, "year")}
        />
        <Select
          name="bankAccountId"
          label="Références bancaires"
          options={accounts}
          defaultValue={valueOf(state, "bankAccountId", accounts[0]?.value)}
          error={errorOf(state, "bankAccountId")}
        />
        <Checkbox
          name="notInDifficulty"
          label={ATTESTATION}
          hint={ATTESTATION_HINT}
          defaultChecked={valueOf(state, "notInDifficulty") === "on"}
        />
        <SubmitButton>Saisir la demande</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** Bank details and attestation of a request being written. */
export function RequestHeaderForm({
  requestId,
  accounts,
  bankAccountId,
  notInDifficulty,
}: {
  requestId: number;
  accounts: Option[];
  bankAccountId: number | null;
  notInDifficulty: boolean;
}) {
  const [state, action] = useActionState(updateRequestHeaderAction, null);
  return (
    <FieldScope value="entete">
      <form action={action} noValidate aria-labelledby="modifier-entete" className="mt-4">
        <h3 id="modifier-entete" className="font-semibold">
          Modifier les références bancaires ou l&apos;attestation
        </h3>
        <FormFeedback state={state} labels={{ bankAccountId: "Références bancaires" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <Select
          name="bankAccountId"
          label="Références bancaires"
          options={accounts}
          defaultValue={valueOf(state, "bankAccountId", bankAccountId === null ? "" : String(bankAccountId))}
          error={errorOf(state, "bankAccountId")}
        />
        <Checkbox name="notInDifficulty" label={ATTESTATION} hint={ATTESTATION_HINT} defaultChecked={notInDifficulty} />
        <SubmitButton secondary>Enregistrer</SubmitButton>
      </form>
    </FieldScope>
  );
}

const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];

/** « Avez-vous perçu l'avance de 2024 ? » on the 2024 request itself; with « oui », the amount. */
export function AdvanceForm({ requestId, received, amount }: { requestId: number; received: string; amount: string }) {
  const [state, action] = useActionState(declareAdvanceAction, null);
  return (
    <FieldScope value="avance">
      <form action={action} noValidate aria-labelledby="avance-question" className="mt-4">
        <h3 id="avance-question" className="sr-only">
          {ADVANCE_QUESTION}
        </h3>
        <FormFeedback state={state} labels={{ received: ADVANCE_QUESTION, amount: "Montant de l'avance perçue" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <RadioGroup
          name="received"
          legend={ADVANCE_QUESTION}
          hint="Versée en 2024 à la suite de la demande pour les livraisons de 2023, à qui ne l'avait pas décochée."
          options={YES_NO}
          defaultValue={valueOf(state, "received", received)}
          error={errorOf(state, "received")}
        />
        <Field
          name="amount"
          label="Si oui, montant de l'avance perçue (en euros)"
          hint="Le montant versé en 2024, tel qu'il figure sur votre relevé bancaire ou l'avis de versement."
          inputMode="decimal"
          autoComplete="off"
          defaultValue={valueOf(state, "amount", amount)}
          error={errorOf(state, "amount")}
        />
        <SubmitButton secondary>Enregistrer la réponse</SubmitButton>
      </form>
    </FieldScope>
  );
}

/**
 * The products with a sourced rate in the request's year (plus the line's own, when editing), in
 * alphabetical order, so that typing « Gaz » lands on a gas and « Gazo » on the gazole. The unit is
 * a field of its own: the label stays short enough for a phone.
 */
function productOptions(context: LineContext, current: string) {
  const { offered, missing } = offeredProducts(context, current);
  return {
    options: [{ value: "", label: "— Choisissez —" }, ...offered.map((p) => ({ value: p, label: PRODUCTS[p].label }))],
    hint:
      missing.length > 0
        ? `Non proposés pour ${context.year}, faute de taux sourcé : ${missing.map((p) => PRODUCTS[p].label).join(", ")}. ${NO_RATE_NEXT_STEP}`
        : undefined,
  };
}

const ALL_UNITS = Object.keys(VOLUME_UNITS) as VolumeUnit[];
function unitOptions(product: string) {
  const units = product in UNITS_OF ? UNITS_OF[product as keyof typeof UNITS_OF] : ALL_UNITS;
  return [{ value: "", label: "unité du taux (hl, 100 kg nets, MWh)" }, ...units.map((u) => ({ value: u, label: VOLUME_UNITS[u].label }))];
}
const PLAUSIBLE_CONFIRMATION = "Le volume et l'unité sont exacts : enregistrer la ligne quand même";
const FULL_TARIFF_OPTIONS = [
  { value: "", label: "— Choisissez —" },
  { value: "oui", label: "Oui, facturé au tarif plein" },
  { value: "non", label: "Non, facturé au tarif réduit agricole (attestation remise au distributeur)" },
];
const noSubscription = () => () => {};
const EMPTY_PREVIEW = "Saisissez la date, le type de carburant et le volume : le taux et le montant s'affichent ici.";

type LineValues = {
  invoiceNumber: string;
  deliveryDate: string;
  product: string;
  volume: string;
  billedFullTariff: string;
  volumeUnit: string;
  confirmPlausible?: string;
};

/**
 * The fields of a line, shared by « Ajouter » and « Modifier ». The rate and the amount show as the
 * user types, computed by the same rules as the server (lib/refunds/line-rules.ts), which computes
 * them again on submit. The GNR question shows when it applies (and whenever the server asks it).
 */
function LineFields({
  context,
  totalCents,
  values,
  errors,
  formRef,
}: {
  context: LineContext;
  totalCents: number;
  values: LineValues;
  errors: Partial<Record<keyof LineValues, string>>;
  formRef: React.RefObject<HTMLFormElement | null>;
}) {
  const [preview, setPreview] = useState<string>(EMPTY_PREVIEW);
  // Without JavaScript (the server's render) the question always shows; in the browser, when it applies.
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [asks, setAsks] = useState(asksFullTariff(parseProduct(values.product), parseDeliveryDate(values.deliveryDate)));
  const [product, setProduct] = useState(values.product);
  const [warns, setWarns] = useState(false);
  const products = productOptions(context, values.product);
  const { year } = context;
  const mayAsk = year >= Number(GNR_REDUCED_AT_PUMP_FROM.slice(0, 4));

  const refresh = () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "");
    const raw = {
      invoiceNumber: text("invoiceNumber") || "-",
      deliveryDate: text("deliveryDate"),
      product: text("product"),
      volume: text("volume"),
      billedFullTariff: text("billedFullTariff") || "oui",
      volumeUnit: text("volumeUnit"),
      confirmPlausible: text("confirmPlausible"),
    };
    setAsks(asksFullTariff(parseProduct(raw.product), parseDeliveryDate(raw.deliveryDate)));
    setProduct(raw.product);
    setWarns(false);
    if (!raw.deliveryDate || !raw.product || !raw.volume) {
      setPreview(EMPTY_PREVIEW);
      return;
    }
    const checked = checkLine(raw, context);
    if (!checked.ok) {
      setWarns(checked.errors.confirmPlausible !== undefined);
      setPreview(
        checked.errors.deliveryDate ??
          checked.errors.volumeUnit ??
          checked.errors.volume ??
          checked.errors.product ??
          checked.errors.confirmPlausible ??
          "Ligne incomplète.",
      );
      return;
    }
    const { line } = checked;
    const unit = PRODUCTS[line.product].unit;
    setWarns(raw.confirmPlausible === "on");
    const conversion =
      raw.volumeUnit && raw.volumeUnit !== UNITS_OF[line.product][0]
        ? `${raw.volume} ${VOLUME_UNITS[raw.volumeUnit as VolumeUnit].label} = ${convertedFigure(line.product, line.volumeMilli)} — `
        : "";
    setPreview(
      `${conversion}Taux : ${formatRate(line.rateMilliEuros)} € par ${unit} (${RATE_KIND_LABELS[line.rateKind]}) — montant de la ligne : ${formatEuros(line.amountCents)} — total de la demande avec cette ligne : ${formatEuros(totalCents + line.amountCents)}${line.rateKind === "provisional" ? `. ${PROVISIONAL_RATE_SENTENCE}` : ""}`,
    );
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
        <Field
          name="invoiceNumber"
          label="Numéro de facture"
          hint="Une facture peut donner plusieurs lignes (plusieurs carburants ou livraisons)."
          maxLength={50}
          autoComplete="off"
          defaultValue={values.invoiceNumber}
          error={errors.invoiceNumber}
        />
        <Field
          name="deliveryDate"
          type="date"
          label="Date de livraison"
          hint={`Entre le 01/01/${year} et le 31/12/${year}.`}
          min={`${year}-01-01`}
          max={`${year}-12-31`}
          defaultValue={values.deliveryDate}
          error={errors.deliveryDate}
        />
        <Select
          key={`produit-${values.product}`}
          name="product"
          label="Type de carburant"
          options={products.options}
          hint={products.hint}
          defaultValue={values.product}
          error={errors.product}
        />
        <div className="grid grid-cols-1 gap-x-3 min-[400px]:grid-cols-[1fr_auto]">
          <Field
            name="volume"
            label="Volume de carburant"
            inputMode="decimal"
            hint="Tel qu'il figure sur la facture ; virgule décimale."
            autoComplete="off"
            defaultValue={values.volume}
            error={errors.volume}
          />
          <Select
            name="volumeUnit"
            label="Unité de la facture"
            options={unitOptions(product)}
            defaultValue={values.volumeUnit}
            error={errors.volumeUnit}
          />
        </div>
      </div>
      {errors.confirmPlausible || warns ? (
        <Checkbox
          name="confirmPlausible"
          label={PLAUSIBLE_CONFIRMATION}
          error={errors.confirmPlausible}
          defaultChecked={values.confirmPlausible === "on"}
        />
      ) : null}
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
  volumeUnit: errorOf(state, "volumeUnit"),
  confirmPlausible: errorOf(state, "confirmPlausible"),
});
const LINE_LABELS = {
  invoiceNumber: "Numéro de facture",
  deliveryDate: "Date de livraison",
  product: "Type de carburant",
  volume: "Volume de carburant",
  volumeUnit: "Unité de la facture",
  confirmPlausible: "Volume inhabituel",
  billedFullTariff: "Tarif de la facture",
  invoice: "Copie de la facture",
};

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
        <h3 id="ajouter-ligne" className="text-lg font-semibold">
          Ajouter une ligne (une par facture et par carburant)
        </h3>
        <FormFeedback state={state} labels={LINE_LABELS} />
        <input type="hidden" name="requestId" value={requestId} />
        <LineFields
          key={state?.ok ? `ok-${state.data.lineId}` : "saisie"}
          context={context}
          totalCents={totalCents}
          formRef={formRef}
          values={{
            invoiceNumber: valueOf(state, "invoiceNumber"),
            deliveryDate: valueOf(state, "deliveryDate"),
            product,
            volume: valueOf(state, "volume"),
            billedFullTariff: valueOf(state, "billedFullTariff"),
            volumeUnit: state?.ok ? (state.data.volumeUnit ?? "") : valueOf(state, "volumeUnit"),
            confirmPlausible: state?.ok ? "" : valueOf(state, "confirmPlausible"),
          }}
          errors={lineErrors(state)}
        />
        <Field
          name="invoice"
          type="file"
          optional
          label="Copie de la facture"
          hint={`${ATTACHMENT_HINT} Elle peut aussi être jointe plus tard, avant la transmission.`}
          accept={ATTACHMENT_ACCEPT}
          error={errorOf(state, "invoice")}
        />
        <div className="flex flex-wrap gap-3">
          <SubmitButton>Valider et fermer</SubmitButton>
          <button
            type="submit"
            name="then"
            value="next"
            className="rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-blue-50"
          >
            Valider et ajouter une nouvelle ligne
          </button>
        </div>
      </form>
    </FieldScope>
  );
}

/** A line corrected in place: same fields, same checks. */
export function EditLineForm({
  lineId,
  context,
  totalCents,
  values,
}: {
  lineId: number;
  context: LineContext;
  totalCents: number;
  values: LineValues;
}) {
  const [state, action] = useActionState(updateLineAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const current = state
    ? {
        invoiceNumber: valueOf(state, "invoiceNumber"),
        deliveryDate: valueOf(state, "deliveryDate"),
        product: valueOf(state, "product"),
        volume: valueOf(state, "volume"),
        billedFullTariff: valueOf(state, "billedFullTariff"),
        volumeUnit: valueOf(state, "volumeUnit"),
        confirmPlausible: valueOf(state, "confirmPlausible"),
      }
    : values;
  return (
    <FieldScope value="ligne">
      <form ref={formRef} action={action} noValidate aria-labelledby="modifier-ligne">
        <h2 id="modifier-ligne" className="text-xl font-bold">
          Modifier la ligne
        </h2>
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
        <Field
          name="invoice"
          type="file"
          label={`Fichier de la facture ${invoiceNumber}`}
          accept={ATTACHMENT_ACCEPT}
          error={errorOf(state, "invoice")}
          className="mb-2 text-sm"
        />
        <SubmitButton secondary accessibleLabel={`${replace ? "Remplacer" : "Joindre"} la facture ${invoiceNumber}`}>
          {replace ? "Remplacer" : "Joindre"}
        </SubmitButton>
      </form>
    </FieldScope>
  );
  if (!replace) return form;
  // A joined invoice keeps its row calm: the file link, and « Remplacer » folded until asked for
  // (open again after a refusal, so that its message is seen).
  return (
    <details className="mt-1 text-sm" open={state && !state.ok ? true : undefined}>
      <summary
        className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand underline"
        aria-label={`Remplacer la facture ${invoiceNumber}…`}
      >
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
        <Field
          name="file"
          type="file"
          label="Fichier CSV des lignes"
          hint="Séparateur « ; », encodage UTF-8, 500 lignes et 1 Mo au plus ; 10 imports au plus par demande."
          accept=".csv,text/csv"
          error={errorOf(state, "file")}
        />
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
