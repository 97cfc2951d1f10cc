import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { categoryLabel } from "@/lib/spaces/catalogue";
import { ticSpaceForUser } from "@/lib/spaces/queries";

export const metadata: Metadata = { title: "Demande de remboursement TIC" };

export default async function TicRefundSpacePage() {
  const actor = await requireActor();
  const tic = ticSpaceForUser(actor.userId);
  if (!tic) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-brand">Demande de remboursement TIC</h1>
        <p className="mt-4">
          Vous n&apos;avez pas accès à cet espace pour la structure sur laquelle vous travaillez. Consultez{" "}
          <Link href="/accueil">l&apos;accueil</Link> pour savoir quelle étape il vous reste.
        </p>
      </div>
    );
  }
  const { structure: current, access, space } = tic;
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">Demande de remboursement TIC</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 rounded border border-gray-300 bg-white p-6">
        <dt className="font-semibold">Structure</dt>
        <dd>{current.name}</dd>
        <dt className="font-semibold">Vos droits</dt>
        <dd>{access.canEdit ? "Consultation et modification" : "Consultation"}</dd>
        <dt className="font-semibold">Numéro PACAGE</dt>
        <dd>{space.pacage ?? "non renseigné"}</dd>
        <dt className="font-semibold">Catégorie de bénéficiaire</dt>
        <dd>{categoryLabel(space.beneficiaryCategory)}</dd>
      </dl>
      <h2 className="mt-8 text-xl font-bold">Ce que vous ferez ici</h2>
      <p className="mt-2">
        Le dépôt des demandes n&apos;est pas encore disponible sur ce portail : il arrive dans la prochaine version. Vous pourrez
        alors :
      </p>
      <ul className="mt-2 list-disc pl-6">
        <li>créer une demande par année de livraison, avec vos références bancaires ;</li>
        <li>saisir une ligne par facture (gazole non routier, fioul lourd, GPL, gaz naturel), le taux et le montant se calculant seuls ;</li>
        <li>joindre vos factures, transmettre la demande et télécharger votre récépissé ;</li>
        <li>suivre son traitement, de la mise à disposition à la mise en paiement.</li>
      </ul>
      {!access.canEdit ? (
        <p className="mt-4">Avec le droit de consultation seul, vous pourrez voir et télécharger les demandes, sans les modifier.</p>
      ) : null}
    </div>
  );
}
