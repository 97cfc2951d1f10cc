"use client";

import { useActionState } from "react";
import { Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { SecretQuestionFields } from "@/app/_components/secret-question-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { RadioGroup } from "@/app/_components/radio-group";
import { changePasswordAction, changeSecretQuestionAction, setDailyDigestAction, updateProfileAction } from "./actions";

type Profile = { contactEmail: string; lastName: string; firstName: string; phone: string | null };

export function ProfileForm({ profile }: { profile: Profile }) {
  const [state, action] = useActionState(updateProfileAction, null);
  const value = (name: keyof Profile) => valueOf(state, name, profile[name] ?? "");
  return (
    <FieldScope value="profil">
      <form action={action} noValidate aria-labelledby="titre-informations">
        <FormFeedback
          state={state}
          labels={{ contactEmail: "Adresse électronique de contact", lastName: "Nom", firstName: "Prénom", phone: "Téléphone" }}
        />
        <Field
          name="contactEmail"
          type="email"
          autoComplete="email"
          label="Adresse électronique de contact"
          hint="Elle reçoit les notifications du portail."
          defaultValue={value("contactEmail")}
          error={errorOf(state, "contactEmail")}
        />
        <Field name="lastName" autoComplete="family-name" label="Nom" defaultValue={value("lastName")} error={errorOf(state, "lastName")} />
        <Field
          name="firstName"
          autoComplete="given-name"
          label="Prénom"
          defaultValue={value("firstName")}
          error={errorOf(state, "firstName")}
        />
        <Field
          name="phone"
          type="tel"
          autoComplete="tel"
          optional
          label="Téléphone"
          defaultValue={value("phone")}
          error={errorOf(state, "phone")}
        />
        <SubmitButton>Enregistrer mes informations</SubmitButton>
      </form>
    </FieldScope>
  );
}

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, null);
  return (
    <FieldScope value="mot-de-passe">
      <form action={action} noValidate aria-labelledby="titre-mot-de-passe">
        <FormFeedback
          state={state}
          labels={{
            currentPassword: "Mot de passe actuel",
            password: "Nouveau mot de passe",
            passwordConfirmation: "Confirmation du mot de passe",
          }}
        />
        <Field
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label="Mot de passe actuel"
          error={errorOf(state, "currentPassword")}
        />
        <NewPasswordFields state={state} label="Nouveau mot de passe" />
        <SubmitButton>Modifier mon mot de passe</SubmitButton>
      </form>
    </FieldScope>
  );
}

export function SecretQuestionForm({ current }: { current: string | null }) {
  const [state, action] = useActionState(changeSecretQuestionAction, null);
  return (
    <FieldScope value="question">
      <form action={action} noValidate aria-labelledby="titre-question">
        <FormFeedback
          state={state}
          labels={{
            currentPassword: "Mot de passe actuel",
            secretQuestion: "Question secrète",
            customQuestion: "Votre question",
            secretAnswer: "Réponse",
          }}
        />
        {current ? <p className="mb-4">{`Question actuelle : ${current}`}</p> : null}
        <Field
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          label="Mot de passe actuel"
          error={errorOf(state, "currentPassword")}
        />
        <SecretQuestionFields state={state} />
        <SubmitButton>Modifier ma question secrète</SubmitButton>
      </form>
    </FieldScope>
  );
}

const DIGEST_CHOICES = [
  { value: "non", label: "Un courriel par démarche" },
  { value: "oui", label: "Un récapitulatif par jour, le lendemain matin" },
] as const;

/** « Courriels »: a centre de gestion's member may get one daily digest instead of a mail per step per farm. */
export function DailyDigestForm({ chosen }: { chosen: boolean }) {
  const [state, action] = useActionState(setDailyDigestAction, null);
  return (
    <FieldScope value="courriels">
      <form action={action} noValidate aria-labelledby="titre-courriels">
        <FormFeedback state={state} labels={{ dailyDigest: "Courriels sur les démarches de vos exploitations" }} />
        <RadioGroup
          name="dailyDigest"
          legend="Courriels sur les démarches de vos exploitations"
          hint="Mandats donnés, demandés ou terminés, demandes transmises et leurs changements de statut. Les courriels de sécurité (mot de passe, connexion) partent toujours tout de suite."
          options={DIGEST_CHOICES}
          defaultValue={valueOf(state, "dailyDigest", chosen ? "oui" : "non")}
          error={errorOf(state, "dailyDigest")}
        />
        <SubmitButton>Enregistrer mon choix</SubmitButton>
      </form>
    </FieldScope>
  );
}
