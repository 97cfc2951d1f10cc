"use client";

import { useActionState } from "react";
import { TextArea } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { decideMandateAction } from "../actions";

/** « Refuser », with an optional motif sent to the structure that asked; folded until wanted. */
export function RefuseMandateForm({ mandateId }: { mandateId: number }) {
  const [state, action] = useActionState(decideMandateAction, null);
  return (
    <details className="inline-block align-top" open={state && !state.ok ? true : undefined}>
      <summary className="inline-flex cursor-pointer items-center rounded border-2 border-error px-3 py-1 text-sm font-semibold text-error">
        Refuser le mandat
      </summary>
      <form action={action} noValidate className="mt-2 max-w-md rounded border border-gray-400 bg-white p-3">
        <FormFeedback state={state} labels={{ reason: "Motif" }} />
        <input type="hidden" name="mandateId" value={mandateId} />
        <input type="hidden" name="decision" value="refuse" />
        <TextArea
          name="reason"
          label="Motif (facultatif)"
          hint="Il figurera dans le courriel envoyé à la structure qui a demandé le mandat."
          error={errorOf(state, "reason")}
          rows={3}
        />
        <button type="submit" className="rounded border-2 border-error px-3 py-1 text-sm font-semibold text-error">
          Confirmer le refus
        </button>
      </form>
    </details>
  );
}
