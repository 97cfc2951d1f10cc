import type { Metadata } from "next";
import Link from "next/link";
import { InlineAction } from "@/app/_components/inline-action";
import { TableRegion } from "@/app/_components/table-region";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { INVITATION_STATUS_LABELS, invitationsOfStructure } from "@/lib/mandates/invitations";
import { MANDATE_STATUS_LABELS, mandateStatus, untilText } from "@/lib/mandates/presentation";
import { mandateRightsText } from "@/lib/rights-wording";
import { mandatesHome, mandatesOfStructure } from "@/lib/mandates/queries";
import { currentStructureOnce } from "@/lib/page-reads";
import { cancelInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Mandats" };

type Row = ReturnType<typeof mandatesOfStructure>["given"][number];
type Invitation = ReturnType<typeof invitationsOfStructure>[number];

/** The invitations a centre sent to farms not yet on the portal (ADR 0029); the waiting ones may be cancelled. */
function InvitationTable({ caption, rows, mayCancel }: { caption: string; rows: Invitation[]; mayCancel: boolean }) {
  return (
    <TableRegion label={caption}>
      <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400">
            <th scope="col" className="p-2">
              Exploitation invitée
            </th>
            <th scope="col" className="p-2">
              Droits demandés
            </th>
            <th scope="col" className="p-2">
              Statut
            </th>
            <th scope="col" className="p-2">
              Envoyée le
            </th>
            {mayCancel ? (
              <th scope="col" className="p-2">
                <span className="sr-only">Action</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((invitation) => (
            <tr key={invitation.id} className="border-b border-gray-300">
              <th scope="row" className="p-2 text-left font-normal" data-label="Exploitation invitée">
                {`SIRET ${formatSiret(invitation.siret)}`}
                <span className="block text-sm text-gray-700">{invitation.email}</span>
              </th>
              <td className="p-2" data-label="Droits demandés">{`${mandateRightsText(invitation)}, ${untilText(invitation.endDate)}`}</td>
              <td className="p-2" data-label="Statut">
                {invitation.state === "converted" && invitation.mandateId !== null ? (
                  <Link href={`/mandats/${invitation.mandateId}`}>{INVITATION_STATUS_LABELS.converted}</Link>
                ) : invitation.state === "pending" ? (
                  `${INVITATION_STATUS_LABELS.pending} jusqu'au ${formatDay(invitation.expiresAt)}`
                ) : (
                  INVITATION_STATUS_LABELS[invitation.state]
                )}
              </td>
              <td className="p-2" data-label="Envoyée le">
                {formatDay(invitation.createdAt)}
              </td>
              {mayCancel ? (
                <td className="p-2" data-label="Action">
                  {invitation.state === "pending" ? (
                    <InlineAction
                      action={cancelInvitationAction}
                      fields={{ invitationId: invitation.id }}
                      label="Annuler l'invitation"
                      accessibleLabel={`Annuler l'invitation du SIRET ${formatSiret(invitation.siret)}`}
                      danger
                      confirm="Le lien envoyé ne fonctionnera plus. Vous pourrez inviter de nouveau cette exploitation."
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function MandateTable({ caption, rows, side }: { caption: string; rows: Row[]; side: "farm" | "agent" }) {
  return (
    <TableRegion label={caption}>
      <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400">
            <th scope="col" className="p-2">
              {side === "farm" ? "Structure mandatée" : "Exploitation"}
            </th>
            <th scope="col" className="p-2">
              Droits
            </th>
            <th scope="col" className="p-2">
              Durée
            </th>
            <th scope="col" className="p-2">
              Statut
            </th>
            <th scope="col" className="p-2">
              Depuis le
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ mandate, farmName, farmSiret, agentName, agentSiret }) => {
            const [name, siret] = side === "farm" ? [agentName, agentSiret] : [farmName, farmSiret];
            return (
              <tr key={mandate.id} className="border-b border-gray-300">
                <th scope="row" className="p-2 text-left font-normal" data-label={side === "farm" ? "Structure mandatée" : "Exploitation"}>
                  <Link href={`/mandats/${mandate.id}`}>{name}</Link>
                  <span className="block text-sm text-gray-700">{`SIRET ${formatSiret(siret)}`}</span>
                </th>
                <td className="p-2" data-label="Droits">
                  {mandateRightsText(mandate)}
                </td>
                <td className="p-2" data-label="Durée">
                  {untilText(mandate.endDate)}
                </td>
                <td className="p-2" data-label="Statut">
                  {MANDATE_STATUS_LABELS[mandateStatus(mandate)]}
                </td>
                <td className="p-2" data-label="Depuis le">
                  {formatDay(mandate.decidedAt ?? mandate.requestedAt)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

/**
 * The mandates of the current structure: those it gave (a farm) and those it holds (a centre).
 * While working on a client farm, those of one's own structure that holds its mandate (issue 21).
 */
export default async function MandatesPage() {
  const actor = await requireActor();
  const { current: worked, all } = currentStructureOnce(actor.userId);
  const current = mandatesHome(actor.userId, worked, all);
  if (!current || !can(actor, "structure.work", { structureId: current.id })) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold text-brand">Mandats</h1>
        <p className="mt-4">
          Rattachez d&apos;abord votre compte à une structure. <Link href="/accueil">Retour à l&apos;accueil</Link>
        </p>
      </div>
    );
  }
  const { given, held } = mandatesOfStructure(current.id);
  const mayGive = can(actor, "mandate.give", { structureId: current.id });
  const mayAsk = can(actor, "mandate.request", { structureId: current.id });
  const mayAskMany = can(actor, "mandate.askMany", { structureId: current.id });
  const invitations = current.isManagementCentre ? invitationsOfStructure(current.id) : [];
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold text-brand">{`Mandats de ${current.name}`}</h1>
      {worked && worked.id !== current.id ? (
        <p className="mt-2 rounded border-l-4 border-brand bg-blue-50 p-3">
          {`Vous travaillez sur ${worked.name} par mandat : voici les mandats de votre structure, ${current.name}. Seuls les utilisateurs de ${worked.name} voient les siens.`}
        </p>
      ) : null}
      <p className="mt-2">
        Un mandat permet aux utilisateurs d&apos;une autre structure (centre de gestion, expert-comptable) de travailler sur l&apos;espace «
        Demande de remboursement TIC » d&apos;une exploitation, avec les droits qu&apos;elle accorde, jusqu&apos;à ce que l&apos;une des
        deux y mette fin.
      </p>
      {mayGive || mayAsk ? (
        <p className="mt-4 flex flex-wrap gap-4">
          {mayGive ? (
            <Link
              href="/mandats/nouveau"
              className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
            >
              Donner un mandat
            </Link>
          ) : null}
          {mayAsk ? (
            <Link
              href={mayGive ? "/mandats/nouveau?sens=demander" : "/mandats/nouveau"}
              className={
                mayGive
                  ? "inline-block rounded border-2 border-brand px-4 py-2 font-semibold text-brand no-underline"
                  : "inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
              }
            >
              Demander un mandat à une exploitation
            </Link>
          ) : null}
          {mayAskMany ? (
            <Link
              href="/mandats/import"
              className="inline-block rounded border-2 border-brand px-4 py-2 font-semibold text-brand no-underline"
            >
              Demander des mandats à partir d&apos;un fichier
            </Link>
          ) : null}
        </p>
      ) : null}
      {current.isManagementCentre ? null : (
        <section aria-labelledby="mandats-donnes" className="mt-8">
          <h2 id="mandats-donnes" className="text-xl font-bold">{`Mandats donnés par ${current.name} (${given.length})`}</h2>
          {given.length === 0 ? (
            <p className="mt-2">Aucun mandat donné.</p>
          ) : (
            <MandateTable caption={`Mandats donnés par ${current.name}`} rows={given} side="farm" />
          )}
        </section>
      )}
      <section aria-labelledby="mandats-detenus" className="mt-8">
        <h2 id="mandats-detenus" className="text-xl font-bold">{`Mandats détenus par ${current.name} (${held.length})`}</h2>
        {held.length === 0 ? (
          <p className="mt-2">Aucun mandat détenu.</p>
        ) : (
          <MandateTable caption={`Mandats détenus par ${current.name}`} rows={held} side="agent" />
        )}
      </section>
      {current.isManagementCentre ? (
        <section aria-labelledby="invitations-titre" id="invitations" tabIndex={-1} className="mt-8">
          <h2 id="invitations-titre" className="text-xl font-bold">{`Invitations envoyées par ${current.name} (${invitations.length})`}</h2>
          <p className="mt-2">
            Une exploitation pas encore inscrite sur le portail reçoit une invitation par courriel ; une fois sa structure inscrite, elle
            trouve votre demande de mandat et l&apos;accepte ou la refuse.
          </p>
          {invitations.length === 0 ? (
            <p className="mt-2">Aucune invitation envoyée.</p>
          ) : (
            <InvitationTable caption={`Invitations envoyées par ${current.name}`} rows={invitations} mayCancel={mayAskMany} />
          )}
        </section>
      ) : null}
    </div>
  );
}
