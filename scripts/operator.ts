/**
 * The operators' side of structure verification (docs/decisions/0016-structure-verification.md):
 *
 *   npm run operator -- letters --operateur "Nom" [--dossier data/courriers]   letters to post, PDFs written
 *   npm run operator -- letter-sent <n°> --operateur "Nom"                      posted: the PDF is deleted
 *   npm run operator -- contests                                                contests waiting for a decision
 *   npm run operator -- contest-resolve <n°> keep|transfer|suspend --motif "…" --operateur "Nom"
 *   npm run operator -- verify <n° de structure> --motif "…" --operateur "Nom"  officer's document reviewed
 *
 * Every action is audited with the operator's name; mails go now if the provider answers, else by
 * the server's retries.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatDay } from "@/lib/dates";
import type { ActionResult } from "@/lib/forms";
import { formatSiret } from "@/lib/identifiers";
import { deliverDueMails, setAutomaticDelivery } from "@/lib/mail/deliver";
import { markLetterSent, pendingContests, pendingLetters, recordLettersExported, resolveContest, verifyByOperator, type ContestDecision } from "@/lib/structures/operator";

const USAGE = `Usage : npm run operator -- <commande>
  letters --operateur "Nom" [--dossier data/courriers]
  letter-sent <n° de courrier> --operateur "Nom"
  contests
  contest-resolve <n° de contestation> keep|transfer|suspend --motif "…" --operateur "Nom"
  verify <n° de structure> --motif "…" --operateur "Nom"`;

const DECISIONS: readonly string[] = ["keep", "transfer", "suspend"];

function report(result: ActionResult): number {
  if (!result.ok) {
    console.error(result.formError);
    return 1;
  }
  if (result.message) console.log(result.message);
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { operateur: { type: "string" }, motif: { type: "string" }, dossier: { type: "string" } },
  });
  const [command, id, decision] = positionals;
  const operator = values.operateur ?? "";
  const number = Number(id);
  setAutomaticDelivery(false); // this process delivers below, and waits for it before exiting
  let code: number;
  switch (command) {
    case "letters": {
      const letters = pendingLetters();
      const folder = path.resolve(values.dossier ?? "data/courriers");
      const exported = recordLettersExported(operator, letters.map((l) => l.id), folder);
      if (!exported.ok) return report(exported);
      mkdirSync(folder, { recursive: true });
      for (const letter of letters) {
        const file = path.join(folder, `courrier-${letter.id}-${letter.siret}.pdf`);
        writeFileSync(file, letter.pdf!, { mode: 0o600 });
        console.log(`n° ${letter.id}\tstructure ${letter.structureId}\t${letter.name}\tSIRET ${formatSiret(letter.siret)}\t${letter.postalCode ?? "?"} ${letter.city ?? "(adresse non diffusible)"}\tdu ${formatDay(letter.createdAt)}\t${file}`);
      }
      console.log(`${letters.length} courrier${letters.length > 1 ? "s" : ""} à imprimer et poster ; ensuite : npm run operator -- letter-sent <n°> --operateur "…".`);
      return 0;
    }
    case "letter-sent":
      if (!Number.isInteger(number) || number <= 0) break;
      return report(markLetterSent(number, operator));
    case "contests": {
      const contests = pendingContests();
      for (const c of contests) {
        console.log(`n° ${c.id}\tstructure ${c.structureId}\t${c.structureName}\tSIRET ${formatSiret(c.siret)}\t${c.verificationStatus}\tpar ${c.contesterFirst} ${c.contesterLast} <${c.contesterEmail}>\tle ${formatDay(c.createdAt)}\n\tmotif : ${c.motif}`);
      }
      console.log(`${contests.length} contestation${contests.length > 1 ? "s" : ""} en attente.`);
      return 0;
    }
    case "contest-resolve":
      if (!Number.isInteger(number) || number <= 0 || !decision || !DECISIONS.includes(decision)) break;
      code = report(await resolveContest(number, { decision: decision as ContestDecision, operator, motif: values.motif ?? "" }));
      if (code === 0) {
        const sent = await deliverDueMails();
        console.log(`Courriels envoyés : ${sent.sent}${sent.failed ? ` (${sent.failed} en échec, réessayés par le serveur)` : ""}.`);
      }
      return code;
    case "verify":
      if (!Number.isInteger(number) || number <= 0) break;
      return report(verifyByOperator(number, { operator, motif: values.motif ?? "" }));
  }
  console.error(USAGE);
  return 2;
}

main().then((code) => process.exit(code));
