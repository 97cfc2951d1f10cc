"use server";

import { redirect } from "next/navigation";
import { redirectWithNotice } from "@/lib/actions";
import { agentFormAction } from "@/lib/agents/actions";
import { markLettersSent } from "@/lib/agents/operator-desk";
import { contestDecisionSchema, lettersSentSchema, REVIEWED_DOCUMENTS, reviewSchema, supportActionSchema } from "@/lib/agents/schemas";
import { supportAct } from "@/lib/agents/support";
import { resolveContest, verifyByOperator } from "@/lib/structures/operator";

export const lettersSentAction = agentFormAction(lettersSentSchema, [], (agent, input) => markLettersSent(agent, input.letterIds));
// The decided contest leaves the list (and its form with it): the page says what was done.
export const contestDecisionAction = agentFormAction(contestDecisionSchema, [], async (agent, input) => {
  const result = await resolveContest(input.contestId, { decision: input.decision, operator: agent, motif: input.motif });
  if (result.ok) redirect(`/administration/contestations?decidee=${input.contestId}`);
  return result;
});
export const reviewAction = agentFormAction(reviewSchema, [], (agent, input) =>
  verifyByOperator(input.structureId, { operator: agent, motif: `${REVIEWED_DOCUMENTS[input.document]} : ${input.motif}` }),
);
// A disabled account loses its « Désactiver le compte » form: the page says it from the address (lib/notices.ts).
export const supportAction = agentFormAction(supportActionSchema, [], async (agent, input, meta) => {
  const result = supportAct(agent, input, meta);
  return result.ok && input.action === "disable" ? redirectWithNotice("compte-desactive", "/administration/assistance") : result;
});
