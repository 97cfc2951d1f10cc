/**
 * The administration's agents from the server's command line (ADR 0020):
 *
 *   npm run agents -- creer-administrateur --email … --nom … --prenom …
 *
 * creates an administrator and prints their one-time invitation link (valid 24 hours, also
 * mailed); everyone else is invited from the browser (« Agents » → « Inviter un agent »).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { createAdministrator, INVITATION_HOURS } from "@/lib/agents/invitations";
import { deliverDueMails, setAutomaticDelivery } from "@/lib/mail/deliver";

const USAGE = `Usage : npm run agents -- creer-administrateur --email adresse@exemple.gouv.fr --nom Nom --prenom Prénom`;

const input = z.object({
  email: z.email({ error: "adresse électronique manquante ou invalide" }).transform((v) => v.trim().toLowerCase()),
  nom: z.string({ error: "obligatoire" }).trim().min(1, "nom manquant").max(100),
  prenom: z.string({ error: "obligatoire" }).trim().min(1, "prénom manquant").max(100),
});

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, nom: { type: "string" }, prenom: { type: "string" } },
  });
  if (positionals[0] !== "creer-administrateur") {
    console.error(USAGE);
    return 2;
  }
  const parsed = input.safeParse(values);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((issue) => `--${issue.path.join(".")} : ${issue.message}`).join("\n")}\n${USAGE}`);
    return 2;
  }
  setAutomaticDelivery(false);
  const result = createAdministrator({ email: parsed.data.email, lastName: parsed.data.nom, firstName: parsed.data.prenom });
  if (!result.ok) {
    console.error(result.formError);
    return 1;
  }
  console.log(`Administrateur invité : ${parsed.data.prenom} ${parsed.data.nom} <${parsed.data.email}>.`);
  console.log(`Lien d'activation (une seule fois, ${INVITATION_HOURS} heures) :\n${result.data.link}`);
  const sent = await deliverDueMails();
  console.log(`Courriels envoyés : ${sent.sent}${sent.failed ? ` (${sent.failed} en échec, réessayés par le serveur)` : ""}.`);
  return 0;
}

main().then((code) => process.exit(code));
