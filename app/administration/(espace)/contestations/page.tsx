import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAgent } from "@/lib/agents/current-agent";
import { contestsToDecide } from "@/lib/agents/operator-desk";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { ContestDecisionForm } from "../operator-forms";
import { positiveInteger } from "@/lib/search-params";

export const metadata: Metadata = { title: "Contestations" };

const VERIFICATION = { unverified: "non vérifiée", verified: "vérifiée", suspended: "suspendue" } as const;

export default async function ContestsPage({ searchParams }: { searchParams: Promise<{ decidee?: string }> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("operator")) notFound();
  const contests = contestsToDecide(agent);
  const decided = positiveInteger((await searchParams).decidee);
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Contestations</h1>
      <p className="mt-2">
        Quelqu&apos;un affirme que le gestionnaire principal d&apos;une structure de vos départements n&apos;a pas à la gérer. Les deux
        personnes reçoivent la décision et son motif par courriel.
      </p>
      {decided !== null ? (
        <p role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          {`La contestation n° ${decided} est décidée : les deux personnes reçoivent la décision par courriel.`}
        </p>
      ) : null}
      {contests.length === 0 ? <p className="mt-6">Aucune contestation n&apos;attend de décision.</p> : null}
      {contests.map((c) => (
        <section key={c.id} aria-labelledby={`contestation-${c.id}-titre`} className="mt-8 rounded border border-gray-400 bg-white p-4">
          <h2 id={`contestation-${c.id}-titre`} className="text-xl font-bold">
            {`Contestation n° ${c.id} : ${c.structureName}`}
          </h2>
          <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
            <dt className="font-semibold">Structure</dt>
            <dd>{`SIRET ${formatSiret(c.siret)}, département ${c.departement ?? "—"}, ${VERIFICATION[c.verificationStatus]}`}</dd>
            <dt className="font-semibold">Gestionnaire principal</dt>
            <dd>{`${c.managerFirst} ${c.managerLast} (${c.managerEmail})`}</dd>
            <dt className="font-semibold">Contestée par</dt>
            <dd>{`${c.contesterFirst} ${c.contesterLast} (${c.contesterEmail}), le ${formatDay(c.createdAt)}`}</dd>
            <dt className="font-semibold">Motif</dt>
            <dd className="whitespace-pre-line">{c.motif}</dd>
          </dl>
          <ContestDecisionForm contestId={c.id} />
        </section>
      ))}
    </div>
  );
}
