"use client";

import { useActionState } from "react";
import { Checkbox, Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { askMandateAction, giveMandateAction } from "../actions";

export const MANDATE_RIGHTS = [
  { value: "consultation", label: "Consultation : voir les demandes et télécharger leurs documents" },
  { value: "modification", label: "Modification : créer et compléter les demandes (comprend la consultation)" },
] as const;

/**
 * « Donner un mandat » (the farm names the mandated structure) or « Demander un mandat » (the
 * mandated structure names the farm): the same fields, the other side's SIRET.
 */
export function MandateForm({ direction, structureId, today }: { direction: "give" | "ask"; structureId: number; today: string }) {
  const [state, action] = useActionState(direction === "give" ? giveMandateAction : askMandateAction, null);
  const siretName = direction === "give" ? "agentSiret" : "farmSiret";
  const siretLabel = direction === "give" ? "N° de SIRET de la structure mandatée" : "N° de SIRET de l'exploitation";
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback
        state={state}
        labels={{ [siretName]: siretLabel, rights: "Droits accordés", canTransmit: "Transmission", endDate: "Date de fin" }}
      />
      <input type="hidden" name={direction === "give" ? "farmStructureId" : "agentStructureId"} value={structureId} />
      <Field
        name={siretName}
        label={siretLabel}
        hint={
          direction === "give"
            ? "Votre centre de gestion ou votre expert-comptable : sa structure doit exister sur le portail. 14 chiffres."
            : "L'exploitation doit exister sur le portail. 14 chiffres."
        }
        inputMode="numeric"
        autoComplete="off"
        defaultValue={valueOf(state, siretName)}
        error={errorOf(state, siretName)}
        className="max-w-sm"
      />
      <RadioGroup
        name="rights"
        legend="Droits accordés"
        options={MANDATE_RIGHTS}
        defaultValue={valueOf(state, "rights", "modification")}
        error={errorOf(state, "rights")}
      />
      <Checkbox
        name="canTransmit"
        label="Transmission des demandes à l'administration"
        hint="Sans elle, la structure mandatée prépare les demandes et le gestionnaire principal de l'exploitation les transmet."
        defaultChecked={state ? valueOf(state, "canTransmit") === "on" : true}
        error={errorOf(state, "canTransmit")}
      />
      <Field
        name="endDate"
        type="date"
        label="Date de fin"
        optional
        hint="Dernier jour du mandat. Laissez vide pour un mandat sans date de fin : chaque côté peut y mettre fin à tout moment."
        min={today}
        defaultValue={valueOf(state, "endDate")}
        error={errorOf(state, "endDate")}
        className="max-w-60"
      />
      <SubmitButton>{direction === "give" ? "Donner le mandat" : "Demander le mandat"}</SubmitButton>
    </form>
  );
}
