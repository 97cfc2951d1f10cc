"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { resendAfterSignUpAction } from "../actions";

export function ResendAfterSignUpForm() {
  const [state, action] = useActionState(resendAfterSignUpAction, null);
  return (
    <form action={action}>
      <FormFeedback state={state} />
      <SubmitButton secondary>Renvoyer le lien d&apos;activation</SubmitButton>
    </form>
  );
}
