"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { completeRecoveryAction } from "../actions";

export function RecoveryForm({ token, question }: { token: string; question: string }) {
  const [state, action] = useActionState(completeRecoveryAction, null);
  const spent = state && !state.ok && state.formError !== undefined;
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback
        state={state}
        labels={{ secretAnswer: "Réponse", password: "Nouveau mot de passe", passwordConfirmation: "Confirmation du mot de passe" }}
      />
      {spent ? (
        <p className="mb-6">
          <Link href="/mot-de-passe-oublie">Demander un nouveau lien de réinitialisation</Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <p className="mb-1 font-semibold">Votre question secrète</p>
      <p className="mb-4">{question}</p>
      <Field name="secretAnswer" label="Réponse" autoComplete="off" error={errorOf(state, "secretAnswer")} />
      <NewPasswordFields state={state} label="Nouveau mot de passe" />
      <SubmitButton>Valider</SubmitButton>
    </form>
  );
}
