"use client";

import { useActionState } from "react";
import { Checkbox } from "@/app/_components/field";
import { FormFeedback } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { createStructureAction } from "../../actions";

type Props = { siret: string; rcs: string | null; seal: string; suggestManagementCentre: boolean };

export function CreateStructureForm({ siret, rcs, seal, suggestManagementCentre }: Props) {
  const [state, action] = useActionState(createStructureAction, null);
  return (
    <form action={action} className="mt-6">
      <FormFeedback state={state} />
      <input type="hidden" name="siret" value={siret} />
      {rcs ? <input type="hidden" name="rcs" value={rcs} /> : null}
      {/* The directory's answer shown above, sealed by the server (checked again there). */}
      <input type="hidden" name="seal" value={seal} />
      {/* A new structure can only be « actif »: said, not offered as a one-option list. */}
      <input type="hidden" name="status" value="actif" />
      <p className="mb-4">
        Statut : <strong>actif</strong>
      </p>
      <Checkbox
        name="isManagementCentre"
        label="La structure est un centre de gestion agricole"
        defaultChecked={suggestManagementCentre}
        hint={
          suggestManagementCentre
            ? "Case pré-cochée : le code NAF 69.20Z (activités comptables) est celui des centres de gestion. Un centre de gestion ne peut pas ouvrir l'espace « Demande de remboursement TIC »."
            : "Un centre de gestion ne peut pas ouvrir l'espace « Demande de remboursement TIC »."
        }
      />
      <p className="mb-4">En validant, vous devenez le gestionnaire principal de cette structure.</p>
      <SubmitButton>Enregistrer et Valider</SubmitButton>
    </form>
  );
}
