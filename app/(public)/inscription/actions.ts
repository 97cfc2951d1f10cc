"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { resendActivation } from "@/lib/accounts/activation";
import { signUpSchema } from "@/lib/accounts/schemas";
import { signUp } from "@/lib/accounts/sign-up";
import { formAction } from "@/lib/actions";
import { getConfig } from "@/lib/config";
import { SIGN_UP_COOKIE, signUpAddress } from "./sign-up-cookie";

export const signUpAction = formAction(signUpSchema, [], async (input, meta) => {
  const result = signUp(input, meta);
  if (!result.ok) return result;
  (await cookies()).set(SIGN_UP_COOKIE, result.data.loginEmail, {
    httpOnly: true,
    secure: getConfig().appUrl.startsWith("https:"),
    sameSite: "lax",
    path: "/inscription",
    maxAge: 3600,
  });
  redirect("/inscription/confirmation");
});

export const resendAfterSignUpAction = formAction(z.object({}), [], async (_input, meta) => {
  const loginEmail = await signUpAddress();
  if (!loginEmail) return { ok: false, formError: "Indiquez votre adresse sur la page « Renvoyer le lien d'activation »." };
  return resendActivation(loginEmail, meta, new Date(), after);
});
