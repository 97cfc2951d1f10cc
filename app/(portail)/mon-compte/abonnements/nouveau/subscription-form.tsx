"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Checkbox, Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { Select } from "@/app/_components/select";
import { SubmitButton } from "@/app/_components/submit-button";
import { requestSubscriptionAction } from "../actions";

type Option = { value: string; label: string };

export function SubscriptionForm({
  structures,
  spaces,
  today,
}: {
  structures: Option[];
  spaces: (Option & { structureId: string })[];
  today: string;
}) {
  const [state, action] = useActionState(requestSubscriptionAction, null);
  if (state?.ok) {
    return (
      <div className="mt-6">
        <FormFeedback state={state} />
        <p>
          Suivez votre demande dans <Link href="/mon-compte#abonnements">Mes abonnements aux espaces</Link> ou sur{" "}
          <Link href="/accueil">l&apos;accueil</Link>.
        </p>
      </div>
    );
  }
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback
        state={state}
        labels={{ structureId: "Désignation", spaceId: "Espace", canView: "Droits", canEdit: "Modification", startDate: "Date de début" }}
      />
      <Select
        name="structureId"
        label="Désignation"
        options={structures}
        defaultValue={valueOf(state, "structureId", structures[0]?.value)}
        error={errorOf(state, "structureId")}
      />
      <Select
        name="spaceId"
        label="Espace"
        options={spaces}
        defaultValue={valueOf(state, "spaceId", spaces[0]?.value)}
        error={errorOf(state, "spaceId")}
      />
      <fieldset className="mb-5">
        <legend className="font-semibold">Droits demandés</legend>
        {errorOf(state, "canView") ? <p className="text-sm font-semibold text-error">{errorOf(state, "canView")}</p> : null}
        <Checkbox name="canView" label="Consultation" defaultChecked={state ? valueOf(state, "canView") === "on" : true} />
        <Checkbox
          name="canEdit"
          label="Modification"
          hint="Pour créer et transmettre des demandes de remboursement."
          error={errorOf(state, "canEdit")}
          defaultChecked={state ? valueOf(state, "canEdit") === "on" : false}
        />
      </fieldset>
      <Field
        name="startDate"
        type="date"
        label="Date de début"
        hint="Aujourd'hui ou plus tard."
        min={today}
        defaultValue={valueOf(state, "startDate", today)}
        error={errorOf(state, "startDate")}
        className="max-w-60"
      />
      <SubmitButton>Valider</SubmitButton>
    </form>
  );
}
