"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { requestAttachmentAction } from "../actions";

export function RequestAttachmentForm({ structureId, managerName }: { structureId: number; managerName: string }) {
  const [state, action] = useActionState(requestAttachmentAction, null);
  if (state?.ok) {
    return (
      <div className="mt-4">
        <FormFeedback state={state} />
        <p>
          Vous recevrez un courriel dès sa décision. Suivez l&apos;état de votre demande dans{" "}
          <Link href="/mon-compte#rattachements">Mes rattachements</Link>.
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="mt-4">
      <FormFeedback state={state} />
      <input type="hidden" name="structureId" value={structureId} />
      <p className="mb-3">{`Votre demande sera envoyée à ${managerName}, qui la validera ou la refusera.`}</p>
      <SubmitButton>Envoyer la demande de rattachement</SubmitButton>
    </form>
  );
}
