"use client";

import { useActionState } from "react";
import { FieldScope, TextArea } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { SubmitButton } from "@/app/_components/submit-button";
import { contestDecisionAction, reviewAction, supportAction } from "./operator-actions";

const DECISIONS = [
  { value: "keep", label: "Maintenir : le gestionnaire principal reste inchangé" },
  { value: "transfer", label: "Transférer : la personne qui conteste devient gestionnaire principal (nouvelle vérification par courrier)" },
  { value: "suspend", label: "Suspendre la structure" },
];

export function ContestDecisionForm({ contestId }: { contestId: number }) {
  const [state, action] = useActionState(contestDecisionAction, null);
  return (
    <FieldScope.Provider value={`contestation-${contestId}`}>
      <form action={action} noValidate className="mt-4">
        <FormFeedback state={state} labels={{ decision: "Décision", motif: "Motif de la décision" }} />
        <input type="hidden" name="contestId" value={contestId} />
        <RadioGroup
          name="decision"
          legend="Décision"
          options={DECISIONS}
          defaultValue={valueOf(state, "decision") || undefined}
          error={errorOf(state, "decision")}
        />
        <TextArea
          name="motif"
          label="Motif de la décision"
          hint="Envoyé aux deux personnes avec la décision."
          rows={2}
          defaultValue={valueOf(state, "motif")}
          error={errorOf(state, "motif")}
        />
        <SubmitButton>Décider</SubmitButton>
      </form>
    </FieldScope.Provider>
  );
}

const DOCUMENTS = [
  { value: "kbis", label: "Extrait Kbis" },
  { value: "statuts", label: "Statuts" },
  { value: "identite", label: "Pièce d'identité du représentant" },
];

export function ReviewForm({ structureId }: { structureId: number }) {
  const [state, action] = useActionState(reviewAction, null);
  return (
    <form action={action} noValidate className="mt-4">
      <FormFeedback state={state} labels={{ document: "Pièce examinée", motif: "Ce que la pièce établit" }} />
      <input type="hidden" name="structureId" value={structureId} />
      <RadioGroup
        name="document"
        legend="Pièce examinée"
        options={DOCUMENTS}
        defaultValue={valueOf(state, "document") || undefined}
        error={errorOf(state, "document")}
      />
      <TextArea
        name="motif"
        label="Ce que la pièce établit"
        hint="Par exemple : Kbis du 02/12/2026, gérant M. Dupont, identique au gestionnaire principal."
        rows={2}
        defaultValue={valueOf(state, "motif")}
        error={errorOf(state, "motif")}
      />
      <SubmitButton>Vérifier la structure</SubmitButton>
    </form>
  );
}

const SUPPORT_ACTIONS = {
  "resend-activation": "Renvoyer le lien d'activation",
  unblock: "Débloquer",
  disable: "Désactiver le compte",
} as const;

export function SupportActionForm({ userId, action: kind }: { userId: number; action: keyof typeof SUPPORT_ACTIONS }) {
  const [state, action] = useActionState(supportAction, null);
  return (
    <FieldScope.Provider value={`assistance-${kind}`}>
      <form action={action} noValidate className="mt-4 rounded border border-gray-400 bg-white p-4">
        <FormFeedback state={state} labels={{ motif: "Motif" }} />
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="action" value={kind} />
        <TextArea
          name="motif"
          label={`Motif : ${SUPPORT_ACTIONS[kind]}`}
          rows={2}
          defaultValue={valueOf(state, "motif")}
          error={errorOf(state, "motif")}
        />
        <SubmitButton secondary={kind !== "disable"}>{SUPPORT_ACTIONS[kind]}</SubmitButton>
      </form>
    </FieldScope.Provider>
  );
}
