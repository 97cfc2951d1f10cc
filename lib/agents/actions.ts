import { redirect } from "next/navigation";
import type { z } from "zod";
import { formAction } from "@/lib/actions";
import type { ActionResult, ActionState } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { getCurrentAgent } from "./current-agent";
import type { AgentActor } from "./identity";

type AgentHandler<I, T> = (agent: AgentActor, input: I, meta: RequestMeta) => ActionResult<T> | Promise<ActionResult<T>>;

/** `actorFormAction` for the administration: without an agent's session, back to its sign-in. */
export function agentFormAction<S extends z.ZodType, T>(schema: S, secretFields: readonly string[], handler: AgentHandler<z.output<S>, T>) {
  return async (previous: ActionState<T>, form: FormData): Promise<ActionResult<T>> => {
    const agent = await getCurrentAgent();
    if (!agent) redirect("/administration/connexion");
    return formAction(schema, secretFields, (input: z.output<S>, meta) => handler(agent, input, meta))(previous, form);
  };
}
