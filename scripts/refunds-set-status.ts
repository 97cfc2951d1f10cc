/**
 * The administration's side of a request: `npm run refunds:set-status -- <référence> <statut> [--motif "…"]`.
 * Statuts : en-instruction, a-completer, mise-en-paiement, rejetee. The change is audited and the
 * people concerned are mailed (now if the mail provider answers, else by the server's retries).
 */
import { parseArgs } from "node:util";
import { deliverDueMails, setAutomaticDelivery } from "@/lib/mail/deliver";
import { STATUS_ALIASES } from "@/lib/refunds/statuses";
import { setStatusByAdministration } from "@/lib/refunds/transmission";

const USAGE = 'Usage : npm run refunds:set-status -- <référence> <en-instruction|a-completer|mise-en-paiement|rejetee> [--motif "…"]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { motif: { type: "string" } } });
  const [reference, statusName] = positionals;
  const status = statusName ? STATUS_ALIASES[statusName.toLowerCase()] : undefined;
  if (!reference || !status || positionals.length > 2) {
    console.error(USAGE);
    return 2;
  }
  setAutomaticDelivery(false); // this process delivers below, and waits for it before exiting
  const result = setStatusByAdministration({ reference: reference.toUpperCase(), status, motif: values.motif ?? null });
  if (!result.ok) {
    console.error(result.formError);
    return 1;
  }
  console.log(result.message);
  const sent = await deliverDueMails();
  console.log(`Courriels envoyés : ${sent.sent}${sent.failed ? ` (${sent.failed} en échec, réessayés par le serveur)` : ""}.`);
  return 0;
}

main().then((code) => process.exit(code));
