"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Checkbox, Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { signUpAction } from "./actions";

const LABELS: Record<string, string> = {
  loginEmail: "Adresse électronique de connexion",
  contactEmail: "Adresse électronique de contact",
  lastName: "Nom",
  firstName: "Prénom",
  phone: "Téléphone",
  siret: "N° de SIRET de l'entreprise",
  addressStreet: "Numéro et voie",
  addressComplement: "Complément d'adresse",
  postalCode: "Code postal",
  city: "Commune",
  acceptTerms: "Conditions générales d'utilisation",
};

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, null);
  const field = (name: string) => ({ name, error: errorOf(state, name), defaultValue: valueOf(state, name) });
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={LABELS} />
      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Vos identifiants</legend>
        <Field
          {...field("loginEmail")}
          type="email"
          autoComplete="email"
          label={LABELS.loginEmail}
          hint="Elle vous servira à vous identifier et recevra le lien d'activation. Format : nom@exemple.fr"
        />
        <Field
          {...field("contactEmail")}
          type="email"
          autoComplete="email"
          optional
          label={LABELS.contactEmail}
          hint="Elle reçoit les notifications. Laissez vide pour utiliser l'adresse de connexion."
        />
      </fieldset>
      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Vous</legend>
        <Field {...field("lastName")} autoComplete="family-name" label={LABELS.lastName} />
        <Field {...field("firstName")} autoComplete="given-name" label={LABELS.firstName} />
        <Field {...field("phone")} type="tel" autoComplete="tel" optional label={LABELS.phone} hint="Format : 01 23 45 67 89" />
      </fieldset>
      <fieldset className="mb-6">
        <legend className="mb-3 text-xl font-bold">Votre entreprise</legend>
        <Field
          {...field("siret")}
          inputMode="numeric"
          label={LABELS.siret}
          hint="14 chiffres, espaces permis. Vous le trouverez sur votre avis de situation au répertoire SIRENE."
        />
        <Field
          {...field("addressStreet")}
          autoComplete="address-line1"
          label={LABELS.addressStreet}
          hint="Exemple : 12 chemin des Vignes"
        />
        <Field
          {...field("addressComplement")}
          autoComplete="address-line2"
          optional
          label={LABELS.addressComplement}
          hint="Lieu-dit, bâtiment…"
        />
        <Field
          {...field("postalCode")}
          autoComplete="postal-code"
          inputMode="numeric"
          label={LABELS.postalCode}
          hint="5 chiffres"
          className="max-w-40"
        />
        <Field {...field("city")} autoComplete="address-level2" label={LABELS.city} />
      </fieldset>
      {/* Honeypot: invisible to people and to assistive technologies; some robots fill it. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor="champ-website">Ne pas remplir ce champ</label>
        <input id="champ-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <Checkbox
        name="acceptTerms"
        error={errorOf(state, "acceptTerms")}
        defaultChecked={valueOf(state, "acceptTerms") === "on"}
        label={
          <>
            J&apos;ai lu et j&apos;accepte les{" "}
            <Link href="/conditions-generales" target="_blank">
              conditions générales d&apos;utilisation (nouvelle fenêtre)
            </Link>
          </>
        }
      />
      <SubmitButton>Finaliser l&apos;inscription</SubmitButton>
    </form>
  );
}
