import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { competence } from "@/lib/access/agents";
import { requireAgent } from "@/lib/agents/current-agent";
import { lettersByRequester, lettersToSend } from "@/lib/agents/operator-desk";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { LettersForm } from "./letters-form";
import { positiveInteger } from "@/lib/search-params";

export const metadata: Metadata = { title: "Courriers à envoyer" };

export default async function LettersPage({ searchParams }: { searchParams: Promise<{ demandeur?: string }> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("operator")) notFound();
  const requesterId = positiveInteger((await searchParams).demandeur) ?? undefined;
  const letters = lettersToSend(agent, requesterId);
  const requesters = lettersByRequester(agent);
  const pdfHref = `/administration/courriers/pdf${requesterId ? `?demandeur=${requesterId}` : ""}`;
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Courriers à envoyer</h1>
      <p className="mt-2">
        Les courriers de vérification à imprimer et poster à l&apos;adresse SIRENE de l&apos;établissement, pour vos départements (
        {competence(agent, "operator").join(", ") || "aucun"}). Une fois postés, marquez-les comme envoyés : leur PDF, seule copie du code,
        est alors supprimé.
      </p>
      <section aria-labelledby="demandeurs" className="mt-6">
        <h2 id="demandeurs" className="text-xl font-bold">
          Par demandeur
        </h2>
        <p className="text-gray-700">Un même compte qui crée beaucoup de structures apparaît en tête.</p>
        <ul className="mt-2 list-disc pl-6">
          {requesters.map((r) => (
            <li key={r.requesterId ?? 0}>
              {r.requesterId ? (
                <Link
                  href={`/administration/courriers?demandeur=${r.requesterId}`}
                  aria-current={r.requesterId === requesterId ? "true" : undefined}
                >
                  {`${r.firstName} ${r.lastName} (${r.email})`}
                </Link>
              ) : (
                "Compte supprimé"
              )}{" "}
              : {r.letters} courrier{r.letters > 1 ? "s" : ""}
            </li>
          ))}
        </ul>
        {requesterId ? (
          <p className="mt-2">
            <Link href="/administration/courriers">Voir les courriers de tous les demandeurs</Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="liste" className="mt-8">
        <h2 id="liste" className="text-xl font-bold">
          {letters.length} courrier{letters.length > 1 ? "s" : ""} à envoyer{requesterId ? " pour ce demandeur" : ""}
        </h2>
        {letters.length > 0 ? (
          <p className="mt-2">
            <a href={pdfHref} className="touch-target inline-flex items-center font-semibold" download>
              Télécharger ces {letters.length} courriers en un seul PDF
            </a>{" "}
            (chacun commence sur une nouvelle page).
          </p>
        ) : null}
        {/* Always there: its answer stays on screen when the list it emptied re-renders. */}
        <LettersForm
          rows={letters.map((l) => ({
            id: l.id,
            name: l.name,
            siret: formatSiret(l.siret),
            address: `${l.postalCode ?? ""} ${l.city ?? "(adresse non diffusible)"}`.trim(),
            departement: l.departement ?? "—",
            requester: l.requesterId ? `${l.requesterFirst} ${l.requesterLast}` : "—",
            createdAt: formatDay(l.createdAt),
          }))}
        />
      </section>
    </div>
  );
}
