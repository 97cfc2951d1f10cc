import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { invitationView } from "@/lib/mandates/invitations";
import { FollowInvitationForm } from "./follow-form";

export const metadata: Metadata = { title: "Invitation à confier vos demandes de remboursement TIC" };

/**
 * The link of an invitation mailed by a centre de gestion to a farm not yet on the portal (ADR
 * 0029). Signed out: « Se connecter » (back here) or « Créer votre compte ». Signed in: one button
 * uses the link and leads to the creation of the farm's structure, pre-filled from SIRENE; the
 * mandate asked then waits for the farm's decision.
 */
export default async function MandateInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await getCurrentActor();
  const view = invitationView(token, actor?.userId ?? null);
  if (view.state === "invalid" || view.state === "expired") {
    return (
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-brand">Lien d&apos;invitation non valable</h1>
        <p className="mt-4 text-lg">
          {view.state === "expired"
            ? `Ce lien d'invitation a expiré. Demandez à ${view.agentName} de vous en envoyer un nouveau.`
            : "Ce lien d'invitation n'est pas reconnu, a été annulé ou a déjà servi. Vérifiez que vous avez copié l'adresse complète, ou demandez une nouvelle invitation à la structure qui vous l'a envoyée."}
        </p>
        <p className="mt-4">
          Votre exploitation peut aussi s&apos;inscrire directement : <Link href="/inscription">Créer votre compte</Link>.
        </p>
      </div>
    );
  }
  if (view.state === "converted") {
    return (
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-brand">Invitation déjà suivie</h1>
        <p className="mt-4">
          La structure de cette exploitation est inscrite sur le portail : la demande de mandat attend la décision de son gestionnaire
          principal.
        </p>
        <p className="mt-4">
          <Link href={`/mandats/${view.mandateId}`}>Voir la demande de mandat</Link>
        </p>
      </div>
    );
  }
  const self = `/invitation-mandat/${token}`;
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-brand">{`${view.agentName} vous demande un mandat`}</h1>
      <p className="mt-4">
        {`${view.agentName} souhaite préparer les demandes de remboursement de TIC de l'exploitation dont le SIRET est ${formatSiret(view.siret)}, avec un mandat sur son espace « Demande de remboursement TIC » : ${view.rights}, ${view.until}. Un mandat ne lui permet jamais de gérer vos utilisateurs, vos espaces ni vos références bancaires, et vous pouvez y mettre fin à tout moment.`}
      </p>
      <h2 className="mt-6 text-xl font-bold">Ce qu&apos;il vous reste à faire</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        <li>Vous connecter au portail, ou créer votre compte si vous n&apos;en avez pas ;</li>
        <li>inscrire votre exploitation : le formulaire est pré-rempli avec les informations de la base INSEE ;</li>
        <li>accepter ou refuser la demande de mandat, qui vous attend alors.</li>
      </ol>
      {actor ? (
        <FollowInvitationForm token={token} label="Inscrire mon exploitation" />
      ) : (
        <>
          <p className="mt-6 flex flex-wrap gap-4">
            <Link
              href={`/connexion?retour=${encodeURIComponent(self)}`}
              className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
            >
              Se connecter
            </Link>
            <Link
              href="/inscription"
              className="inline-block rounded border-2 border-brand px-4 py-2 font-semibold text-brand no-underline"
            >
              Créer votre compte
            </Link>
          </p>
          <p className="mt-4">
            {`Après avoir créé et activé votre compte, revenez à ce lien depuis le courriel d'invitation : il reste valable jusqu'au ${formatDay(view.expiresAt)} et ne sert qu'une fois.`}
          </p>
        </>
      )}
    </div>
  );
}
