/**
 * The administration's steps from the server's shell, as an agent (issue 20):
 * `npm run refunds:set-status -- <référence> <en-instruction|a-completer|accordee|rejetee> --agent <courriel> [--motif "…"]
 * [--raison hors-delai|non-eligible|pieces-manquantes|autre]`.
 * It calls the same services as the pages of « Demandes », with the agent's identity: the same
 * rights (role, département, separation of duties), transactions, audit events and mails.
 */
import { eq } from "drizzle-orm";
import { parseArgs } from "node:util";
import { agents, refundRequests } from "@/db/schema";
import { agentActor } from "@/lib/agents/identity";
import { getDb } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { askComplement } from "@/lib/instruction/complement";
import { acceptRequest, rejectRequest, type RejectionReason } from "@/lib/instruction/decision";
import { takeCharge } from "@/lib/instruction/take-charge";
import { deliverDueMails, setAutomaticDelivery } from "@/lib/mail/deliver";
import { STATUS_LABELS } from "@/lib/refunds/statuses";

const USAGE =
  'Usage : npm run refunds:set-status -- <référence> <en-instruction|a-completer|accordee|rejetee> --agent <courriel> [--motif "…"] [--raison hors-delai|non-eligible|pieces-manquantes|autre]';
const STEPS = ["en-instruction", "a-completer", "accordee", "rejetee"] as const;
const REASONS: Record<string, RejectionReason> = {
  "hors-delai": "late",
  "non-eligible": "ineligible",
  "pieces-manquantes": "missing_documents",
  autre: "other",
};
const META = { ip: null };

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { motif: { type: "string" }, agent: { type: "string" }, raison: { type: "string" } },
  });
  const [reference, step] = positionals;
  if (!reference || !step || !(STEPS as readonly string[]).includes(step) || positionals.length > 2 || !values.agent) {
    console.error(USAGE);
    return 2;
  }
  const row = getDb().select({ id: agents.id }).from(agents).where(eq(agents.email, values.agent.trim().toLowerCase())).get();
  const agent = row ? agentActor(row.id, null) : null;
  if (!agent) {
    console.error(`Aucun agent actif n'a l'adresse ${values.agent}.`);
    return 1;
  }
  const request = getDb()
    .select({ id: refundRequests.id, status: refundRequests.status })
    .from(refundRequests)
    .where(eq(refundRequests.reference, reference.toUpperCase()))
    .get();
  if (!request) {
    console.error(`Aucune demande ne porte la référence ${reference.toUpperCase()}.`);
    return 1;
  }
  const motif = values.motif?.trim() ?? "";
  setAutomaticDelivery(false); // this process delivers below, and waits for it before exiting
  let result: ActionResult<unknown>;
  if (step === "en-instruction") result = takeCharge(agent, { requestId: request.id }, META);
  else if (step === "a-completer")
    result = motif
      ? askComplement(agent, { requestId: request.id, body: motif, lineIds: [] }, META)
      : { ok: false, formError: 'Le complément demande un message (--motif "…").' };
  else if (step === "accordee") result = acceptRequest(agent, { requestId: request.id, mode: "whole" }, META);
  else {
    const reason = REASONS[values.raison ?? "autre"];
    result = !reason
      ? { ok: false, formError: `Raison inconnue : ${values.raison}.` }
      : motif
        ? rejectRequest(agent, { requestId: request.id, reason, text: motif }, META)
        : { ok: false, formError: 'Le rejet demande une explication (--motif "…").' };
  }
  if (!result.ok) {
    console.error(result.formError ?? JSON.stringify(result.fieldErrors));
    return 1;
  }
  const after = getDb().select({ status: refundRequests.status }).from(refundRequests).where(eq(refundRequests.id, request.id)).get()!;
  console.log(`${reference.toUpperCase()} : « ${STATUS_LABELS[request.status]} » → « ${STATUS_LABELS[after.status]} ».`);
  const sent = await deliverDueMails();
  console.log(`Courriels envoyés : ${sent.sent}${sent.failed ? ` (${sent.failed} en échec, réessayés par le serveur)` : ""}.`);
  return 0;
}

main().then((code) => process.exit(code));
