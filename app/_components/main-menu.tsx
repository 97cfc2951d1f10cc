import Link from "next/link";

const ITEMS = [
  { href: "/accueil", label: "Accueil" },
  { href: "/mon-compte", label: "Mon compte" },
] as const;

/** The portal's menu. Tabs for structures and spaces are added from the user's rights. */
export function MainMenu() {
  return (
    <nav aria-label="Menu principal" className="mb-8 border-b border-gray-300">
      <ul className="flex flex-wrap gap-6">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="inline-block py-2 font-semibold">
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
