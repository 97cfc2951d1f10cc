import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { isAdministrationPath } from "@/lib/agents/cookie-names";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { REQUEST_PATH_HEADER } from "@/lib/auth/return-path";
import { signOutAction } from "./(public)/connexion/actions";
import { Logo } from "./_components/logo";
import { SiteFooter } from "./_components/site-footer";
import "./globals.css";
import { fullName } from "@/lib/names";

export const metadata: Metadata = {
  title: { default: "Portail TIC", template: "%s – Portail TIC" },
  description:
    "Créez votre compte, rattachez votre exploitation et déposez vos demandes de remboursement partiel de TIC (gazole non routier, fioul lourd, GPL, gaz naturel).",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The administration's area has its own header, look and session (app/administration, ADR 0020).
  if (isAdministrationPath((await headers()).get(REQUEST_PATH_HEADER) ?? "")) {
    return (
      <html lang="fr">
        <body className="min-h-screen flex flex-col bg-slate-100">{children}</body>
      </html>
    );
  }
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
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
            <Link href={actor ? "/accueil" : "/"} className="flex items-center gap-3 text-xl font-bold text-brand no-underline">
              <Logo />
              <span>
                Portail TIC
                <span className="block text-sm font-normal text-gray-700">Remboursement partiel de TIC aux exploitants agricoles</span>
              </span>
            </Link>
            {actor ? (
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span>{`${fullName(actor)}`}</span>
                <form action={signOutAction}>
                  <button type="submit" className="rounded border-2 border-brand px-3 py-1 font-semibold text-brand">
                    Se déconnecter
                  </button>
                </form>
              </div>
            ) : (
              <nav aria-label="Accès au compte" className="flex flex-wrap gap-x-4">
                <Link href="/connexion" className="touch-target inline-flex items-center">
                  Se connecter
                </Link>
                <Link href="/inscription" className="touch-target inline-flex items-center">
                  Créer votre compte
                </Link>
              </nav>
            )}
          </div>
        </header>
        <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
