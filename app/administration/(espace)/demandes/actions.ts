"use server";

import { agentFormAction } from "@/lib/agents/actions";
import { askComplement } from "@/lib/instruction/complement";
import { acceptRequest, rejectRequest } from "@/lib/instruction/decision";
import { acceptSchema, complementSchema, rejectSchema, takeChargeSchema } from "@/lib/instruction/schemas";
import { takeCharge } from "@/lib/instruction/take-charge";

export const takeChargeAction = agentFormAction(takeChargeSchema, [], (agent, input, meta) => takeCharge(agent, input, meta));
export const complementAction = agentFormAction(complementSchema, [], (agent, input, meta) => askComplement(agent, input, meta));
export const acceptAction = agentFormAction(acceptSchema, [], (agent, input, meta) => acceptRequest(agent, input, meta));
export const rejectAction = agentFormAction(rejectSchema, [], (agent, input, meta) => rejectRequest(agent, input, meta));
