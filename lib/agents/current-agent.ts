import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { AGENT_COOKIE_PLAIN, AGENT_COOKIE_SECURE } from "./cookie-names";
import type { AgentActor } from "./identity";
import { AGENT_MAX_MS, resolveAgentSession } from "./sessions";

const secure = () => getConfig().appUrl.startsWith("https:");

export const agentCookieName = () => (secure() ? AGENT_COOKIE_SECURE : AGENT_COOKIE_PLAIN);

/** Host-only (no Domain), Path=/, HttpOnly, SameSite=Strict, Secure under HTTPS. */
export async function setAgentCookie(token: string): Promise<void> {
  (await cookies()).set(agentCookieName(), token, {
    httpOnly: true,
    sameSite: "strict",
    secure: secure(),
    path: "/",
    maxAge: AGENT_MAX_MS / 1000,
  });
}

export async function clearAgentCookie(): Promise<void> {
  (await cookies()).delete(agentCookieName());
}

export async function agentCookie(): Promise<string | undefined> {
  return (await cookies()).get(agentCookieName())?.value;
}

/** The signed-in agent for this request, or null; read once per request. */
export const getCurrentAgent = cache(async (): Promise<AgentActor | null> => {
  const token = await agentCookie();
  return token ? resolveAgentSession(token) : null;
});

/** For the administration's pages: the agent, or « Connexion » of the administration. */
export async function requireAgent(): Promise<AgentActor> {
  const agent = await getCurrentAgent();
  if (!agent) redirect("/administration/connexion");
  return agent;
}
