"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signInSchema } from "@/lib/accounts/schemas";
import { formAction, requestMeta } from "@/lib/actions";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { DEVICE_COOKIE, deviceCookieOptions } from "@/lib/security/device-cookie";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { authenticate, endSession } from "@/lib/auth/sessions";
import { frenchDelay } from "@/lib/security/rate-limit";

const WRONG_PAIR = "Adresse électronique ou mot de passe incorrect.";

export const signInAction = formAction(signInSchema, ["password"], async (input, meta) => {
  const result = await authenticate(input, meta);
  if (!result.ok) {
    const formError =
      result.reason === "throttled"
        ? `Trop de tentatives de connexion. Par sécurité, réessayez dans ${frenchDelay(result.retryAfterSeconds)}.`
        : result.reason === "disabled"
          ? "Ce compte est désactivé. Contactez l'assistance du portail."
          : WRONG_PAIR;
    return { ok: false, formError };
  }
  // This browser has now proved it knows the password: it keeps its access during an attack.
  (await cookies()).set(DEVICE_COOKIE, result.deviceCookie, deviceCookieOptions());
  try {
    await signIn("credentials", { sessionId: result.sessionId, redirectTo: "/accueil", redirect: false });
  } catch (error) {
    // A successful signIn() throws Next's redirect; only next-auth's own errors are ours to handle.
    if (error instanceof AuthError) return { ok: false, formError: WRONG_PAIR };
    throw error;
  }
  redirect(safeRedirectPath(input.next));
});

export async function signOutAction(): Promise<void> {
  const actor = await getCurrentActor();
  if (actor) endSession(actor, await requestMeta());
  await signOut({ redirect: false });
  redirect("/connexion?deconnecte=1");
}
