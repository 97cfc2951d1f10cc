import type { Metadata } from "next";
import Link from "next/link";
import { requireAgent } from "@/lib/agents/current-agent";
import { adminMenu } from "../admin-menu";

export const metadata: Metadata = { title: "Accueil" };

export default async function AdminHomePage() {
  const agent = await requireAgent();
  const entries = adminMenu(agent).slice(1);
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Espace de l&apos;administration</h1>
      <p className="mt-2">
        {agent.departements.length > 0
          ? `Vos départements : ${agent.departements.join(", ")}.`
          : "Aucun département ne vous est attribué : vous ne voyez aucune structure."}
      </p>
      <ul className="mt-6 space-y-2">
        {entries.map((entry) => (
          <li key={entry.href}>
            <Link href={entry.href} className="touch-target inline-flex items-center font-semibold">
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
