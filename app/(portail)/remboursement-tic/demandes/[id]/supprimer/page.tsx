import type { Metadata } from "next";
import { OtherStructurePanel } from "@/app/_components/other-structure-panel";
import { workingOnAnother } from "@/lib/structures/working-structure";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatEuros } from "@/lib/refunds/amounts";
import { requestDetail } from "@/lib/refunds/queries";
import { DeleteRequestForm } from "../../../refund-forms";

export const metadata: Metadata = { title: "Supprimer un brouillon — Demande de remboursement TIC" };

/** The confirmation before a draft goes, with its lines and invoice copies. */
export default async function DeleteDraftPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const requestId = Number((await params).id);
  if (!Number.isSafeInteger(requestId) || !can(actor, "refund.edit", { requestId })) notFound();
  const { request, structure, lines, totalCents } = requestDetail(requestId)!;
  const elsewhere = workingOnAnother(actor.userId, structure.id);
  if (elsewhere)
    return (
      <OtherStructurePanel
        heading={`Supprimer le brouillon ${request.year} de ${structure.name}`}
        structure={{ id: structure.id, name: structure.name }}
        current={elsewhere}
        retour={`/remboursement-tic/demandes/${request.id}/supprimer`}
      />
    );
  const back = `/remboursement-tic/demandes/${request.id}`;
  if (request.status !== "draft" || request.reference !== null) redirect(back);
  const withInvoices = lines.filter((line) => line.invoiceFileId !== null).length;
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/remboursement-tic">Demande de remboursement TIC</Link> <span aria-hidden="true">›</span>{" "}
        <Link href={back}>{`Demande ${request.year}`}</Link> <span aria-hidden="true">›</span> Supprimer
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">{`Supprimer le brouillon ${request.year} ?`}</h1>
      <p className="mt-4">
        {lines.length === 0
          ? "Ce brouillon ne contient aucune ligne."
          : `Ce brouillon contient ${lines.length} ligne${lines.length > 1 ? "s" : ""} (${formatEuros(totalCents)})${withInvoices > 0 ? ` et ${withInvoices} copie${withInvoices > 1 ? "s" : ""} de facture` : ""} : ${lines.length > 1 ? "elles seront supprimées" : "elle sera supprimée"} avec lui.`}{" "}
        Il n&apos;a jamais été transmis : l&apos;administration ne le connaît pas. La suppression ne peut pas être annulée ; vous pourrez
        saisir une nouvelle demande pour {request.year}.
      </p>
      <div className="mt-6 flex flex-wrap items-center gap-6">
        <DeleteRequestForm requestId={request.id} year={request.year} />
        <Link href={back}>Garder le brouillon</Link>
      </div>
    </div>
  );
}
