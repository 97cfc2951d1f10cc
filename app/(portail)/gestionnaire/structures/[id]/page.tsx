import type { Metadata } from "next";
import { positiveInteger } from "@/lib/search-params";
import { OtherStructurePanel } from "@/app/_components/other-structure-panel";
import { workingOnAnother } from "@/lib/structures/working-structure";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InlineAction } from "@/app/_components/inline-action";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { describeLegalCategory, describeNaf } from "@/lib/directory/nomenclatures";
import { formatSiret } from "@/lib/identifiers";
import { TableRegion } from "@/app/_components/table-region";
import { SPACE_KINDS, categoryLabel, kindsOfferedTo } from "@/lib/spaces/catalogue";
import { structureDetail, structureHistory } from "@/lib/spaces/queries";
import { rightsText } from "@/lib/rights-wording";
import { formatIsoDay, formatShortDayTime } from "@/lib/dates";
import { bankAccountsOf } from "@/lib/refunds/bank-accounts";
import { verificationState } from "@/lib/structures/verification";
import { VerificationSection } from "./verification-section";
import {
  closeSpaceAction,
  detachMemberAction,
  makeDefaultBankAccountAction,
  removeBankAccountAction,
  toggleServiceAction,
} from "../../actions";
import { endSubscriptionAction } from "../../../mon-compte/abonnements/actions";
import { AddBankAccountForm, AddServiceForm, AddSpacesForm, HandOverForm, RenameServiceForm, SpaceSettingsForm } from "./structure-forms";
import { fullName } from "@/lib/names";
import { formatAddress } from "@/lib/addresses";

export const metadata: Metadata = { title: "Modification de la structure" };

const section = "mt-8 rounded border border-gray-300 bg-white p-6";

const HISTORY: Record<string, string> = {
  "structure.created": "Création de la structure",
  "attachment.requested": "Demande de rattachement",
  "attachment.approved": "Rattachement validé",
  "attachment.refused": "Rattachement refusé",
  "attachment.cancelled": "Demande de rattachement annulée",
  "space.opened": "Ouverture d'un espace",
  "space.updated": "Modification d'un espace",
  "space.closed": "Fermeture d'un espace",
  "service.added": "Ajout d'un service",
  "service.renamed": "Service renommé",
  "service.deactivated": "Service désactivé",
  "service.reactivated": "Service réactivé",
  "subscription.requested": "Demande d'abonnement",
  "subscription.approved": "Abonnement validé",
  "subscription.refused": "Abonnement refusé",
  "subscription.ended": "Fin d'abonnement",
  "subscription.cancelled": "Demande d'abonnement annulée",
  "member.detached": "Membre détaché",
  "manager.handed_over": "Rôle de gestionnaire principal transmis",
  "structure.verified": "Structure vérifiée",
  "structure.verification_failed": "Code de vérification erroné",
  "structure.letter_requested": "Nouveau courrier de vérification demandé",
  "structure.contested": "Gestion contestée",
  "operator.contest_resolved": "Contestation décidée par nos services",
  "operator.letter_sent": "Courrier de vérification posté",
  "bank_account.added": "Références bancaires ajoutées",
  "bank_account.made_default": "Compte bancaire par défaut changé",
  "bank_account.removed": "Références bancaires retirées",
};

const VERIFICATION_LABELS = { verified: "vérifiée", unverified: "non vérifiée", suspended: "suspendue" } as const;

