import { can, type Action } from "./access";
import type { Actor } from "./auth/sessions";
import type { ActionResult } from "./forms";

/** Manager decisions on requests (attachments, subscriptions): the shared parts. */

export const NOT_YOUR_REQUESTS =
  "Vous ne pouvez décider que des demandes adressées aux structures dont vous êtes le gestionnaire principal.";

/** Every id must pass the policy: a bulk decision is refused whole rather than half applied. */
export function refusedDecision(
  actor: Actor,
  action: Action,
  targets: { attachmentId?: number; subscriptionId?: number }[],
): ActionResult<never> | null {
  return targets.every((target) => can(actor, action, target)) ? null : { ok: false, formError: NOT_YOUR_REQUESTS };
}

/** « 3 demandes refusées. 1 avait déjà été traitée. » */
export function decisionMessage(result: { decided: number; alreadyDone: number }, approved: boolean, noun = ""): string {
  if (result.decided === 0) return "Ces demandes avaient déjà été traitées : rien n'a changé.";
  const plural = result.decided > 1 ? "s" : "";
  const verb = approved ? "validée" : "refusée";
  const done = `${result.decided} demande${plural}${noun ? ` ${noun}` : ""} ${verb}${plural}.`;
  if (result.alreadyDone === 0) return done;
  const many = result.alreadyDone > 1;
  return `${done} ${result.alreadyDone} avai${many ? "ent" : "t"} déjà été traitée${many ? "s" : ""}.`;
}
