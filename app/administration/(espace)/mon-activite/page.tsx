import type { Metadata } from "next";
import { TableRegion } from "@/app/_components/table-region";
import { requireAgent } from "@/lib/agents/current-agent";
import { myActivity } from "@/lib/agents/management";
import { formatDayTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Mon activité" };

const LABELS: Record<string, string> = {
  "agent.invited": "Agent invité",
  "agent.invitation_resent": "Invitation renvoyée",
  "agent.enrolled": "Accès activé",
  "agent.password_accepted": "Mot de passe accepté (connexion, étape 1)",
  "agent.sign_in": "Connexion",
  "agent.sign_out": "Déconnexion",
  "agent.sign_in_failed": "Connexion refusée",
  "agent.second_factor_failed": "Code de connexion refusé",
  "agent.totp_replayed": "Code de connexion déjà utilisé, refusé",
  "agent.second_factor_throttled": "Trop de codes refusés",
  "agent.rights_changed": "Rôles et départements d'un agent modifiés",
  "agent.deactivated": "Agent désactivé",
  "operator.letters_exported": "Courriers téléchargés",
  "operator.letter_sent": "Courrier marqué comme envoyé",
  "operator.contest_resolved": "Contestation décidée",
  "structure.verified": "Structure vérifiée sur pièces",
  "support.activation_resent": "Lien d'activation renvoyé",
  "support.unblocked": "Compte débloqué",
  "support.account_disabled": "Compte désactivé",
  // Payment (issue 20).
  "payment_order.built": "Ordre de paiement établi",
  "refund.payment_ordered": "Demande mise en paiement",
  "payment_order.downloaded": "Fichier de virements téléchargé",
  "payment_order.paid": "Ordre marqué comme payé",
  "refund.paid": "Demande marquée comme payée",
};

const TARGETS: Record<string, string> = {
  agent: "agent",
  structure: "structure",
  user: "utilisateur",
  verification_letter: "courriers",
  agent_session: "session",
  refund_request: "demande",
  payment_order: "ordre de paiement",
};

export default async function MyActivityPage() {
  const agent = await requireAgent();
  const events = myActivity(agent);
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Mon activité</h1>
      <p className="mt-2">
        Tout ce que vous faites dans l&apos;espace de l&apos;administration est tracé à votre nom ; les usagers voient le service, jamais
        votre nom. Les 100 dernières actions :
      </p>
      <TableRegion label="Tableau de mon activité">
        <table className="mt-4 w-full border-collapse bg-white text-left">
          <thead>
            <tr>
              <th scope="col" className="border-b p-2">
                Date
              </th>
              <th scope="col" className="border-b p-2">
                Action
              </th>
              <th scope="col" className="border-b p-2">
                Sur
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="border-b p-2 whitespace-nowrap">{formatDayTime(e.at)}</td>
                <td className="border-b p-2">{LABELS[e.action] ?? e.action}</td>
                <td className="border-b p-2">
                  {e.targetType ? `${TARGETS[e.targetType] ?? e.targetType}${e.targetId ? ` n° ${e.targetId}` : ""}` : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}
