"use client";

import { useActionState } from "react";
import { FieldScope, TextArea } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { answerComplementAction } from "./answer-actions";

/** The farm's answer to « Demander un complément » (issue 20). */
export function AnswerForm({ requestId, service }: { requestId: number; service: string }) {
  const [state, action] = useActionState(answerComplementAction, null);
  return (
    <FieldScope value="reponse">
      <form action={action} noValidate className="mt-4">
        <FormFeedback state={state} labels={{ body: "Votre réponse" }} />
        <input type="hidden" name="requestId" value={requestId} />
        <TextArea
          name="body"
          label="Votre réponse"
          hint={`Lue par la ${service} avec la demande transmise de nouveau.`}
          rows={3}
          defaultValue={valueOf(state, "body")}
          error={errorOf(state, "body")}
        />
        <SubmitButton secondary>Envoyer la réponse</SubmitButton>
      </form>
    </FieldScope>
  );
}
