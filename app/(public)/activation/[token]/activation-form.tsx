"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { SecretQuestionFields } from "@/app/_components/secret-question-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { activateAction } from "../actions";

const LABELS = {
  password: "Mot de passe",
  passwordConfirmation: "Confirmation du mot de passe",
  secretQuestion: "Question secrète",
  customQuestion: "Votre question",
  secretAnswer: "Réponse à la question secrète",
};

export function ActivationForm({ token }: { token: string }) {
  const [state, action] = useActionState(activateAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={LABELS} />
      <input type="hidden" name="token" value={token} />
      <fieldset className="mb-4">
        <legend className="mb-3 text-xl font-bold">Votre mot de passe</legend>
        <NewPasswordFields state={state} />
      </fieldset>
      <fieldset className="mb-4">
        <legend className="mb-3 text-xl font-bold">Votre question secrète</legend>
        <SecretQuestionFields state={state} />
      </fieldset>
      <SubmitButton>Valider</SubmitButton>
    </form>
  );
}
