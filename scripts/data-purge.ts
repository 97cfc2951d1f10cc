/**
 * `npm run data:purge`: deletes what has outlived the retention stated on the page « Données
 * personnelles » (lib/privacy/retention.ts), in one audited transaction. Safe to run daily (cron).
 */
import { purgeExpiredData } from "@/lib/privacy/purge";
import { RETENTION_DAYS } from "@/lib/privacy/retention";

const LABELS: Record<keyof typeof RETENTION_DAYS, string> = {
  unactivatedAccount: "comptes jamais activés",
  spentMailToken: "liens reçus par courriel utilisés ou expirés",
  endedInvitation: "invitations à un mandat terminées",
  endedSession: "sessions terminées",
  endedAgentSession: "sessions terminées des agents de l'administration",
  rateLimit: "compteurs de tentatives",
  sentMail: "courriels envoyés",
  sentDigestItem: "étapes déjà envoyées dans un récapitulatif",
  auditEvent: "événements du journal",
};

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

const report = purgeExpiredData();
console.log("Données supprimées, passé leur durée de conservation :");
for (const [kind, count] of Object.entries(report) as [keyof typeof LABELS, number][]) {
  console.log(`- ${LABELS[kind]} (plus de ${plural(RETENTION_DAYS[kind], "jour")}) : ${count}`);
}
