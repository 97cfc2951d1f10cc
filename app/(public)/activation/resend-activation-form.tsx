"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { resendActivationAction } from "./actions";

export function ResendActivationForm({ loginEmail }: { loginEmail?: string | null }) {
  const [state, action] = useActionState(resendActivationAction, null);
  return (
    <form action={action} noValidate className="mt-4">
      <FormFeedback state={state} />
      <Field
        name="loginEmail"
        type="email"
        autoComplete="email"
        label="Adresse électronique de connexion"
        defaultValue={valueOf(state, "loginEmail", loginEmail ?? "")}
        error={errorOf(state, "loginEmail")}
      />
      <SubmitButton>Renvoyer le lien d&apos;activation</SubmitButton>
    </form>
  );
}
