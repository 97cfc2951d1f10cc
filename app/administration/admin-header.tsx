import Link from "next/link";
import type { ReactNode } from "react";

/** The administration's band: dark, with an amber edge, so that an agent sees at once where they are. */
export function AdminHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="border-t-8 border-amber-400 bg-slate-900 text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/administration" className="text-xl font-bold text-white no-underline">
          Portail TIC
          <span className="block text-sm font-normal text-amber-200">Espace de l&apos;administration – accès réservé aux agents</span>
        </Link>
        {children}
      </div>
    </header>
  );
}

export function SkipLink() {
  return (
    <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-2">
      Aller au contenu
    </a>
  );
}
