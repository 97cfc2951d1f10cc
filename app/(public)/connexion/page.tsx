import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StepIndicator } from "@/app/_components/step-indicator";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { activatedAddress } from "./activated-cookie";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Se connecter" };

type Search = Promise<{ compte?: string; deconnecte?: string; retour?: string; suivant?: string; motdepasse?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  // `retour`: the page a signed-out visit was sent here from (lib/auth/require-actor.ts).
  const next = [params.retour, params.suivant].find((value) => typeof value === "string");
  if (await getCurrentActor()) redirect(safeRedirectPath(next));
  const notice =
    params.compte === "actif"
      ? "Votre compte utilisateur est désormais actif. Connectez-vous pour rattacher votre compte à votre structure."
      : params.motdepasse === "modifie"
        ? "Votre mot de passe est modifié. Connectez-vous avec votre nouveau mot de passe."
        : params.deconnecte
          ? "Vous êtes déconnecté."
          : params.retour
            ? "Connectez-vous pour afficher la page demandée."
            : null;
  return (
    <div className="max-w-xl">
      {params.compte === "actif" ? <StepIndicator current={2} done={[1]} /> : null}
      <h1 className="text-3xl font-bold text-brand">Se connecter</h1>
      {notice ? (
        <p role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          {notice}
        </p>
      ) : null}
      <SignInForm next={next} loginEmail={params.compte === "actif" ? await activatedAddress() : undefined} />
      <ul className="mt-6 space-y-2">
        <li>
          <Link href="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </li>
        <li>
          <Link href="/activation/renvoyer">Vous n&apos;avez pas reçu le lien d&apos;activation ?</Link>
        </li>
        <li>
          Pas encore de compte ? <Link href="/inscription">Créer votre compte</Link>
        </li>
      </ul>
    </div>
  );
}
