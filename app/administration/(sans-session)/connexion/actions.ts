"use server";

import { redirect } from "next/navigation";
import { requestMeta, formAction } from "@/lib/actions";
import { agentCookie, clearAgentCookie, getCurrentAgent, setAgentCookie } from "@/lib/agents/current-agent";
import { agentSignInSchema, secondFactorSchema } from "@/lib/agents/schemas";
import { completeAgentSignIn, endAgentSession, signInAgentWithPassword } from "@/lib/agents/sessions";
import { frenchDelay } from "@/lib/security/rate-limit";

const throttled = (seconds: number) => `Trop de tentatives. Par sécurité, réessayez dans ${frenchDelay(seconds)}.`;

export const agentPasswordAction = formAction(agentSignInSchema, ["password"], async (input, meta) => {
  const result = await signInAgentWithPassword(input, meta);
  if (!result.ok)
    return {
      ok: false,
      formError: result.reason === "throttled" ? throttled(result.retryAfterSeconds) : "Adresse électronique ou mot de passe incorrect.",
    };
  await setAgentCookie(result.token);
  redirect("/administration/connexion/code");
});

export const agentCodeAction = formAction(secondFactorSchema, ["code"], async (input, meta) => {
  const result = completeAgentSignIn(await agentCookie(), input.code, meta);
  if (!result.ok) {
    if (result.reason === "expired") redirect("/administration/connexion?expire=1");
    return {
      ok: false,
      fieldErrors: {
        code:
          result.reason === "throttled"
            ? throttled(result.retryAfterSeconds)
            : "Ce code n'est pas le bon, ou il a déjà servi. Saisissez le code affiché maintenant par votre application.",
      },
    };
  }
  await setAgentCookie(result.token);
  redirect("/administration");
});

export async function agentSignOutAction(): Promise<void> {
  const agent = await getCurrentAgent();
  if (agent) endAgentSession(agent, await requestMeta());
  await clearAgentCookie();
  redirect("/administration/connexion?deconnecte=1");
}
