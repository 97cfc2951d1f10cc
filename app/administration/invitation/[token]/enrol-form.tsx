"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { PASSWORD_RULE_TEXT } from "@/lib/accounts/password-policy";
import { enrolAction } from "./actions";

export function EnrolForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(enrolAction, null);
  const done = useRef<HTMLElement>(null);
  useEffect(() => {
    if (state?.ok) done.current?.focus();
  }, [state]);
  if (state?.ok) {
    return (
      <section ref={done} tabIndex={-1} aria-labelledby="codes-secours" className="mt-8 rounded border-l-4 border-success bg-green-50 p-4">
        <h2 id="codes-secours" className="text-xl font-bold">
          Votre accès est activé : notez vos codes de secours
        </h2>
        <p className="mt-2">
          Chacun sert une fois, à la place du code de votre application si vous perdez votre téléphone. Ils ne seront plus jamais affichés : imprimez-les ou gardez-les dans un coffre-fort de mots de passe.
        </p>
        <ul className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg sm:grid-cols-5" aria-label="Codes de secours">
          {state.data.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <p className="mt-6">
          <Link href="/administration/connexion" className="font-semibold">
            Se connecter
          </Link>
        </p>
      </section>
    );
  }
  return (
    <form action={action} noValidate className="mt-8">
      <h2 className="mb-4 text-xl font-bold">2. Votre mot de passe et le premier code</h2>
      <FormFeedback state={state} labels={{ password: "Mot de passe", passwordConfirm: "Confirmation du mot de passe", code: "Code affiché par l'application" }} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <Field name="password" type="password" autoComplete="new-password" label="Mot de passe" hint={PASSWORD_RULE_TEXT} error={errorOf(state, "password")} />
      <Field name="passwordConfirm" type="password" autoComplete="new-password" label="Confirmation du mot de passe" error={errorOf(state, "passwordConfirm")} />
      <Field name="code" inputMode="numeric" autoComplete="one-time-code" label="Code affiché par l'application" hint="6 chiffres, par exemple 123456." error={errorOf(state, "code")} />
      <SubmitButton>Activer mon accès</SubmitButton>
    </form>
  );
}
