import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DoneNotice } from "@/app/_components/done-notice";
import { can } from "@/lib/access";
import { requireAgent } from "@/lib/agents/current-agent";
import { ROLE_LABELS } from "@/lib/agents/identity";
import { agentDetails } from "@/lib/agents/management";
import { DeactivateAgentForm, ResendInvitationForm, UpdateAgentForm } from "../forms";
import { positiveInteger } from "@/lib/search-params";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requireAgent();
  const id = positiveInteger((await params).id);
  if (id === null || !can(agent, "agent.invite")) notFound();
  const other = agentDetails(agent, id);
  if (!other) notFound();
  return (
    <div>
      <p>
        <Link href="/administration/agents">← Agents</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{`${other.firstName} ${other.lastName}`}</h1>
      <DoneNotice />
      <p className="mt-1">{other.email}</p>
      <p className="mt-1">
        Rôles : {other.roles.map((r) => ROLE_LABELS[r]).join(", ") || "aucun"} ; départements : {other.departements.join(", ") || "aucun"}.
      </p>
      {other.isSelf ? (
        <p className="mt-6 rounded border-l-4 border-amber-500 bg-amber-50 p-4">
          Vous ne pouvez pas modifier vos propres rôles ni vous désactiver : demandez-le à un autre administrateur.
        </p>
      ) : other.status === "disabled" ? (
        <p className="mt-6 rounded border-l-4 border-gray-500 bg-white p-4">
          Agent désactivé{other.disabledReason ? ` : ${other.disabledReason}` : ""}.
        </p>
      ) : (
        <>
          {other.status === "invited" ? (
            <section aria-labelledby="invitation" className="mt-8">
              <h2 id="invitation" className="text-xl font-bold">
                Invitation
              </h2>
              <p className="mt-1 text-gray-700">
                Cet agent n&apos;a pas encore activé son accès. Un nouveau lien, valable 24 heures, lui est envoyé par courriel ; le lien
                précédent ne fonctionne plus.
              </p>
              <ResendInvitationForm agentId={other.id} />
            </section>
          ) : null}
          <section aria-labelledby="droits" className="mt-8">
            <h2 id="droits" className="text-xl font-bold">
              Rôles et départements
            </h2>
            <UpdateAgentForm agentId={other.id} roles={other.roles} departements={other.departements} />
          </section>
          <section aria-labelledby="desactiver" className="mt-10">
            <h2 id="desactiver" className="text-xl font-bold">
              Désactiver l&apos;agent
            </h2>
            <p className="mt-1 text-gray-700">Il ne peut plus se connecter ; ses sessions sont fermées aussitôt.</p>
            <DeactivateAgentForm agentId={other.id} />
          </section>
        </>
      )}
    </div>
  );
}
