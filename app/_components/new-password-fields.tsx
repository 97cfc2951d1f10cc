import type { ActionState } from "@/lib/forms";
import { PASSWORD_RULE_TEXT } from "@/lib/accounts/password-policy";
import { Field } from "./field";
import { errorOf } from "./form-feedback";

/** Choose and confirm a password; the policy is stated next to the field. */
export function NewPasswordFields({ state, label = "Mot de passe" }: { state: ActionState<unknown>; label?: string }) {
  return (
    <>
      <Field
        name="password"
        type="password"
        autoComplete="new-password"
        label={label}
        hint={PASSWORD_RULE_TEXT}
        error={errorOf(state, "password")}
      />
      <Field
        name="passwordConfirmation"
        type="password"
        autoComplete="new-password"
        label="Confirmation du mot de passe"
        error={errorOf(state, "passwordConfirmation")}
      />
    </>
  );
}
