import type { Metadata } from "next";
import { requireAgent } from "@/lib/agents/current-agent";
import { ROLE_LABELS } from "@/lib/agents/identity";
import { adminMenu } from "../admin-menu";
import { agentSignOutAction } from "../(sans-session)/connexion/actions";
import { AdminHeader, SkipLink } from "../admin-header";
import { AdminMenuLink } from "../admin-menu-link";

export const metadata: Metadata = { title: { template: "%s – Administration – Portail TIC", default: "Administration – Portail TIC" } };

/** Every page of the administration's area: an agent's session (password and second factor). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgent();
  const items = adminMenu(agent);
  return (
    <>
      <SkipLink />
      <AdminHeader>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>
            {`${agent.firstName} ${agent.lastName}`}
            <span className="block text-sm text-amber-200">{agent.roles.map((r) => ROLE_LABELS[r]).join(", ") || "Aucun rôle"}</span>
          </span>
          <form action={agentSignOutAction}>
            <button type="submit" className="rounded border-2 border-white px-3 py-1 font-semibold text-white">
              Se déconnecter
            </button>
          </form>
        </div>
      </AdminHeader>
      <main id="contenu" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        <nav aria-label="Menu de l'administration" className="mb-8 border-b border-gray-400">
          {/* One list: a disclosure on a phone, always shown from 48rem (`.menu-disclosure`, ADR 0030). */}
          <details className="menu-disclosure">
            <summary className="inline-flex cursor-pointer items-center gap-2 rounded border-2 border-slate-900 px-3 font-semibold text-slate-900 md:hidden">
              Menu
            </summary>
            <ul className="mt-2 flex flex-col md:mt-0 md:flex-row md:flex-wrap md:gap-6">
              {items.map((item) => (
                <li key={item.href}>
                  <AdminMenuLink href={item.href}>{item.label}</AdminMenuLink>
                </li>
              ))}
            </ul>
          </details>
        </nav>
        {children}
      </main>
    </>
  );
}
