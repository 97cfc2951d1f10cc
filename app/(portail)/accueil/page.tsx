import type { Metadata } from "next";
import Link from "next/link";
import { StepIndicator } from "@/app/_components/step-indicator";
import { requireActor } from "@/lib/auth/require-actor";
import { pendingDecisionCountsOnce, type PendingDecisionCounts } from "@/lib/manager-decisions";
import { managedStructuresOnce } from "@/lib/page-reads";
import { onboardingChecklist } from "@/lib/onboarding/checklist";
import { fixQuoteSpaces, quoted } from "@/lib/typography";
import { ClosingNotice } from "@/app/_components/closing-notice";
import { balanceCell, balanceOf, hasAdvance } from "@/lib/refunds/advance";
import { formatEuros } from "@/lib/refunds/amounts";
import { closingYearsNow } from "@/lib/refunds/closing";
import { requestsOfStructure } from "@/lib/refunds/queries";
import { statusWords } from "@/lib/refunds/statuses";
import { complementsAsked } from "@/lib/instruction/farm-view";
import { ticSpaceForUser } from "@/lib/spaces/queries";

export const metadata: Metadata = { title: "Accueil" };

const STATE_LABEL = { done: "Terminée", current: "À faire maintenant", todo: "À venir" } as const;

export default async function HomeSignedInPage({ searchParams }: { searchParams: Promise<{ structure?: string }> }) {
  const actor = await requireActor();
  const { structure } = await searchParams;
  const { steps, next, verification, managementCentre } = onboardingChecklist(actor);
  const current = steps.find((step) => step.state === "current");
  const tic = ticSpaceForUser(actor);
  const requests = tic ? requestsOfStructure(tic.structure.id) : [];
  const asked = tic ? complementsAsked(tic.structure.id) : [];
  const closing = tic || managementCentre ? closingYearsNow() : [];
  const decisions = managedStructuresOnce(actor.userId).length > 0 ? pendingDecisionCountsOnce(actor.userId) : null;
  return (
    <div className="max-w-3xl">
      {managementCentre ? null : (
        <StepIndicator current={current?.number ?? 4} done={steps.filter((step) => step.state === "done").map((step) => step.number)} />
      )}
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
              <Link
                href={verification.href}
                className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
              >
                {verification.label}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <ClosingNotice closing={closing}>
        {managementCentre ? (
          <p className="mt-1 text-sm">
            <Link href="/portefeuille?fin=1">Voir les exploitations concernées dans le portefeuille</Link>
          </p>
        ) : null}
      </ClosingNotice>
      {decisions && decisions.total > 0 ? <PendingDecisions counts={decisions} /> : null}
      {managementCentre ? (
        <CentreNextSteps />
      ) : (
        <div className="mt-6 rounded border-l-4 border-brand bg-blue-50 p-4">
          <h2 className="font-semibold">Prochaine action</h2>
          <p className="mt-1">{fixQuoteSpaces(next.text)}</p>
          {next.href ? (
            <p className="mt-3">
              <Link
                href={next.href}
                className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
              >
                {next.label}
              </Link>
            </p>
          ) : null}
        </div>
      )}
      {asked.map((ask) => (
        <section
          key={ask.requestId}
          aria-labelledby={`complement-${ask.requestId}`}
          className="mt-6 rounded border-l-4 border-yellow-600 bg-yellow-50 p-4"
        >
          <h2
            id={`complement-${ask.requestId}`}
            className="font-semibold"
          >{`Demande ${ask.year} : la ${ask.service} demande un complément`}</h2>
          {ask.message ? <p className="mt-1 whitespace-pre-line">{ask.message.body}</p> : null}
          <p className="mt-3">
            <Link
              href={`/remboursement-tic/demandes/${ask.requestId}`}
              className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
            >
              {`Compléter la demande ${ask.year}`}
            </Link>
          </p>
        </section>
      ))}
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
                  {` — ${statusWords(request)} — ${formatEuros(request.totalCents)}${hasAdvance(request.year) ? ` — solde : ${balanceCell(balanceOf(request.totalCents, request.advanceCents, request.advanceReceived), request.advanceReceived)}` : ""}${request.reference ? ` — ${request.reference}` : ""}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <h2 className="mt-8 text-xl font-bold">Votre inscription</h2>
      {managementCentre ? (
        <p className="mt-2">{`Votre structure est un centre de gestion agricole : l'espace ${quoted("Demande de remboursement TIC")} s'ouvre sur la structure de chaque exploitation, pas sur la vôtre.`}</p>
      ) : null}
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

const buttonLink = "inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark";

/** A centre de gestion's next step: its clients' mandates, never the TIC space for itself. */
function CentreNextSteps() {
  return (
    <section aria-labelledby="prochaine-etape" className="mt-6 rounded border-l-4 border-brand bg-blue-50 p-4">
      <h2 id="prochaine-etape" className="font-semibold">
        Prochaine étape
      </h2>
      <p className="mt-1">
        {`Un centre de gestion agricole ne peut pas ouvrir l'espace ${quoted("Demande de remboursement TIC")} pour lui-même : il dépose les demandes de ses exploitations clientes, sur le mandat que chacune lui donne.`}
      </p>
      <ul className="mt-3 flex flex-wrap gap-3">
        <li>
          <Link href="/mandats/nouveau" className={buttonLink}>
            Demander un mandat à vos clients
          </Link>
        </li>
        <li>
          <Link
            href="/portefeuille"
            className="inline-block rounded border-2 border-brand bg-white px-4 py-2 font-semibold text-brand no-underline hover:bg-blue-50"
          >
            Portefeuille de vos clients
          </Link>
        </li>
      </ul>
    </section>
  );
}

/** « a, b et c ». */
const frenchList = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} et ${parts.at(-1)}` : (parts[0] ?? ""));

/** What waits for the gestionnaire principal's decision, with the way to it. */
function PendingDecisions({ counts }: { counts: PendingDecisionCounts }) {
  const parts = [
    counts.attachments > 0 ? `${counts.attachments} demande${counts.attachments > 1 ? "s" : ""} de rattachement` : null,
    counts.subscriptions > 0 ? `${counts.subscriptions} demande${counts.subscriptions > 1 ? "s" : ""} d'abonnement` : null,
    counts.mandates > 0 ? `${counts.mandates} mandat${counts.mandates > 1 ? "s" : ""}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <section aria-labelledby="decisions-en-attente" className="mt-6 rounded border-l-4 border-yellow-600 bg-yellow-50 p-4">
      <h2 id="decisions-en-attente" className="font-semibold">{`${counts.total} décision${counts.total > 1 ? "s" : ""} en attente`}</h2>
      <p className="mt-1">{`${frenchList(parts)} ${counts.total > 1 ? "attendent" : "attend"} votre décision.`}</p>
      <p className="mt-3">
        <Link href="/gestionnaire" className={buttonLink}>
          Activités du gestionnaire
        </Link>
      </p>
    </section>
  );
}
