"use server";

import { agentFormAction } from "@/lib/agents/actions";
import { inviteAgent, resendInvitation } from "@/lib/agents/invitations";
import { deactivateAgent, updateAgent } from "@/lib/agents/management";
import { deactivateAgentSchema, inviteAgentSchema, resendInvitationSchema, updateAgentSchema } from "@/lib/agents/schemas";

export const inviteAgentAction = agentFormAction(inviteAgentSchema, [], (agent, input, meta) => inviteAgent(agent, input, meta));
export const updateAgentAction = agentFormAction(updateAgentSchema, [], (agent, input, meta) => updateAgent(agent, input, meta));
export const deactivateAgentAction = agentFormAction(deactivateAgentSchema, [], (agent, input, meta) => deactivateAgent(agent, input, meta));
export const resendInvitationAction = agentFormAction(resendInvitationSchema, [], (agent, input, meta) => resendInvitation(agent, input, meta));
