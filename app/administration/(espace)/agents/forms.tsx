"use client";

import { useActionState } from "react";
import { Checkbox, Field, TextArea } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { deactivateAgentAction, inviteAgentAction, resendInvitationAction, updateAgentAction } from "./actions";

const ROLES = [
  { value: "administrator", label: "Administrateur (invite les agents, donne rôles et départements)" },
  { value: "instructor", label: "Instructeur (instruit les demandes)" },
  { value: "payer", label: "Payeur (ordres de paiement)" },
  { value: "operator", label: "Opérateur (courriers, contestations, vérification, assistance)" },
];
const DEPARTEMENTS_HINT = "Numéros séparés par des virgules, par exemple : 12, 81, 2A, 971. Vide pour un administrateur seulement.";

function RoleBoxes({ checked, error }: { checked: string[]; error?: string }) {
  return (
    <fieldset id="champ-roles" className="mb-5" aria-describedby={error ? "champ-roles-erreur" : undefined}>
      <legend className="font-semibold">Rôles</legend>
      {error ? (
        <p id="champ-roles-erreur" className="mt-1 text-sm font-semibold text-error">
          <span aria-hidden="true">✕ </span>
          {error}
        </p>
      ) : null}
      <div className="mt-2">
        {ROLES.map((role) => (
          <Checkbox key={role.value} name="roles" value={role.value} label={role.label} defaultChecked={checked.includes(role.value)} />
        ))}
      </div>
    </fieldset>
  );
}

export function InviteAgentForm() {
  const [state, action] = useActionState(inviteAgentAction, null);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl">
      <FormFeedback
        state={state}
        labels={{ email: "Adresse électronique", lastName: "Nom", firstName: "Prénom", roles: "Rôles", departements: "Départements" }}
      />
      <Field
        name="email"
        type="email"
        label="Adresse électronique"
        defaultValue={valueOf(state, "email")}
        error={errorOf(state, "email")}
      />
      <Field name="lastName" label="Nom" autoComplete="off" defaultValue={valueOf(state, "lastName")} error={errorOf(state, "lastName")} />
      <Field
        name="firstName"
        label="Prénom"
        autoComplete="off"
        defaultValue={valueOf(state, "firstName")}
        error={errorOf(state, "firstName")}
      />
      <RoleBoxes checked={values?.roles ? [values.roles] : []} error={errorOf(state, "roles")} />
      <Field
        name="departements"
        label="Départements"
        optional
        hint={DEPARTEMENTS_HINT}
        defaultValue={valueOf(state, "departements")}
        error={errorOf(state, "departements")}
      />
      <SubmitButton>Inviter l&apos;agent</SubmitButton>
    </form>
  );
}

export function UpdateAgentForm({ agentId, roles, departements }: { agentId: number; roles: string[]; departements: string[] }) {
  const [state, action] = useActionState(updateAgentAction, null);
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl">
      <FormFeedback state={state} labels={{ roles: "Rôles", departements: "Départements" }} />
      <input type="hidden" name="agentId" value={agentId} />
      <RoleBoxes checked={roles} error={errorOf(state, "roles")} />
      <Field
        name="departements"
        label="Départements"
        optional
        hint={DEPARTEMENTS_HINT}
        defaultValue={valueOf(state, "departements", departements.join(", "))}
        error={errorOf(state, "departements")}
      />
      <SubmitButton>Enregistrer les rôles et départements</SubmitButton>
    </form>
  );
}

export function DeactivateAgentForm({ agentId }: { agentId: number }) {
  const [state, action] = useActionState(deactivateAgentAction, null);
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl">
      <FormFeedback state={state} labels={{ motif: "Motif" }} />
      <input type="hidden" name="agentId" value={agentId} />
      <TextArea name="motif" label="Motif" rows={2} defaultValue={valueOf(state, "motif")} error={errorOf(state, "motif")} />
      <button type="submit" className="rounded bg-error px-5 py-2.5 font-semibold text-white">
        Désactiver l&apos;agent
      </button>
    </form>
  );
}

export function ResendInvitationForm({ agentId }: { agentId: number }) {
  const [state, action] = useActionState(resendInvitationAction, null);
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl">
      <FormFeedback state={state} />
      <input type="hidden" name="agentId" value={agentId} />
      <SubmitButton>Renvoyer l&apos;invitation</SubmitButton>
    </form>
  );
}