export default async function EditStructurePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const structureId = positiveInteger((await params).id);
  if (structureId === null || !can(actor, "structure.manage", { structureId })) notFound();
  const detail = structureDetail(structureId)!;
  const { structure } = detail;
  // A manager of several structures manages any of them, but on the one they work on: same rule as every page.
  const elsewhere = workingOnAnother(actor.userId, structure.id);
  if (elsewhere)
    return (
      <OtherStructurePanel
        heading={`Modification de la structure ${structure.name}`}
        structure={{ id: structure.id, name: structure.name }}
        current={elsewhere}
        retour={`/gestionnaire/structures/${structure.id}`}
      />
    );
  const offered = kindsOfferedTo(structure).filter((kind) => !detail.spaces.some((space) => space.kind === kind));
  const others = detail.members.filter((member) => member.userId !== actor.userId);
  const accounts = structure.isManagementCentre ? [] : bankAccountsOf(structureId);
  const verification = verificationState(structureId);
  return (
    <div className="max-w-4xl">
      <p>
        <Link href="/gestionnaire">Activités du gestionnaire</Link> <span aria-hidden="true">›</span> Modification de la structure
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">Modification de la structure</h1>
      <section className={section} aria-labelledby="informations">
        <h2 id="informations" className="text-xl font-bold">
          {structure.name}
        </h2>
        <dl className="mt-3 term-list">
          <dt className="font-semibold">N° de SIRET</dt>
          <dd>{formatSiret(structure.siret)}</dd>
          <dt className="font-semibold">Adresse</dt>
          <dd>{formatAddress(structure)}</dd>
          <dt className="font-semibold">Activité principale</dt>
          <dd>{describeNaf(structure.nafCode)}</dd>
          <dt className="font-semibold">Forme juridique</dt>
          <dd>{describeLegalCategory(structure.legalCategory)}</dd>
          <dt className="font-semibold">Statut</dt>
          <dd>{structure.status === "active" ? "actif" : "inactif"}</dd>
          <dt className="font-semibold">Type</dt>
          <dd>{structure.isManagementCentre ? "Centre de gestion agricole" : "Structure"}</dd>
          <dt className="font-semibold">Vérification</dt>
          <dd>{VERIFICATION_LABELS[verification.status]}</dd>
        </dl>
      </section>
      <VerificationSection structureId={structure.id} state={verification} />

      <section className={section} aria-labelledby="espaces">
        <h2 id="espaces" className="text-xl font-bold">
          Espaces
        </h2>
        {detail.spaces.length === 0 ? <p className="mt-2">Aucun espace n&apos;est ouvert sur cette structure.</p> : null}
        <ul className="mt-3 space-y-4">
          {detail.spaces.map((space) => (
            <li key={space.id} className="rounded border border-gray-300 p-4">
              <h3 className="font-semibold">{`« ${space.label} »`}</h3>
              <p className="text-sm">
                {`Droits : ${rightsText({ canView: space.canView || space.canEdit, canEdit: space.canEdit })} — ${space.services ? `services ${space.services.join(", ")}` : "toute la structure"}`}
              </p>
              {space.kind === "ticRefund" ? (
                <>
                  <p className="text-sm">{`PACAGE : ${space.pacage ?? "non renseigné"} — catégorie : ${categoryLabel(space.beneficiaryCategory)}`}</p>
                  <SpaceSettingsForm spaceId={space.id} pacage={space.pacage} category={space.beneficiaryCategory} />
                </>
              ) : null}
              <div className="mt-3">
                <InlineAction
                  action={closeSpaceAction}
                  fields={{ spaceId: space.id }}
                  label="Fermer l'espace"
                  accessibleLabel={`Fermer l'espace « ${space.label} »`}
                  danger
                  confirm="Les personnes abonnées n'auront plus accès à cet espace."
                />
              </div>
            </li>
          ))}
        </ul>
        {structure.isManagementCentre ? (
          <p className="mt-4 rounded border-l-4 border-brand bg-blue-50 p-3 text-sm">
            Cette structure est un centre de gestion agricole : l&apos;espace « Demande de remboursement TIC » ne peut pas y être ouvert.
            Chaque exploitation l&apos;ouvre sur sa propre structure.
          </p>
        ) : null}
        {offered.length > 0 ? (
          <div className="mt-6">
            <h3 id="ajouter-espaces" tabIndex={-1} className="text-lg font-semibold">
              Ajouter des espaces
            </h3>
            <AddSpacesForm
              structureId={structure.id}
              kinds={offered.map((kind) => ({ value: kind, label: SPACE_KINDS[kind].label }))}
              services={detail.services.filter((s) => s.isActive).map((s) => ({ value: String(s.id), label: `${s.code} — ${s.label}` }))}
            />
          </div>
        ) : null}
      </section>

      {/* Bank details are where a TIC refund is paid: a centre de gestion receives none for itself. */}
      {structure.isManagementCentre ? null : (
        <section className={section} aria-labelledby="references-bancaires">
          <h2 id="references-bancaires" tabIndex={-1} className="text-xl font-bold">
            Références bancaires
          </h2>
          <p className="mt-2 text-sm">
            Le remboursement TIC est versé sur le compte choisi dans chaque demande ; le compte par défaut est proposé d&apos;office.
          </p>
          {accounts.length === 0 ? <p className="mt-2">Aucune référence bancaire n&apos;est enregistrée.</p> : null}
          <ul className="mt-3 space-y-3">
            {accounts.map((account) => (
              <li key={account.id} className="rounded border border-gray-300 p-4">
                <p className="font-semibold">
                  {account.holder}
                  {account.isDefault ? (
                    <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-sm text-green-900">Compte par défaut</span>
                  ) : null}
                </p>
                <p className="font-mono">{`IBAN ${account.ibanText}`}</p>
                <p>{`BIC ${account.bic}`}</p>
                <p className="text-sm">
                  <a href={`/remboursement-tic/fichiers/${account.ribFileId}`}>{`Télécharger le RIB (${account.ribName})`}</a>
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {!account.isDefault ? (
                    <InlineAction
                      action={makeDefaultBankAccountAction}
                      fields={{ bankAccountId: account.id }}
                      label="Définir par défaut"
                      accessibleLabel={`Définir par défaut le compte ${account.ibanText}`}
                    />
                  ) : null}
                  <InlineAction
                    action={removeBankAccountAction}
                    fields={{ bankAccountId: account.id }}
                    label="Retirer"
                    accessibleLabel={`Retirer le compte ${account.ibanText}`}
                    danger
                    confirm="Ce compte ne sera plus proposé pour les demandes de remboursement."
                  />
                </div>
              </li>
            ))}
          </ul>
          <AddBankAccountForm structureId={structure.id} hasAccounts={accounts.length > 0} />
        </section>
      )}

      <section className={section} aria-labelledby="services">
        <h2 id="services" className="text-xl font-bold">
          Services
        </h2>
        {detail.services.length === 0 ? <p className="mt-2">La structure n&apos;a pas de service.</p> : null}
        <ul className="mt-3 space-y-3">
          {detail.services.map((service) => (
            <li key={service.id} className="flex flex-wrap items-end gap-4">
              <RenameServiceForm serviceId={service.id} code={service.code} label={service.label} />
              <span className="text-sm">{service.isActive ? "actif" : "désactivé"}</span>
              <InlineAction
                action={toggleServiceAction}
                fields={{ serviceId: service.id, active: service.isActive ? "false" : "true" }}
                label={service.isActive ? "Désactiver" : "Réactiver"}
                accessibleLabel={`${service.isActive ? "Désactiver" : "Réactiver"} le service ${service.code}`}
              />
            </li>
          ))}
        </ul>
        <AddServiceForm structureId={structure.id} />
      </section>

      <section className={section} aria-labelledby="membres">
        <h2 id="membres" className="text-xl font-bold">{`Membres (${detail.members.length})`}</h2>
        <TableRegion label="Tableau des membres de la structure">
          <table className="table-cards mt-3 w-full border-collapse text-left">
            <thead>
              <tr className="border-b-2 border-gray-400">
                <th scope="col" className="p-2">
                  Membre
                </th>
                <th scope="col" className="p-2">
                  Droits sur les espaces
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.members.map((member) => (
                <tr key={member.userId} className="border-b border-gray-300 align-top">
                  <td className="p-2" data-label="Membre">
                    {`${fullName(member)}`}
                    <span className="block text-sm text-gray-700">{member.loginEmail}</span>
                    {member.isMainManager ? <span className="block text-sm font-semibold">Gestionnaire principal</span> : null}
                  </td>
                  <td className="p-2 text-sm" data-label="Droits sur les espaces">
                    {member.isMainManager ? (
                      "Tous les droits des espaces ouverts"
                    ) : member.subscriptions.length === 0 ? (
                      "Aucun abonnement"
                    ) : (
                      <ul>
                        {member.subscriptions.map((sub) => (
                          <li key={sub.id} className="mb-1">
                            {`« ${sub.spaceLabel} » : ${rightsText(sub)}, ${sub.status === "pending" ? "demande en attente" : `depuis le ${formatIsoDay(sub.startDate)}`}`}
                            {sub.status === "approved" ? (
                              <span className="ml-2">
                                <InlineAction
                                  action={endSubscriptionAction}
                                  fields={{ subscriptionId: sub.id }}
                                  label="Mettre fin"
                                  accessibleLabel={`Mettre fin à l'abonnement de ${fullName(member)} à « ${sub.spaceLabel} »`}
                                />
                              </span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="p-2">
                    {member.isMainManager ? null : (
                      <InlineAction
                        action={detachMemberAction}
                        fields={{ structureId: structure.id, userId: member.userId }}
                        label="Détacher"
                        accessibleLabel={`Détacher ${fullName(member)} de la structure`}
                        danger
                        confirm={`${fullName(member)} n'aura plus accès à la structure ni à ses espaces.`}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {others.length > 0 ? (
          <HandOverForm structureId={structure.id} members={others.map((m) => ({ value: String(m.userId), label: `${fullName(m)}` }))} />
        ) : (
          <p className="mt-4 text-sm">
            Pour transmettre le rôle de gestionnaire principal, une autre personne doit d&apos;abord être rattachée à la structure.
          </p>
        )}
      </section>

      <section className={section} aria-labelledby="historique">
        <h2 id="historique" className="text-xl font-bold">
          Historique des décisions
        </h2>
        <ul className="mt-3 space-y-1 text-sm">
          {structureHistory(structure.id).map((event) => (
            <li key={event.id}>
              {`${formatShortDayTime(event.at)} — ${HISTORY[event.action] ?? event.action}${event.actorFirst ? ` par ${fullName(event.actorFirst, event.actorLast)}` : ""}`}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
