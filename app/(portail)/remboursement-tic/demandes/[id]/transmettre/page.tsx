import type { Metadata } from "next";
import { OtherStructurePanel } from "@/app/_components/other-structure-panel";
import { workingOnAnother } from "@/lib/structures/working-structure";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatSiret } from "@/lib/identifiers";
import { hasAdvance } from "@/lib/refunds/advance";
import { formatEuros } from "@/lib/refunds/amounts";
import { formatIban } from "@/lib/refunds/iban";
import { requestDetail } from "@/lib/refunds/queries";
import { isEditable } from "@/lib/refunds/statuses";
import { transmissionProblems } from "@/lib/refunds/transmission";
import { TransmitForm } from "../../../refund-forms";
import { BalanceSummary } from "../balance-summary";

export const metadata: Metadata = { title: "Confirmer la transmission — Demande de remboursement TIC" };

/** « Transmettre », step 2: what will be sent, then one button. */
export default async function ConfirmTransmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const requestId = Number((await params).id);
  if (!Number.isSafeInteger(requestId) || !can(actor, "refund.transmit", { requestId })) notFound();
  const detail = requestDetail(requestId)!;
  const { request, structure, bankAccount, lines } = detail;
  const elsewhere = workingOnAnother(actor.userId, structure.id);
  if (elsewhere)
    return (
      <OtherStructurePanel
        heading={`Transmettre la demande ${request.year} de ${structure.name}`}
        structure={{ id: structure.id, name: structure.name }}
        current={elsewhere}
        retour={`/remboursement-tic/demandes/${request.id}/transmettre`}
      />
    );
  const back = `/remboursement-tic/demandes/${request.id}`;
  // Nothing to confirm: the request page says why.
  if (!isEditable(request.status) || transmissionProblems(detail).length > 0) redirect(back);
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/remboursement-tic">Demande de remboursement TIC</Link> <span aria-hidden="true">›</span>{" "}
        <Link href={back}>{`Demande ${request.year}`}</Link> <span aria-hidden="true">›</span> Transmettre
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">{`Transmettre la demande ${request.year} à l'administration`}</h1>
      <p className="mt-4">
        Vérifiez ce qui sera transmis. Une fois transmise, la demande ne peut plus être modifiée, sauf si l&apos;administration la déclare «
        à compléter ».
      </p>
      <dl className="mt-4 term-list rounded border border-gray-300 bg-white p-6">
        <dt className="font-semibold">Structure</dt>
        <dd>{`${structure.name} — SIRET ${formatSiret(structure.siret)}`}</dd>
        <dt className="font-semibold">Année de la demande</dt>
        <dd>{request.year}</dd>
        <dt className="font-semibold">Lignes</dt>
        <dd>{lines.length}</dd>
        <dt className="font-semibold">Montant des lignes</dt>
        <dd>{formatEuros(detail.totalCents)}</dd>
        <dt className="font-semibold">Références bancaires</dt>
        <dd>
          {bankAccount
            ? `${bankAccount.holder} — IBAN ${formatIban(bankAccount.iban).replace(/^(\S+ \S+).*(\S{3})$/, "$1 … $2")}`
            : "non choisies"}
        </dd>
        <dt className="font-semibold">Attestation</dt>
        <dd>L&apos;entreprise déclare sur l&apos;honneur ne pas être une entreprise « en difficulté ».</dd>
      </dl>
      {hasAdvance(request.year) ? (
        <BalanceSummary balance={detail.balance} received={request.advanceReceived} late={detail.advanceLate} />
      ) : null}
      <div className="mt-6 flex flex-wrap items-center gap-6">
        <TransmitForm requestId={request.id} again={request.reference !== null} />
        <Link href={back}>Revenir à la demande sans transmettre</Link>
      </div>
    </div>
  );
}
