import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { RETENTION_DAYS } from "@/lib/privacy/retention";

export const metadata: Metadata = { title: "Données personnelles" };

const days = (n: number) => (n % 365 === 0 ? `${n / 365} ans` : n === 1 ? "1 jour" : `${n} jours`);

/** What is stored, why, and for how long: the durations come from lib/privacy/retention.ts, which `npm run data:purge` enforces. */
const ROWS: { what: string; why: string; kept: string }[] = [
  {
    what: "Votre compte : adresses électroniques, nom, prénom, téléphone, n° de SIRET et adresse donnés à l'inscription",
    why: "Vous identifier, vous écrire, proposer votre structure",
    kept: `Tant que le compte existe ; un compte jamais activé est supprimé ${days(RETENTION_DAYS.unactivatedAccount)} après l'inscription`,
  },
  {
    what: "Mot de passe et réponse à la question secrète",
    why: "Vous connecter, récupérer votre mot de passe",
    kept: "Sous forme chiffrée irréversible (argon2id), tant que le compte existe",
  },
  {
    what: "Liens reçus par courriel (activation, mot de passe oublié)",
    why: "Vérifier qu'un lien est valable et ne sert qu'une fois",
    kept: `Empreinte seulement ; supprimés ${days(RETENTION_DAYS.spentMailToken)} après usage ou expiration`,
  },
  {
    what: "Invitations envoyées par un centre de gestion à une exploitation pas encore inscrite (n° de SIRET, adresse électronique de l'exploitation)",
    why: "Conduire l'exploitation à la demande de mandat qui l'attend",
    kept: `Lien sous forme d'empreinte seulement ; supprimées ${days(RETENTION_DAYS.endedInvitation)} après leur expiration, leur annulation ou l'inscription de l'exploitation`,
  },
  {
    what: "Sessions de connexion (date, adresse IP)",
    why: "Vous garder connecté, pouvoir fermer une session",
    kept: `Supprimées ${days(RETENTION_DAYS.endedSession)} après leur fin`,
  },
  {
    what: "Sessions des agents de l'administration (date, adresse IP)",
    why: "Garder l'agent connecté, fermer ses sessions",
    kept: `Supprimées ${days(RETENTION_DAYS.endedAgentSession)} après leur fin`,
  },
  {
    what: "Compteurs de tentatives (inscription, connexion, récupération)",
    why: "Protéger les comptes contre les essais en série",
    kept: `Supprimés ${days(RETENTION_DAYS.rateLimit)} après leur période`,
  },
  {
    what: "Courriels envoyés (destinataire, objet)",
    why: "Réessayer un envoi qui a échoué, répondre à une réclamation",
    kept: `Contenu effacé dès l'envoi ; destinataire et objet supprimés ${days(RETENTION_DAYS.sentMail)} après l'envoi`,
  },
  {
    what: "Étapes mises de côté pour le récapitulatif quotidien (texte de l'étape, lien)",
    why: "Vous les envoyer en un seul courriel le lendemain",
    kept: `Supprimées ${days(RETENTION_DAYS.sentDigestItem)} après l'envoi du récapitulatif`,
  },
  {
    what: "Journal des actions (qui a fait quoi, quand, depuis quelle adresse IP)",
    why: "Sécurité, preuve des décisions (rattachements, abonnements, demandes)",
    kept: `Supprimé au bout de ${days(RETENTION_DAYS.auditEvent)}`,
  },
  {
    what: "Structures, rattachements, abonnements, références bancaires, demandes de remboursement, factures et accusés de réception",
    why: "Déposer et suivre les demandes ; justificatifs en cas de contrôle",
    kept: "Tant que la structure est inscrite sur le portail : pas encore de suppression automatique",
  },
];

export default function PrivacyPage() {
  const { contactEmail } = getConfig();
  return (
    <article className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold text-brand">Données personnelles</h1>
      <p>
        Le Portail TIC ne garde que les données nécessaires au service, ne les vend pas et ne les utilise pas pour de la publicité. Il ne
        dépose que des cookies nécessaires à son fonctionnement : votre session de connexion, et pendant une heure au plus l&apos;adresse
        saisie à l&apos;inscription ou à l&apos;activation (pour l&apos;afficher sur la page suivante). Aucun cookie de mesure
        d&apos;audience ni de publicité.
      </p>
      <h2 className="text-xl font-bold">Ce que nous conservons, et combien de temps</h2>
      <ul className="space-y-3">
        {ROWS.map((row) => (
          <li key={row.what} className="rounded border border-gray-300 bg-white p-4">
            <h3 className="font-semibold">{row.what}</h3>
            <p className="mt-1">
              <span className="font-semibold">Pourquoi : </span>
              {row.why}.
            </p>
            <p className="mt-1">
              <span className="font-semibold">Durée : </span>
              {row.kept}.
            </p>
          </li>
        ))}
      </ul>
      <p>Ces durées sont appliquées chaque jour par une suppression automatique, elle-même inscrite au journal.</p>
      <h2 className="text-xl font-bold">Vos droits (RGPD)</h2>
      <p>
        Vous pouvez consulter et corriger vos informations dans « Mon compte ». Pour obtenir une copie de vos données, les faire supprimer
        ou vous opposer à un traitement, écrivez à <a href={`mailto:${contactEmail}`}>{contactEmail}</a>. Si la réponse ne vous satisfait
        pas, vous pouvez saisir la CNIL (www.cnil.fr).
      </p>
    </article>
  );
}
