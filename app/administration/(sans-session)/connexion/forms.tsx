"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { agentCodeAction, agentPasswordAction } from "./actions";

export function AgentPasswordForm() {
  const [state, action] = useActionState(agentPasswordAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={{ email: "Adresse électronique", password: "Mot de passe" }} />
      <Field
        name="email"
        type="email"
        autoComplete="username"
        label="Adresse électronique"
        defaultValue={valueOf(state, "email")}
        error={errorOf(state, "email")}
      />
      <Field name="password" type="password" autoComplete="current-password" label="Mot de passe" error={errorOf(state, "password")} />
      <SubmitButton>Continuer</SubmitButton>
    </form>
  );
}

export function AgentCodeForm() {
  const [state, action] = useActionState(agentCodeAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={{ code: "Code" }} />
      <Field
        name="code"
        inputMode="text"
        autoComplete="one-time-code"
        label="Code"
        hint="Les 6 chiffres affichés par votre application d'authentification, ou l'un de vos codes de secours (par exemple ABCDE-FGHJK)."
        error={errorOf(state, "code")}
      />
      <SubmitButton>Se connecter</SubmitButton>
    </form>
  );
}
