"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { activateAccount, resendActivation } from "@/lib/accounts/activation";
import { ACTIVATION_SECRET_FIELDS, activationSchema, emailOnlySchema } from "@/lib/accounts/schemas";
import { formAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { ACTIVATED_COOKIE } from "../connexion/activated-cookie";

export const activateAction = formAction(activationSchema, ACTIVATION_SECRET_FIELDS, async (input, meta) => {
  const result = await activateAccount(input, meta);
  if (result.ok) {
    // A cookie rather than the URL: the address stays out of the history and the server logs.
    (await cookies()).set(ACTIVATED_COOKIE, result.data.loginEmail, {
      httpOnly: true,
      secure: getConfig().appUrl.startsWith("https:"),
      sameSite: "lax",
      path: "/connexion",
      maxAge: 600,
    });
    redirect("/connexion?compte=actif");
  }
  return result;
});

export const resendActivationAction = formAction(emailOnlySchema, [], (input, meta) =>
  resendActivation(input.loginEmail, meta, new Date(), after),
);
