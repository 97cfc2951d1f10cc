import type { Metadata } from "next";
import Link from "next/link";
import { StepIndicator } from "@/app/_components/step-indicator";
import { requireActor } from "@/lib/auth/require-actor";
import { onboardingChecklist } from "@/lib/onboarding/checklist";
import { fixQuoteSpaces } from "@/lib/typography";
import { formatEuros } from "@/lib/refunds/amounts";
import { requestsOfStructure } from "@/lib/refunds/queries";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { ticSpaceForUser } from "@/lib/spaces/queries";

export const metadata: Metadata = { title: "Accueil" };

const STATE_LABEL = { done: "Terminée", current: "À faire maintenant", todo: "À venir" } as const;

export default async function HomeSignedInPage({ searchParams }: { searchParams: Promise<{ structure?: string }> }) {
  const actor = await requireActor();
  const { structure } = await searchParams;
  const { steps, next, verification } = onboardingChecklist(actor);
  const current = steps.find((step) => step.state === "current");
  const tic = ticSpaceForUser(actor.userId);
  const requests = tic ? requestsOfStructure(tic.structure.id) : [];
  return (
    <div className="max-w-3xl">
      <StepIndicator current={current?.number ?? 4} done={steps.filter((step) => step.state === "done").map((step) => step.number)} />
      <h1 className="text-3xl font-bold text-brand">{`Bonjour ${actor.firstName}`}</h1>
      {structure === "creee" ? (
        <p role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          Votre structure est créée et vous en êtes le gestionnaire principal. Vos nouveaux droits s&apos;appliquent déjà.
        </p>
      ) : null}
      {verification ? (
        <section aria-labelledby="structure-non-verifiee" className="mt-6 rounded border-l-4 border-yellow-600 bg-yellow-50 p-4">
          <h2 id="structure-non-verifiee" className="font-semibold">
            {verification.title}
          </h2>
          <p className="mt-1">{verification.text}</p>
          {verification.href ? (
            <p className="mt-3">
              <Link href={verification.href} className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark">
                {verification.label}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {(
        <div className="mt-6 rounded border-l-4 border-brand bg-blue-50 p-4">
          <h2 className="font-semibold">Prochaine action</h2>
          <p className="mt-1">{fixQuoteSpaces(next.text)}</p>
          {next.href ? (
            <p className="mt-3">
              <Link href={next.href} className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark">
                {next.label}
              </Link>
            </p>
          ) : null}
        </div>
      )}
      {tic ? (
        <section aria-labelledby="vos-demandes" className="mt-8">
          <h2 id="vos-demandes" className="text-xl font-bold">{`Demandes de remboursement TIC — ${tic.structure.name}`}</h2>
          {requests.length === 0 ? (
            <p className="mt-2">Aucune demande pour l&apos;instant.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {requests.map((request) => (
                <li key={request.id}>
                  <Link href={`/remboursement-tic/demandes/${request.id}`}>{`Demande ${request.year}`}</Link>
                  {` — ${STATUS_LABELS[request.status]} — ${formatEuros(request.totalCents)}${request.reference ? ` — ${request.reference}` : ""}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <h2 className="mt-8 text-xl font-bold">Votre inscription</h2>
      <ol className="mt-4 space-y-3">
        {steps.map((step) => (
          <li
            key={step.number}
            className={`rounded border bg-white p-4 ${step.state === "current" ? "border-2 border-brand" : "border-gray-300"}`}
          >
            <p className="font-semibold">{fixQuoteSpaces(`Étape ${step.number} : ${step.title}`)}</p>
            <p className="text-sm">
              <span className={step.state === "done" ? "font-semibold text-success" : "font-semibold"}>{STATE_LABEL[step.state]}</span>
              {fixQuoteSpaces(` — ${step.detail}`)}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
