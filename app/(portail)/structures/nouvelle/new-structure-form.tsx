"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { prepareStructureAction } from "../actions";

export function NewStructureForm({ siret }: { siret: string }) {
  const [state, action] = useActionState(prepareStructureAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={{ siret: "N° de SIRET", rcs: "Numéro RCS" }} />
      <Field
        name="siret"
        label="N° de SIRET"
        inputMode="numeric"
        hint="14 chiffres, espaces permis."
        defaultValue={valueOf(state, "siret", siret)}
        error={errorOf(state, "siret")}
      />
      <Field
        name="rcs"
        label="Numéro RCS"
        optional
        hint="Par exemple : RCS Toulouse B 123 456 789."
        defaultValue={valueOf(state, "rcs")}
        error={errorOf(state, "rcs")}
      />
      <SubmitButton>Continuer</SubmitButton>
    </form>
  );
}
