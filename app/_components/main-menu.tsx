import { MenuLink } from "./menu-link";

type Item = { href: string; label: string };

/**
 * The portal's menu, built on each request from the rights read in the database. Below 48rem it
 * folds into a <details> disclosure (« Menu »): it opens and closes without JavaScript, and its
 * summary tells screen readers whether it is expanded. From 48rem the same list is always shown
 * (the disclosure's content is made visible in CSS): each link is rendered once, not once per
 * layout (issue 23: every client component costs each page a server render).
 */
type MenuProps = { isManager: boolean; hasTicSpace: boolean; showMandates: boolean; hasPortfolio: boolean; pendingDecisions?: number };

export function MainMenu({ isManager, hasTicSpace, showMandates, hasPortfolio, pendingDecisions = 0 }: MenuProps) {
  const items: Item[] = [
    { href: "/accueil", label: "Accueil" },
    { href: "/mon-compte", label: "Mon compte" },
    // The count is text, read with the link's name (« … (3 en attente) »), not a coloured dot.
    ...(isManager
      ? [
          {
            href: "/gestionnaire",
            label: pendingDecisions > 0 ? `Activités du gestionnaire (${pendingDecisions} en attente)` : "Activités du gestionnaire",
          },
        ]
      : []),
    ...(hasTicSpace ? [{ href: "/remboursement-tic", label: "Demande de remboursement TIC" }] : []),
    ...(hasPortfolio ? [{ href: "/portefeuille", label: "Portefeuille" }] : []),
    ...(showMandates ? [{ href: "/mandats", label: "Mandats" }] : []),
  ];
  return (
    <nav aria-label="Menu principal" className="border-b border-gray-300">
      {/* One list, rendered once: a disclosure on a phone, always shown from 48rem (`.menu-disclosure`). */}
      <details className="menu-disclosure">
        <summary className="inline-flex cursor-pointer items-center gap-2 rounded border-2 border-brand px-3 font-semibold text-brand md:hidden">
          Menu
        </summary>
        <ul className="mt-2 flex flex-col md:mt-0 md:flex-row md:flex-wrap md:gap-6">
          {items.map((item) => (
            <li key={item.href}>
              <MenuLink href={item.href}>{item.label}</MenuLink>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
