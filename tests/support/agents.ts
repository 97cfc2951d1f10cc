// Agents built through the real services: invited, enrolled with a TOTP code computed from the
// secret the enrolment page shows, signed in with password then code.
import { desc, eq } from "drizzle-orm";
import { agents, outbox, type AgentRole } from "@/db/schema";
import { createAdministrator, enrolAgent, inviteAgent, readInvitation } from "@/lib/agents/invitations";
import type { AgentActor } from "@/lib/agents/identity";
import { completeAgentSignIn, resolveAgentSession, signInAgentWithPassword } from "@/lib/agents/sessions";
import { totpCode } from "@/lib/agents/totp";
import { getDb } from "@/lib/db";
import { META } from "./accounts";

export const AGENT_PASSWORD = "Préfecture lavande boussole 73";

/** A clock that moves one TOTP step (30 s) at each call, so that no code is a replay by accident. */
let clock = Date.parse("2026-12-07T08:00:00Z");
export function tick(seconds = 31): Date {
  clock += seconds * 1000;
  return new Date(clock);
}

export function invitationTokenMailedTo(email: string): string {
  const mail = getDb().select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.id)).get();
  const token = mail?.props?.match(/\/administration\/invitation\/([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`Aucune invitation envoyée à ${email}`);
  return token;
}

/** Enrols from the invitation mailed to this address; returns the secret and the recovery codes. */
export async function enrolFromMail(email: string) {
  const token = invitationTokenMailedTo(email);
  const now = tick();
  const shown = await readInvitation(token, now);
  if (!shown) throw new Error("Invitation illisible");
  const secret = shown.secret.replace(/\s/g, "");
  const result = await enrolAgent(
    { token, password: AGENT_PASSWORD, passwordConfirm: AGENT_PASSWORD, code: totpCode(secret, now) },
    META,
    now,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { secret, recoveryCodes: result.data.recoveryCodes };
}

/** Password then TOTP code: the session's token (the cookie's value) and the instant. */
export async function agentToken(email: string, secret: string): Promise<{ token: string; at: Date }> {
  const now = tick();
  const first = await signInAgentWithPassword({ email, password: AGENT_PASSWORD }, META, now);
  if (!first.ok) throw new Error(JSON.stringify(first));
  const second = completeAgentSignIn(first.token, totpCode(secret, now), META, now);
  if (!second.ok) throw new Error(JSON.stringify(second));
  return { token: second.token, at: now };
}

export async function signInAgent(email: string, secret: string): Promise<AgentActor> {
  const { token, at } = await agentToken(email, secret);
  return resolveAgentSession(token, at)!;
}

let counter = 0;
/** The first administrator, from the command line's service, enrolled and signed in. */
export async function administrator(): Promise<AgentActor & { secret: string }> {
  const email = `admin${++counter}@administration.gouv.fr`;
  const created = createAdministrator({ email, firstName: "Alice", lastName: "Admin" }, tick());
  if (!created.ok) throw new Error(JSON.stringify(created));
  const { secret } = await enrolFromMail(email);
  return { ...(await signInAgent(email, secret)), secret };
}

/** An agent invited by this administrator with these roles and départements, enrolled and signed in. */
export async function agentWith(admin: AgentActor, roles: AgentRole[], departements: string[]): Promise<AgentActor & { secret: string }> {
  const email = `agent${++counter}@administration.gouv.fr`;
  const invited = inviteAgent(admin, { email, firstName: "Bruno", lastName: `Agent${counter}`, roles, departements }, META, tick());
  if (!invited.ok) throw new Error(JSON.stringify(invited));
  const { secret } = await enrolFromMail(email);
  return { ...(await signInAgent(email, secret)), secret };
}

export const agentRow = (email: string) => getDb().select().from(agents).where(eq(agents.email, email)).get()!;
