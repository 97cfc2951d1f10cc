"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { cancelAttachmentAction } from "../structures/actions";

export function CancelAttachmentButton({ attachmentId, structureName }: { attachmentId: number; structureName: string }) {
  const [state, action] = useActionState(cancelAttachmentAction, null);
  return (
    <form action={action}>
      <FormFeedback state={state} />
      <input type="hidden" name="attachmentId" value={attachmentId} />
      <button
        type="submit"
        aria-label={`Annuler la demande de rattachement à ${structureName}`}
        className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand"
      >
        Annuler la demande
      </button>
    </form>
  );
}
