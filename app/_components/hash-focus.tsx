"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * A task reached by a link to an anchor (« Ouvrir l'espace » → `…#ajouter-espaces`) lands on its
 * form with the focus there, so that the next Tab is its first field and a screen reader starts
 * reading at it (issue 21). A full page load does it natively (the target has `tabIndex={-1}`);
 * a client-side navigation of Next.js only scrolls: this focuses the target after each one.
 */
export function HashFocus() {
  const pathname = usePathname();
  useEffect(() => {
    const focusTarget = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (target && target.tabIndex === -1 && document.activeElement !== target) target.focus();
    };
    // After Next.js has scrolled to the target and handled its own focus.
    const frame = requestAnimationFrame(focusTarget);
    window.addEventListener("hashchange", focusTarget);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("hashchange", focusTarget);
    };
  }, [pathname]);
  return null;
}
