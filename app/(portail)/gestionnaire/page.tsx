import type { Metadata } from "next";
import Link from "next/link";
import { Pagination, pageWindow } from "@/app/_components/pagination";
import { TableRegion } from "@/app/_components/table-region";
import { requireActor } from "@/lib/auth/require-actor";
import { formatSiret } from "@/lib/identifiers";
import { SPACE_KINDS } from "@/lib/spaces/catalogue";
import { pendingSubscriptionCounts, pendingSubscriptionRequests } from "@/lib/spaces/queries";
import { managedStructuresOnce } from "@/lib/page-reads";
import { pendingAttachmentCounts, pendingAttachmentRequests, serviceCodesOf } from "@/lib/structures/queries";
import { mandateRightsText, rightsText } from "@/lib/rights-wording";
import { formatDay, formatIsoDay } from "@/lib/dates";
import { quoted } from "@/lib/typography";
import { untilText } from "@/lib/mandates/presentation";
import { pendingMandateRequests } from "@/lib/mandates/queries";
import { InlineAction } from "@/app/_components/inline-action";
import { decideMandateAction } from "../mandats/actions";
import { decideAttachmentsAction, decideSubscriptionsAction } from "./actions";
import { DecisionForm } from "./decision-form";
import { fullName } from "@/lib/names";

export const metadata: Metadata = { title: "Activités du gestionnaire" };

type Search = Promise<{ rattachements?: string; abonnements?: string }>;

