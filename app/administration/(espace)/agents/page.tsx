import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableRegion } from "@/app/_components/table-region";
import { can } from "@/lib/access";
import { requireAgent } from "@/lib/agents/current-agent";
import { ROLE_LABELS } from "@/lib/agents/identity";
import { listAgents } from "@/lib/agents/management";
import { InviteAgentForm } from "./forms";

export const metadata: Metadata = { title: "Agents" };

const STATUS = { invited: "Invité", active: "Actif", disabled: "Désactivé" } as const;

export default async function AgentsPage() {
  const agent = await requireAgent();
  if (!can(agent, "agent.invite")) notFound();
  const rows = listAgents(agent);
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Agents</h1>
      <TableRegion label="Tableau des agents">
        <table className="table-cards mt-4 w-full border-collapse bg-white text-left">
          <thead>
            <tr>
              <th scope="col" className="border-b p-2">
                Agent
              </th>
              <th scope="col" className="border-b p-2">
                Rôles
              </th>
              <th scope="col" className="border-b p-2">
                Départements
              </th>
              <th scope="col" className="border-b p-2">
                État
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td data-label="Agent" className="border-b p-2">
                  <Link href={`/administration/agents/${row.id}`}>{`${row.firstName} ${row.lastName}`}</Link>
                  <span className="block text-sm text-gray-700">{row.email}</span>
                </td>
                <td data-label="Rôles" className="border-b p-2">
                  {row.roles.map((r) => ROLE_LABELS[r]).join(", ") || "—"}
                </td>
                <td data-label="Départements" className="border-b p-2">
                  {row.departements.join(", ") || "—"}
                </td>
                <td data-label="État" className="border-b p-2">
                  {STATUS[row.status]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <section aria-labelledby="inviter" className="mt-10">
        <h2 id="inviter" className="text-xl font-bold">
          Inviter un agent
        </h2>
        <p className="mt-1 text-gray-700">
          L&apos;agent reçoit un lien valable 24 heures pour choisir son mot de passe et enregistrer son second facteur.
        </p>
        <InviteAgentForm />
      </section>
    </div>
  );
}
