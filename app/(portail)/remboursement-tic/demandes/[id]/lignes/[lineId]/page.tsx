import type { Metadata } from "next";
import { OtherStructurePanel } from "@/app/_components/other-structure-panel";
import { workingOnAnother } from "@/lib/structures/working-structure";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatVolume } from "@/lib/refunds/amounts";
import { requestDetail } from "@/lib/refunds/queries";
import { formLineContext } from "@/lib/refunds/requests";
import { isEditable } from "@/lib/refunds/statuses";
import { EditLineForm } from "../../../../refund-forms";

export const metadata: Metadata = { title: "Modifier une ligne — Demande de remboursement TIC" };

export default async function EditLinePage({ params }: { params: Promise<{ id: string; lineId: string }> }) {
  const actor = await requireActor();
  const { id, lineId: rawLineId } = await params;
  const requestId = Number(id);
  const lineId = Number(rawLineId);
  if (!Number.isSafeInteger(requestId) || !Number.isSafeInteger(lineId) || !can(actor, "refund.edit", { requestId })) notFound();
  const detail = requestDetail(requestId)!;
  const line = detail.lines.find((l) => l.id === lineId);
  if (!line) notFound();
  const elsewhere = workingOnAnother(actor.userId, detail.structure.id);
  if (elsewhere)
    return (
      <OtherStructurePanel
        heading={`Ligne de la facture ${line.invoiceNumber}, demande ${detail.request.year} de ${detail.structure.name}`}
        structure={{ id: detail.structure.id, name: detail.structure.name }}
        current={elsewhere}
        retour={`/remboursement-tic/demandes/${requestId}/lignes/${line.id}`}
      />
    );
  const back = `/remboursement-tic/demandes/${requestId}`;
  if (!isEditable(detail.request.status)) redirect(back);
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/remboursement-tic">Demande de remboursement TIC</Link> <span aria-hidden="true">›</span>{" "}
        <Link href={back}>{`Demande ${detail.request.year}`}</Link> <span aria-hidden="true">›</span> {`Facture ${line.invoiceNumber}`}
      </p>
      <h1 className="mt-2 mb-6 text-3xl font-bold text-brand">{`Modifier la ligne de la facture ${line.invoiceNumber}`}</h1>
      <EditLineForm
        lineId={line.id}
        context={formLineContext(detail.request.year)}
        totalCents={detail.totalCents - line.amountCents}
        values={{
          invoiceNumber: line.invoiceNumber,
          deliveryDate: line.deliveryDate,
          product: line.product,
          volume: formatVolume(line.volumeMilli).replace(/\s/g, ""),
          billedFullTariff: line.billedFullTariff === null ? "" : line.billedFullTariff ? "oui" : "non",
          volumeUnit: "",
        }}
      />
      <p className="mt-4">
        <Link href={back}>Revenir à la demande sans modifier</Link>
      </p>
    </div>
  );
}
