import type { Metadata } from "next";
import Link from "next/link";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Mentions légales" };

export default function LegalNoticePage() {
  const { contactEmail, hostingProvider, isLocal } = getConfig();
  return (
    <article className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold text-brand">Mentions légales</h1>
      <h2 className="text-xl font-bold">Éditeur</h2>
      <p>
        Le Portail TIC est un service indépendant qui aide les entreprises agricoles à préparer et déposer leurs demandes de remboursement
        partiel de TIC. Il n&apos;est pas un site de l&apos;État et n&apos;a pas de lien officiel avec Chorus Pro. Contact :{" "}
        <a href={`mailto:${contactEmail}`}>{contactEmail}</a>.
      </p>
      <h2 className="text-xl font-bold">Hébergement</h2>
      {hostingProvider ? (
        <p>{`Hébergeur : ${hostingProvider}.`}</p>
      ) : (
        <p>
          {isLocal
            ? "Cette installation tourne sur la machine de son exploitant, sans hébergeur."
            : "L'hébergeur n'est pas encore renseigné par l'exploitant du service (réglage HOSTING_PROVIDER) : écrivez au contact ci-dessus pour l'obtenir."}
        </p>
      )}
      <h2 className="text-xl font-bold">Données de l&apos;INSEE</h2>
      <p>
        Les informations sur les établissements (nom, adresse, activité, catégorie juridique) viennent de la base SIRENE de l&apos;INSEE,
        publiée sous licence ouverte. Les libellés des codes d&apos;activité (NAF rév. 2) et des catégories juridiques sont ceux des
        nomenclatures de l&apos;INSEE.
      </p>
      <h2 className="text-xl font-bold">Identité visuelle</h2>
      <p>
        Le logo et les couleurs sont propres au portail. Le portail n&apos;utilise ni le système de design de l&apos;État ni la police
        Marianne, réservés aux sites de l&apos;État.
      </p>
      <h2 className="text-xl font-bold">Voir aussi</h2>
      <ul className="list-disc pl-6">
        <li>
          <Link href="/conditions-generales">Conditions générales d&apos;utilisation</Link>
        </li>
        <li>
          <Link href="/donnees-personnelles">Données personnelles</Link>
        </li>
        <li>
          <Link href="/accessibilite">Déclaration d&apos;accessibilité</Link>
        </li>
      </ul>
    </article>
  );
}
