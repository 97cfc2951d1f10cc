"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A menu entry that says which page is the current one (aria-current), for everyone. */
export function MenuLink({ href, children }: { href: string; children: React.ReactNode }) {
  const current = usePathname().startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`touch-target inline-flex items-center border-b-4 py-2 font-semibold ${current ? "border-brand no-underline" : "border-transparent"}`}
    >
      {children}
    </Link>
  );
}
