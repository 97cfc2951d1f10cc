"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A menu entry of the administration; « Accueil » is current on its own page only. */
export function AdminMenuLink({ href, children }: { href: string; children: React.ReactNode }) {
  const path = usePathname();
  const current = href === "/administration" ? path === href : path.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`touch-target inline-flex items-center border-b-4 py-2 font-semibold text-slate-900 ${current ? "border-amber-500 no-underline" : "border-transparent"}`}
    >
      {children}
    </Link>
  );
}
