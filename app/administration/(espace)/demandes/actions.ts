"use server";

import { redirectWithNotice } from "@/lib/actions";
import { agentFormAction } from "@/lib/agents/actions";
import { askComplement } from "@/lib/instruction/complement";
import { acceptRequest, rejectRequest } from "@/lib/instruction/decision";
import { acceptSchema, complementSchema, rejectSchema, takeChargeSchema } from "@/lib/instruction/schemas";
import { takeCharge } from "@/lib/instruction/take-charge";

// Each step changes the request's status, and the form that did it disappears with the old one: the
// file says what was done from the address (lib/notices.ts), as the resilience fuzzing requires.
const fileOf = (requestId: number) => `/administration/demandes/${requestId}`;

export const takeChargeAction = agentFormAction(takeChargeSchema, [], async (agent, input, meta) => {
  const result = await takeCharge(agent, input, meta);
  return result.ok ? redirectWithNotice("demande-suivie", fileOf(input.requestId)) : result;
});
export const complementAction = agentFormAction(complementSchema, [], async (agent, input, meta) => {
  const result = await askComplement(agent, input, meta);
  return result.ok ? redirectWithNotice("complement-demande", fileOf(input.requestId)) : result;
});
export const acceptAction = agentFormAction(acceptSchema, [], async (agent, input, meta) => {
  const result = await acceptRequest(agent, input, meta);
  return result.ok ? redirectWithNotice("demande-accordee", fileOf(input.requestId)) : result;
});
export const rejectAction = agentFormAction(rejectSchema, [], async (agent, input, meta) => {
  const result = await rejectRequest(agent, input, meta);
  return result.ok ? redirectWithNotice("demande-rejetee", fileOf(input.requestId)) : result;
});
