"use client";

import { useActionState } from "react";
import { Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { SecretQuestionFields } from "@/app/_components/secret-question-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { changePasswordAction, changeSecretQuestionAction, updateProfileAction } from "./actions";

type Profile = { contactEmail: string; lastName: string; firstName: string; phone: string | null };

export function ProfileForm({ profile }: { profile: Profile }) {
  const [state, action] = useActionState(updateProfileAction, null);
  const value = (name: keyof Profile) => valueOf(state, name, profile[name] ?? "");
  return (
    <FieldScope value="profil">
    <form action={action} noValidate aria-labelledby="titre-informations">
      <FormFeedback state={state} labels={{ contactEmail: "Adresse électronique de contact", lastName: "Nom", firstName: "Prénom", phone: "Téléphone" }} />
      <Field name="contactEmail" type="email" autoComplete="email" label="Adresse électronique de contact" hint="Elle reçoit les notifications du portail." defaultValue={value("contactEmail")} error={errorOf(state, "contactEmail")} />
      <Field name="lastName" autoComplete="family-name" label="Nom" defaultValue={value("lastName")} error={errorOf(state, "lastName")} />
      <Field name="firstName" autoComplete="given-name" label="Prénom" defaultValue={value("firstName")} error={errorOf(state, "firstName")} />
      <Field name="phone" type="tel" autoComplete="tel" optional label="Téléphone" defaultValue={value("phone")} error={errorOf(state, "phone")} />
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
      <FormFeedback state={state} labels={{ currentPassword: "Mot de passe actuel", password: "Nouveau mot de passe", passwordConfirmation: "Confirmation du mot de passe" }} />
      <Field name="currentPassword" type="password" autoComplete="current-password" label="Mot de passe actuel" error={errorOf(state, "currentPassword")} />
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
      <FormFeedback state={state} labels={{ currentPassword: "Mot de passe actuel", secretQuestion: "Question secrète", customQuestion: "Votre question", secretAnswer: "Réponse" }} />
      {current ? <p className="mb-4">{`Question actuelle : ${current}`}</p> : null}
      <Field name="currentPassword" type="password" autoComplete="current-password" label="Mot de passe actuel" error={errorOf(state, "currentPassword")} />
      <SecretQuestionFields state={state} />
      <SubmitButton>Modifier ma question secrète</SubmitButton>
    </form>
    </FieldScope>
  );
}
