"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { signInAction } from "./actions";

export function SignInForm({ next, loginEmail }: { next?: string; loginEmail?: string }) {
  const [state, action] = useActionState(signInAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={{ loginEmail: "Adresse électronique de connexion", password: "Mot de passe" }} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field
        name="loginEmail"
        type="email"
        autoComplete="username"
        label="Adresse électronique de connexion"
        defaultValue={valueOf(state, "loginEmail", loginEmail)}
        error={errorOf(state, "loginEmail")}
      />
      <Field name="password" type="password" autoComplete="current-password" label="Mot de passe" error={errorOf(state, "password")} />
      <SubmitButton>Se connecter</SubmitButton>
    </form>
  );
}
