import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { signOutAction } from "./(public)/connexion/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portail TIC", template: "%s – Portail TIC" },
  description:
    "Créez votre compte, rattachez votre exploitation et déposez vos demandes de remboursement partiel de TIC (gazole non routier, fioul lourd, GPL, gaz naturel).",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getCurrentActor();
  return (
    <html lang="fr">
      <body className="min-h-screen flex flex-col">
        <a
          href="#contenu"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2"
        >
          Aller au contenu
        </a>
        <header className="border-b-4 border-brand bg-white">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
            <Link href={actor ? "/accueil" : "/"} className="text-xl font-bold text-brand no-underline">
              Portail TIC
              <span className="block text-sm font-normal text-gray-700">Remboursement partiel de TIC aux exploitants agricoles</span>
            </Link>
            {actor ? (
              <div className="flex flex-wrap items-center gap-3">
                <span>{`${actor.firstName} ${actor.lastName}`}</span>
                <form action={signOutAction}>
                  <button type="submit" className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand">
                    Se déconnecter
                  </button>
                </form>
              </div>
            ) : (
              <nav aria-label="Accès au compte" className="flex gap-4">
                <Link href="/connexion">Se connecter</Link>
                <Link href="/inscription">Créer votre compte</Link>
              </nav>
            )}
          </div>
        </header>
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-gray-300 bg-white">
          <ul className="mx-auto flex max-w-5xl flex-wrap gap-6 px-4 py-4 text-sm">
            <li>
              <Link href="/conditions-generales">Conditions générales d&apos;utilisation</Link>
            </li>
            <li>
              <Link href="/accessibilite">Accessibilité : partiellement conforme</Link>
            </li>
          </ul>
        </footer>
      </body>
    </html>
  );
}