export default async function ManagerDashboardPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor();
  const params = await searchParams;
  const structures = managedStructuresOnce(actor.userId);
  const attachmentCounts = pendingAttachmentCounts(actor.userId);
  const subscriptionCounts = pendingSubscriptionCounts(actor.userId);
  const sum = (counts: Map<number, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const attachmentTotal = sum(attachmentCounts);
  const subscriptionTotal = sum(subscriptionCounts);
  // Oldest first, 50 per page, read as such from the database: a few hundred rows would be slow to serve and to use.
  const attachmentPage = pageWindow(attachmentTotal, params.rattachements);
  const subscriptionPage = pageWindow(subscriptionTotal, params.abonnements);
  const attachmentRequests = pendingAttachmentRequests(actor.userId, attachmentPage);
  const subscriptionRequests = pendingSubscriptionRequests(actor.userId, subscriptionPage);
  const mandateRequests = pendingMandateRequests(actor.userId);
  const codesOf = serviceCodesOf(attachmentRequests.map((request) => request.serviceIds));
  return (
    <div>
      <h1 className="text-3xl font-bold text-brand">Activités du gestionnaire</h1>
      {structures.length === 0 ? (
        <p className="mt-4">
          Vous n&apos;êtes gestionnaire principal d&apos;aucune structure. Le créateur d&apos;une structure en devient le gestionnaire
          principal : <Link href="/structures/rattachement">demander un rattachement ou créer une structure</Link>.
        </p>
      ) : (
        <>
          <section aria-labelledby="mes-structures" className="mt-8">
            <h2 id="mes-structures" className="text-xl font-bold">
              Mes structures
            </h2>
            <TableRegion label="Tableau de mes structures">
              <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
                <thead>
                  <tr className="border-b-2 border-gray-400">
                    <th scope="col" className="p-2">
                      Désignation
                    </th>
                    <th scope="col" className="p-2">
                      N° de SIRET
                    </th>
                    <th scope="col" className="p-2">
                      Type
                    </th>
                    <th scope="col" className="p-2">
                      Vérification
                    </th>
                    <th scope="col" className="p-2">
                      Demandes en attente
                    </th>
                    <th scope="col" className="p-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {structures.map((structure) => {
                    const count = (attachmentCounts.get(structure.id) ?? 0) + (subscriptionCounts.get(structure.id) ?? 0);
                    return (
                      <tr key={structure.id} className="border-b border-gray-300">
                        <td className="p-2" data-label="Désignation">
                          {structure.name}
                        </td>
                        <td className="p-2 whitespace-nowrap" data-label="N° de SIRET">
                          {formatSiret(structure.siret)}
                        </td>
                        <td className="p-2" data-label="Type">
                          {structure.isManagementCentre ? "Centre de gestion agricole" : "Structure"}
                        </td>
                        <td className="p-2" data-label="Vérification">
                          {structure.verificationStatus === "verified" ? (
                            "Vérifiée"
                          ) : (
                            <>
                              <span className="font-semibold">
                                {structure.verificationStatus === "suspended" ? "Suspendue" : "Non vérifiée"}
                              </span>
                              {structure.verificationStatus === "unverified" ? (
                                <>
                                  {" — "}
                                  <Link
                                    href={`/gestionnaire/structures/${structure.id}#verification`}
                                    aria-label={`Vérifier la structure ${structure.name}`}
                                  >
                                    Vérifier
                                  </Link>
                                </>
                              ) : null}
                            </>
                          )}
                        </td>
                        <td className="p-2" data-label="Demandes en attente">
                          {count}
                        </td>
                        <td className="p-2">
                          <Link
                            href={`/gestionnaire/structures/${structure.id}`}
                            aria-label={`Modifier la structure ${structure.name}`}
                            className="touch-target inline-flex items-center whitespace-nowrap"
                          >
                            <span aria-hidden="true">✎ </span>Modifier
                          </Link>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableRegion>
          </section>
          <section aria-labelledby="demandes-rattachement" className="mt-10">
            <h2 id="demandes-rattachement" className="text-xl font-bold">
              {`Demandes de rattachement en attente (${attachmentTotal})`}
            </h2>
            <DecisionForm
              kind="rattachement"
              action={decideAttachmentsAction}
              requests={attachmentRequests.map((request) => ({
                id: request.id,
                who: `${fullName(request)}`,
                email: request.loginEmail,
                structure: request.structureName,
                detail: codesOf(request.serviceIds) ? `Services : ${codesOf(request.serviceIds)}` : "Toute la structure",
                since: formatDay(request.requestedAt),
              }))}
            />
            <Pagination
              label="Pages des demandes de rattachement"
              param="rattachements"
              page={attachmentPage.page}
              pages={attachmentPage.pages}
              params={params}
            />
          </section>
          <section aria-labelledby="demandes-abonnement" className="mt-10">
            <h2 id="demandes-abonnement" className="text-xl font-bold">
              {`Demandes d'abonnement en attente (${subscriptionTotal})`}
            </h2>
            <DecisionForm
              kind="abonnement"
              action={decideSubscriptionsAction}
              requests={subscriptionRequests.map((request) => ({
                id: request.id,
                who: `${fullName(request)}`,
                email: request.loginEmail,
                structure: request.structureName,
                detail: `${quoted(SPACE_KINDS[request.kind].label)} : ${rightsText(request)}, à partir du ${formatIsoDay(request.startDate)}`,
                since: formatDay(request.requestedAt),
              }))}
            />
            <Pagination
              label="Pages des demandes d'abonnement"
              param="abonnements"
              page={subscriptionPage.page}
              pages={subscriptionPage.pages}
              params={params}
            />
          </section>
          <section aria-labelledby="demandes-mandat" className="mt-10">
            <h2 id="demandes-mandat" className="text-xl font-bold">
              {`Demandes de mandat en attente (${mandateRequests.length})`}
            </h2>
            {mandateRequests.length === 0 ? (
              <p className="mt-2">Aucune demande de mandat en attente.</p>
            ) : (
              <ul className="mt-3 space-y-3">
                {mandateRequests.map(({ mandate, farmName, agentName, agentSiret }) => (
                  <li key={mandate.id} className="rounded border border-gray-300 bg-white p-4">
                    <p>{`${agentName} (SIRET ${formatSiret(agentSiret)}) demande un mandat sur l'espace de ${farmName} : ${mandateRightsText(mandate)}, ${untilText(mandate.endDate)}. Depuis le ${formatDay(mandate.requestedAt)}.`}</p>
                    {/* One click from here, as from the mail; the refusal's optional motif is on the mandate's page. */}
                    <div className="mt-2 flex flex-wrap items-center gap-4">
                      <InlineAction
                        action={decideMandateAction}
                        fields={{ mandateId: mandate.id, decision: "accept" }}
                        label="Accepter"
                        accessibleLabel={`Accepter le mandat de ${agentName} pour ${farmName}`}
                      />
                      <InlineAction
                        action={decideMandateAction}
                        fields={{ mandateId: mandate.id, decision: "refuse" }}
                        label="Refuser"
                        accessibleLabel={`Refuser le mandat de ${agentName} pour ${farmName}`}
                        danger
                      />
                      <Link href={`/mandats/${mandate.id}`} aria-label={`Voir la demande de mandat de ${agentName} pour ${farmName}`}>
                        Voir la demande
                      </Link>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
