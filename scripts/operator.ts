/**
 * The operators' side of structure verification (docs/decisions/0016-structure-verification.md):
 *
 *   npm run operator -- letters --operateur "Nom" [--dossier data/courriers] [--par-demandeur]
 *                                                      letters to post (with who asked), PDFs written
 *   npm run operator -- letters-stop <n° de personne> --motif "…" --operateur "Nom"   a burst stopped
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
import { fullName } from "@/lib/names";
import { deliverDueMails, setAutomaticDelivery } from "@/lib/mail/deliver";
import {
  markLetterSent,
  pendingContests,
  pendingLetters,
  pendingLettersByRequester,
  recordLettersExported,
  resolveContest,
  stopLettersOf,
  verifyByOperator,
  type ContestDecision,
} from "@/lib/structures/operator";
import { terminalSafe } from "@/lib/text/control-characters";

const USAGE = `Usage : npm run operator -- <commande>
  letters --operateur "Nom" [--dossier data/courriers] [--par-demandeur]
  letters-stop <n° de personne> --motif "…" --operateur "Nom"
  letter-sent <n° de courrier> --operateur "Nom"
  contests
  contest-resolve <n° de contestation> keep|transfer|suspend --motif "…" --operateur "Nom"
  verify <n° de structure> --motif "…" --operateur "Nom"`;

const DECISIONS: readonly string[] = ["keep", "transfer", "suspend"];

function report(result: ActionResult<unknown>): number {
  if (!result.ok) {
    console.error(terminalSafe(result.formError ?? ""));
    return 1;
  }
  if (result.message) console.log(terminalSafe(result.message));
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      operateur: { type: "string" },
      motif: { type: "string" },
      dossier: { type: "string" },
      "par-demandeur": { type: "boolean" },
    },
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
      const exported = recordLettersExported(
        operator,
        letters.map((l) => l.id),
        folder,
      );
      if (!exported.ok) return report(exported);
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const groups = values["par-demandeur"] ? pendingLettersByRequester(letters) : [{ requester: null, requesterId: null, letters }];
      for (const group of groups) {
        if (group.requester !== null)
          console.log(
            `\n${terminalSafe(group.requester)} (personne n° ${group.requesterId ?? "?"}) : ${group.letters.length} courrier${group.letters.length > 1 ? "s" : ""}`,
          );
        for (const letter of group.letters) {
          const file = path.join(folder, `courrier-${letter.id}-${letter.siret}.pdf`);
          writeFileSync(file, letter.pdf!, { mode: 0o600 });
          const requester =
            letter.requesterId === null
              ? "demandeur inconnu"
              : `demandé par ${terminalSafe(`${fullName(letter.requesterFirstName, letter.requesterLastName)} <${letter.requesterEmail}>`)} (n° ${letter.requesterId})`;
          console.log(
            `n° ${letter.id}\tstructure ${letter.structureId}\t${terminalSafe(letter.name)}\tSIRET ${formatSiret(letter.siret)}\t${letter.postalCode ?? "?"} ${terminalSafe(letter.city ?? "(adresse non diffusible)")}\tdu ${formatDay(letter.createdAt)}\t${requester}\t${file}`,
          );
        }
      }
      console.log(
        `${letters.length} courrier${letters.length > 1 ? "s" : ""} à imprimer et poster ; ensuite : npm run operator -- letter-sent <n°> --operateur "…".`,
      );
      return 0;
    }
    case "letters-stop":
      if (!Number.isInteger(number) || number <= 0) break;
      return report(stopLettersOf(number, { operator, motif: values.motif ?? "" }));
    case "letter-sent":
      if (!Number.isInteger(number) || number <= 0) break;
      return report(markLetterSent(number, operator));
    case "contests": {
      const contests = pendingContests();
      for (const c of contests) {
        // Every text a person typed is escaped: an ESC sequence in a motif or a name never reaches the terminal raw.
        console.log(
          `n° ${c.id}\tstructure ${c.structureId}\t${terminalSafe(c.structureName)}\tSIRET ${formatSiret(c.siret)}\t${c.verificationStatus}\tpar ${terminalSafe(`${c.contesterFirst} ${c.contesterLast} <${c.contesterEmail}>`)}\tle ${formatDay(c.createdAt)}\n\tmotif : ${terminalSafe(c.motif)}`,
        );
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
