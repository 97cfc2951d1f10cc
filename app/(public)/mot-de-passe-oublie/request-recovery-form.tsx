"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { requestRecoveryAction } from "./actions";

export function RequestRecoveryForm() {
  const [state, action] = useActionState(requestRecoveryAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} />
      <Field
        name="loginEmail"
        type="email"
        autoComplete="username"
        label="Adresse électronique de connexion"
        defaultValue={valueOf(state, "loginEmail")}
        error={errorOf(state, "loginEmail")}
      />
      <SubmitButton>Recevoir un lien de réinitialisation</SubmitButton>
    </form>
  );
}
