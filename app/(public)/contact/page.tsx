import type { Metadata } from "next";
import Link from "next/link";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Contact" };

export default function ContactPage() {
  const { contactEmail } = getConfig();
  return (
    <article className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold text-brand">Contact</h1>
      <p>
        Avant d&apos;écrire, la page <Link href="/aide">Aide</Link> répond aux questions les plus fréquentes (courriel d&apos;activation,
        gestionnaire qui ne répond pas, SIRET refusé, année et taux de la demande, délégation).
      </p>
      <h2 className="text-xl font-bold">Écrire à l&apos;équipe du portail</h2>
      <p>
        <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
      </p>
      <p>Pour que nous puissions vous répondre vite, indiquez :</p>
      <ul className="list-disc pl-6">
        <li>votre adresse électronique de connexion ;</li>
        <li>le n° de SIRET de la structure concernée ;</li>
        <li>la page où vous êtes bloqué et le message affiché ;</li>
        <li>la référence de la demande de remboursement, s&apos;il y en a une.</li>
      </ul>
      <p>Ne nous envoyez jamais votre mot de passe ni la réponse à votre question secrète : nous ne les demandons jamais.</p>
      <h2 className="text-xl font-bold">Questions sur le remboursement lui-même</h2>
      <p>
        Le montant accordé, l&apos;instruction et le paiement relèvent de l&apos;administration qui traite votre demande ; le portail vous
        en transmet chaque statut par courriel.
      </p>
    </article>
  );
}
