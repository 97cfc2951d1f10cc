"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { completeRecovery, requestRecovery } from "@/lib/accounts/recovery";
import { SECRET_FORM_FIELDS, emailOnlySchema, recoverySchema } from "@/lib/accounts/schemas";
import { formAction } from "@/lib/actions";

export const requestRecoveryAction = formAction(emailOnlySchema, [], (input, meta) =>
  requestRecovery(input.loginEmail, meta, new Date(), after),
);

export const completeRecoveryAction = formAction(recoverySchema, SECRET_FORM_FIELDS, async (input, meta) => {
  const result = await completeRecovery(input, meta);
  if (result.ok) redirect("/connexion?motdepasse=modifie");
  return result;
});
