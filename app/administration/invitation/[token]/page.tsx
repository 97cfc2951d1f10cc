import type { Metadata } from "next";
import { readInvitation } from "@/lib/agents/invitations";
import { EnrolForm } from "./enrol-form";

export const metadata: Metadata = { title: "Activer votre accès d'agent" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = /^[A-Za-z0-9_-]{43}$/.test(token) ? await readInvitation(token) : null;
  if (!invitation) {
    return (
      <div className="max-w-xl">
        <h1 className="text-3xl font-bold text-slate-900">Lien d&apos;invitation non valable</h1>
        <p className="mt-4">Ce lien a déjà servi ou a expiré (il est valable 24 heures). Demandez une nouvelle invitation à un administrateur.</p>
      </div>
    );
  }
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold text-slate-900">Activer votre accès d&apos;agent</h1>
      <p className="mt-2">
        {`${invitation.firstName} ${invitation.lastName}`} ({invitation.email}) : choisissez votre mot de passe et enregistrez votre second facteur.
      </p>
      <section aria-labelledby="second-facteur" className="mt-8 rounded border border-gray-400 bg-white p-4">
        <h2 id="second-facteur" className="text-xl font-bold">
          1. Votre application d&apos;authentification
        </h2>
        <p className="mt-2">
          Dans votre application (FreeOTP, Google Authenticator, Microsoft Authenticator…), ajoutez un compte en scannant ce code QR, ou saisissez la clé à la main.
        </p>
        <div className="mt-4 flex flex-wrap items-start gap-6">
          <div role="img" aria-label="Code QR de la clé de votre second facteur" className="h-48 w-48 bg-white" dangerouslySetInnerHTML={{ __html: invitation.qrSvg }} />
          <div>
            <p className="font-semibold">Clé à saisir à la main</p>
            <p className="mt-1 font-mono text-lg break-all" data-testid="totp-secret">
              {invitation.secret}
            </p>
            <p className="mt-2 text-sm text-gray-700">Type : basé sur le temps (TOTP), 6 chiffres, 30 secondes.</p>
          </div>
        </div>
      </section>
      <EnrolForm token={token} email={invitation.email} />
    </div>
  );
}
