import Link from "next/link";

/** The same links on every page (RGAA 12.1: at least two ways to find help and the legal pages). */
export const FOOTER_LINKS = [
  { href: "/aide", label: "Aide" },
  { href: "/contact", label: "Contact" },
  { href: "/mentions-legales", label: "Mentions légales" },
  { href: "/donnees-personnelles", label: "Données personnelles" },
  { href: "/accessibilite", label: "Accessibilité : partiellement conforme" },
  { href: "/conditions-generales", label: "Conditions générales d'utilisation" },
] as const;

export function SiteFooter() {
  return (
    <footer className="border-t border-gray-300 bg-white">
      <nav aria-label="Pied de page" className="mx-auto max-w-5xl px-4 py-4">
        <ul className="flex flex-wrap gap-x-6 text-sm">
          {FOOTER_LINKS.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="touch-target inline-flex items-center">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-gray-700">
          Portail TIC — remboursement partiel de TIC aux exploitants agricoles. Service indépendant, sans lien officiel avec Chorus Pro.
        </p>
      </nav>
    </footer>
  );
}
