"use client";

import { useActionState } from "react";
import { Checkbox, Field, FieldScope, TextArea } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { acceptAction, complementAction, rejectAction, takeChargeAction } from "./actions";

export function TakeChargeForm({ requestId, takeOver }: { requestId: number; takeOver: boolean }) {
  const [state, action] = useActionState(takeChargeAction, null);
  return (
    <FieldScope.Provider value="prise-en-charge">
      <form action={action} noValidate className="mt-4">
        <FormFeedback state={state} />
        <input type="hidden" name="requestId" value={requestId} />
        <SubmitButton secondary={takeOver}>{takeOver ? "Reprendre la demande" : "Prendre en charge"}</SubmitButton>
      </form>
    </FieldScope.Provider>
  );
}

export type LineChoice = { id: number; label: string; volume: string; unit: string };

export function ComplementForm({ requestId, lines }: { requestId: number; lines: LineChoice[] }) {
  const [state, action] = useActionState(complementAction, null);
  return (
    <FieldScope.Provider value="complement">
      <form action={action} noValidate className="mt-4">
        <FormFeedback state={state} labels={{ body: "Message à l'exploitation", lineIds: "Lignes concernées" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <TextArea
          name="body"
          label="Message à l'exploitation"
          hint="Ce qui manque ou doit être corrigé. Envoyé par courriel et affiché en haut de la demande, au nom du service."
          rows={4}
          defaultValue={valueOf(state, "body")}
          error={errorOf(state, "body")}
        />
        {lines.length > 0 ? (
          <fieldset className="mb-5">
            <legend className="font-semibold">Lignes concernées (facultatif)</legend>
            {lines.map((line) => (
              <Checkbox key={line.id} name="lineIds" value={String(line.id)} label={line.label} required={false} />
            ))}
          </fieldset>
        ) : null}
        <SubmitButton>Demander un complément</SubmitButton>
      </form>
    </FieldScope.Provider>
  );
}

export function AcceptForm({ requestId, lines }: { requestId: number; lines: LineChoice[] }) {
  const [state, action] = useActionState(acceptAction, null);
  const labels = Object.fromEntries(
    lines.flatMap((line) => [
      [`volume-${line.id}`, `Volume accordé, ${line.label}`],
      [`motif-${line.id}`, `Motif de la réduction, ${line.label}`],
    ]),
  );
  return (
    <FieldScope.Provider value="accepter">
      <form action={action} noValidate className="mt-4">
        <FormFeedback state={state} labels={{ mode: "Décision", ...labels }} />
        <input type="hidden" name="requestId" value={requestId} />
        <RadioGroup
          name="mode"
          legend="Accepter"
          options={[
            { value: "whole", label: "Toute la demande, telle que transmise" },
            { value: "lines", label: "Ligne par ligne, avec les volumes accordés ci-dessous" },
          ]}
          defaultValue={valueOf(state, "mode") || "whole"}
          error={errorOf(state, "mode")}
        />
        <fieldset className="mb-5">
          <legend className="font-semibold">Volumes accordés (pour « Ligne par ligne »)</legend>
          <p className="text-sm text-gray-700">Une ligne réduite demande un motif, envoyé à l&apos;exploitation ; 0 refuse la ligne.</p>
          {lines.map((line) => (
            <div key={line.id} className="mt-3 grid gap-x-4 md:grid-cols-2">
              <Field
                name={`volume-${line.id}`}
                label={`Volume accordé (${line.unit}), ${line.label}`}
                inputMode="decimal"
                defaultValue={valueOf(state, `volume-${line.id}`, line.volume)}
                error={errorOf(state, `volume-${line.id}`)}
                required={false}
                autoComplete="off"
              />
              <Field
                name={`motif-${line.id}`}
                label={`Motif de la réduction, ${line.label}`}
                defaultValue={valueOf(state, `motif-${line.id}`)}
                error={errorOf(state, `motif-${line.id}`)}
                optional
                maxLength={500}
                autoComplete="off"
              />
            </div>
          ))}
        </fieldset>
        <SubmitButton>Accepter</SubmitButton>
      </form>
    </FieldScope.Provider>
  );
}

const REASONS = [
  { value: "late", label: "Hors délai" },
  { value: "ineligible", label: "Non éligible" },
  { value: "missing_documents", label: "Pièces manquantes après relance" },
  { value: "other", label: "Autre motif" },
];

export function RejectForm({ requestId }: { requestId: number }) {
  const [state, action] = useActionState(rejectAction, null);
  return (
    <FieldScope.Provider value="rejeter">
      <form action={action} noValidate className="mt-4">
        <FormFeedback state={state} labels={{ reason: "Motif du rejet", text: "Explication" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <RadioGroup
          name="reason"
          legend="Motif du rejet"
          options={REASONS}
          defaultValue={valueOf(state, "reason") || undefined}
          error={errorOf(state, "reason")}
        />
        <TextArea
          name="text"
          label="Explication"
          hint="Envoyée à l'exploitation avec le motif."
          rows={3}
          defaultValue={valueOf(state, "text")}
          error={errorOf(state, "text")}
        />
        <SubmitButton secondary>Rejeter la demande</SubmitButton>
      </form>
    </FieldScope.Provider>
  );
}
