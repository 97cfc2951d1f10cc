"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { activateAccount, resendActivation } from "@/lib/accounts/activation";
import { SECRET_FORM_FIELDS, activationSchema, emailOnlySchema } from "@/lib/accounts/schemas";
import { formAction } from "@/lib/actions";

export const activateAction = formAction(activationSchema, SECRET_FORM_FIELDS, async (input, meta) => {
  const result = await activateAccount(input, meta);
  if (result.ok) redirect("/connexion?compte=actif");
  return result;
});

export const resendActivationAction = formAction(emailOnlySchema, [], (input, meta) =>
  resendActivation(input.loginEmail, meta, new Date(), after),
);
