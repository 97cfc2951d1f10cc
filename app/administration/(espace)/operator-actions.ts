"use server";

import { agentFormAction } from "@/lib/agents/actions";
import { markLettersSent } from "@/lib/agents/operator-desk";
import { contestDecisionSchema, lettersSentSchema, REVIEWED_DOCUMENTS, reviewSchema, supportActionSchema } from "@/lib/agents/schemas";
import { supportAct } from "@/lib/agents/support";
import { resolveContest, verifyByOperator } from "@/lib/structures/operator";

export const lettersSentAction = agentFormAction(lettersSentSchema, [], (agent, input) => markLettersSent(agent, input.letterIds));
export const contestDecisionAction = agentFormAction(contestDecisionSchema, [], (agent, input) => resolveContest(input.contestId, { decision: input.decision, operator: agent, motif: input.motif }));
export const reviewAction = agentFormAction(reviewSchema, [], (agent, input) => verifyByOperator(input.structureId, { operator: agent, motif: `${REVIEWED_DOCUMENTS[input.document]} : ${input.motif}` }));
export const supportAction = agentFormAction(supportActionSchema, [], (agent, input, meta) => supportAct(agent, input, meta));
