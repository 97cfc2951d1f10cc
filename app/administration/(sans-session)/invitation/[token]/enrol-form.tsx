"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { PASSWORD_RULE_TEXT } from "@/lib/accounts/password-policy";
import { enrolAction } from "./actions";

type Invitation = { email: string; firstName: string; lastName: string; secret: string; qrSvg: string };

export function Enrolment({ token, invitation }: { token: string; invitation: Invitation | null }) {
  const [state, action] = useActionState(enrolAction, null);
  const done = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state?.ok) done.current?.focus();
  }, [state]);
  if (state?.ok) {
    return (
      <section aria-labelledby="codes-secours" className="max-w-3xl rounded border-l-4 border-success bg-green-50 p-4">
        <h1 id="codes-secours" ref={done} tabIndex={-1} className="text-2xl font-bold text-slate-900">
          Votre accès est activé : notez vos codes de secours
        </h1>
        <p className="mt-2">
          Chacun sert une fois, à la place du code de votre application si vous perdez votre téléphone. Ils ne seront plus jamais affichés :
          imprimez-les ou gardez-les dans un coffre-fort de mots de passe.
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
  if (!invitation) {
    return (
      <div className="max-w-xl">
        <h1 className="text-3xl font-bold text-slate-900">Lien d&apos;invitation non valable</h1>
        <p className="mt-4">
          Ce lien a déjà servi ou a expiré (il est valable 24 heures). Demandez une nouvelle invitation à un administrateur.
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-slate-900">Activer votre accès d&apos;agent</h1>
      <p className="mt-2">
        {`${invitation.firstName} ${invitation.lastName}`} ({invitation.email}) : choisissez votre mot de passe et enregistrez votre second
        facteur.
      </p>
      <section aria-labelledby="second-facteur" className="mt-8 rounded border border-gray-400 bg-white p-4">
        <h2 id="second-facteur" className="text-xl font-bold">
          1. Votre application d&apos;authentification
        </h2>
        <p className="mt-2">
          Dans votre application (FreeOTP, Google Authenticator, Microsoft Authenticator…), ajoutez un compte en scannant ce code QR, ou
          saisissez la clé à la main.
        </p>
        <div className="mt-4 flex flex-wrap items-start gap-6">
          <div
            role="img"
            aria-label="Code QR de la clé de votre second facteur"
            className="h-48 w-48 bg-white"
            dangerouslySetInnerHTML={{ __html: invitation.qrSvg }}
          />
          <div>
            <p className="font-semibold">Clé à saisir à la main</p>
            <p className="mt-1 font-mono text-lg break-all" data-testid="totp-secret">
              {invitation.secret}
            </p>
            <p className="mt-2 text-sm text-gray-700">Type : basé sur le temps (TOTP), 6 chiffres, 30 secondes.</p>
          </div>
        </div>
      </section>
      <form action={action} noValidate className="mt-8">
        <h2 className="mb-4 text-xl font-bold">2. Votre mot de passe et le premier code</h2>
        <FormFeedback
          state={state}
          labels={{ password: "Mot de passe", passwordConfirm: "Confirmation du mot de passe", code: "Code affiché par l'application" }}
        />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={invitation.email} autoComplete="username" />
        <Field
          name="password"
          type="password"
          autoComplete="new-password"
          label="Mot de passe"
          hint={PASSWORD_RULE_TEXT}
          error={errorOf(state, "password")}
        />
        <Field
          name="passwordConfirm"
          type="password"
          autoComplete="new-password"
          label="Confirmation du mot de passe"
          error={errorOf(state, "passwordConfirm")}
        />
        <Field
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          label="Code affiché par l'application"
          hint="6 chiffres, par exemple 123456."
          error={errorOf(state, "code")}
        />
        <SubmitButton>Activer mon accès</SubmitButton>
      </form>
    </div>
  );
}
