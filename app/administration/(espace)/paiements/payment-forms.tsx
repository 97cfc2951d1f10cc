"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { buildOrderAction, markPaidAction } from "./actions";

/** The confirmation's one button: the chosen requests travel as hidden fields. */
export function BuildOrderForm({ requestIds, label }: { requestIds: number[]; label: string }) {
  const [state, action] = useActionState(buildOrderAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} labels={{ requestIds: "Demandes" }} />
      {requestIds.map((id) => (
        <input key={id} type="hidden" name="requestIds" value={id} />
      ))}
      <SubmitButton>{label}</SubmitButton>
    </form>
  );
}

/** « Marquer comme payé » with the day the bank executed the transfers. */
export function MarkPaidForm({ orderId, today, built }: { orderId: number; today: string; built: string }) {
  const [state, action] = useActionState(markPaidAction, null);
  return (
    <form action={action} noValidate className="mt-4">
      <FormFeedback state={state} labels={{ executedOn: "Date d'exécution" }} />
      <input type="hidden" name="orderId" value={orderId} />
      <Field
        name="executedOn"
        type="date"
        label="Date d'exécution du virement"
        hint={`Le jour où la banque a exécuté l'ordre : entre le jour de l'ordre et aujourd'hui (JJ/MM/AAAA).`}
        min={built}
        max={today}
        defaultValue={valueOf(state, "executedOn")}
        error={errorOf(state, "executedOn")}
      />
      <SubmitButton>Marquer comme payé</SubmitButton>
    </form>
  );
}
