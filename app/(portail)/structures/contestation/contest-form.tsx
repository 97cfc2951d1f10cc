"use client";

import { useActionState } from "react";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextArea } from "@/app/_components/field";
import { contestAction } from "../actions";

/** « Contester la gestion »: the motif goes to the operators; the manager is told that a contest exists. */
export function ContestForm({ structureId }: { structureId: number }) {
  const [state, action] = useActionState(contestAction, null);
  if (state?.ok) return <FormFeedback state={state} />;
  return (
    <form action={action} noValidate className="mt-6" aria-label="Contester la gestion">
      <FormFeedback state={state} labels={{ motif: "Motif" }} />
      <input type="hidden" name="structureId" value={structureId} />
      <TextArea
        name="motif"
        label="Motif"
        hint="Votre lien avec l'entreprise (gérant, associé, exploitant…) et pourquoi ce gestionnaire n'a pas à la gérer. 2 000 caractères au plus. Nos services pourront vous demander un justificatif."
        rows={6}
        defaultValue={valueOf(state, "motif")}
        error={errorOf(state, "motif")}
      />
      <SubmitButton>Envoyer la contestation</SubmitButton>
    </form>
  );
}
