"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Checkbox } from "@/app/_components/field";
import { FormFeedback, errorOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { requestAttachmentAction } from "../actions";

type Service = { id: number; code: string; label: string };

export function RequestAttachmentForm({ siret, managerName, services }: { siret: string; managerName: string; services: Service[] }) {
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
      <input type="hidden" name="siret" value={siret} />
      {services.length > 0 ? (
        <fieldset className="mb-4">
          <legend className="font-semibold">Services</legend>
          <p className="text-sm">Cochez le ou les services dans lesquels vous travaillez (facultatif).</p>
          {errorOf(state, "serviceIds") ? <p className="text-sm font-semibold text-error">{errorOf(state, "serviceIds")}</p> : null}
          {services.map((service) => (
            <Checkbox key={service.id} name="serviceIds" value={service.id} label={`${service.code} — ${service.label}`} />
          ))}
        </fieldset>
      ) : null}
      <p className="mb-3">{`Votre demande sera envoyée à ${managerName}, qui la validera ou la refusera.`}</p>
      <SubmitButton>Envoyer la demande de rattachement</SubmitButton>
    </form>
  );
}
