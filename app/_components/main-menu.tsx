import { MenuLink } from "./menu-link";

type Item = { href: string; label: string };

/** The portal's menu, built on each request from the rights read in the database. */
export function MainMenu({ isManager, hasTicSpace }: { isManager: boolean; hasTicSpace: boolean }) {
  const items: Item[] = [
    { href: "/accueil", label: "Accueil" },
    { href: "/mon-compte", label: "Mon compte" },
    ...(isManager ? [{ href: "/gestionnaire", label: "Activités du gestionnaire" }] : []),
    ...(hasTicSpace ? [{ href: "/remboursement-tic", label: "Demande de remboursement TIC" }] : []),
  ];
  return (
    <nav aria-label="Menu principal" className="border-b border-gray-300">
      <ul className="flex flex-wrap gap-6">
        {items.map((item) => (
          <li key={item.href}>
            <MenuLink href={item.href}>{item.label}</MenuLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
