"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { followInvitationAction } from "../actions";

export function FollowInvitationForm({ token, label }: { token: string; label: string }) {
  const [state, action] = useActionState(followInvitationAction, null);
  return (
    <form action={action} noValidate className="mt-6">
      <FormFeedback state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton>{label}</SubmitButton>
    </form>
  );
}
