"use server";

import { redirectWithNotice } from "@/lib/actions";
import { agentFormAction } from "@/lib/agents/actions";
import { inviteAgent, resendInvitation } from "@/lib/agents/invitations";
import { deactivateAgent, updateAgent } from "@/lib/agents/management";
import { deactivateAgentSchema, inviteAgentSchema, resendInvitationSchema, updateAgentSchema } from "@/lib/agents/schemas";

export const inviteAgentAction = agentFormAction(inviteAgentSchema, [], (agent, input, meta) => inviteAgent(agent, input, meta));
export const updateAgentAction = agentFormAction(updateAgentSchema, [], (agent, input, meta) => updateAgent(agent, input, meta));
// Its form disappears with the agent's rights: the page says it from the address (lib/notices.ts).
export const deactivateAgentAction = agentFormAction(deactivateAgentSchema, [], async (agent, input, meta) => {
  const result = deactivateAgent(agent, input, meta);
  return result.ok ? redirectWithNotice("agent-desactive", `/administration/agents/${input.agentId}`) : result;
});
export const resendInvitationAction = agentFormAction(resendInvitationSchema, [], (agent, input, meta) =>
  resendInvitation(agent, input, meta),
);
