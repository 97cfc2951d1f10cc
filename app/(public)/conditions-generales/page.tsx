import type { Metadata } from "next";

export const metadata: Metadata = { title: "Conditions générales d'utilisation" };

export default function TermsPage() {
  return (
    <article className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold text-brand">Conditions générales d&apos;utilisation</h1>
      <p className="text-sm text-gray-700">Version du 27 novembre 2026.</p>
      <h2 className="text-xl font-bold">1. Objet</h2>
      <p>
        Le Portail TIC permet aux entreprises agricoles, ou à ceux qu&apos;elles mandatent, de créer un compte utilisateur, de rattacher ce
        compte à une structure identifiée par son n° de SIRET, d&apos;ouvrir l&apos;espace « Demande de remboursement TIC » et d&apos;y
        déposer leurs demandes de remboursement partiel de la taxe intérieure de consommation.
      </p>
      <h2 className="text-xl font-bold">2. Compte utilisateur</h2>
      <p>
        Le compte est personnel. Vous êtes responsable de la confidentialité de votre mot de passe et de la réponse à votre question
        secrète. Les informations que vous saisissez doivent être exactes ; vous pouvez les modifier à tout moment dans « Mon compte ».
      </p>
      <h2 className="text-xl font-bold">3. Structures et droits</h2>
      <p>
        Le créateur d&apos;une structure en devient le gestionnaire principal. Il valide ou refuse les demandes de rattachement et
        d&apos;abonnement des autres utilisateurs. Chaque action est enregistrée dans un journal (qui, quoi, quand).
      </p>
      <h2 className="text-xl font-bold">4. Données personnelles</h2>
      <p>
        Nous conservons les données nécessaires au service : identité, coordonnées, structures, demandes et journal des actions. Les mots de
        passe et les réponses aux questions secrètes sont conservés sous une forme chiffrée irréversible. Vous disposez d&apos;un droit
        d&apos;accès, de rectification et d&apos;effacement auprès de l&apos;éditeur du portail.
      </p>
      <h2 className="text-xl font-bold">5. Courriels</h2>
      <p>
        Le portail vous écrit pour activer votre compte, réinitialiser votre mot de passe et vous informer des décisions qui vous
        concernent. Il ne vous demandera jamais votre mot de passe par courriel.
      </p>
    </article>
  );
}
