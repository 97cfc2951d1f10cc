"use client";

import { useActionState } from "react";
import { selectStructureAction } from "@/app/(portail)/structures/actions";
import { FormFeedback } from "./form-feedback";
import { SubmitButton } from "./submit-button";

type Structure = { id: number; name: string };

/**
 * Instead of a page about another structure than the current one: says so, and one button switches
 * to that structure and comes back here (`retour`). Nothing of that structure is shown under the
 * current one's name (after « Précédent », a link from a mail, a second tab).
 */
export function OtherStructurePanel({
  heading,
  structure,
  current,
  retour,
}: {
  heading: string;
  structure: Structure;
  current: Structure;
  retour: string;
}) {
  const [state, action] = useActionState(selectStructureAction, null);
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">{heading}</h1>
      <p className="mt-4">{`Cette page concerne ${structure.name}\u00a0; vous travaillez actuellement sur ${current.name}.`}</p>
      <form action={action} className="mt-6">
        <FormFeedback state={state} />
        <input type="hidden" name="structureId" value={structure.id} />
        <input type="hidden" name="retour" value={retour} />
        <SubmitButton>{`Travailler sur ${structure.name}`}</SubmitButton>
      </form>
    </div>
  );
}
