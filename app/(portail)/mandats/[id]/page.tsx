import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InlineAction } from "@/app/_components/inline-action";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth/require-actor";
import { formatDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { MANDATE_STATUS_LABELS, mandateStatus, untilText } from "@/lib/mandates/presentation";
import { mandateRightsText } from "@/lib/rights-wording";
import { mandateDetail } from "@/lib/mandates/queries";
import { decideMandateAction, endMandateAction } from "../actions";
import { RefuseMandateForm } from "./refuse-form";
import { fullName } from "@/lib/names";

export const metadata: Metadata = { title: "Mandat" };

const row = "grid grid-cols-1 gap-x-6 sm:grid-cols-[14rem_1fr]";

/** One mandate: what it grants, between whom, and the one decision each side may take now. */
export default async function MandatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const mandateId = Number((await params).id);
  if (!Number.isSafeInteger(mandateId) || !can(actor, "mandate.view", { mandateId })) notFound();
  const detail = mandateDetail(mandateId)!;
  const { mandate } = detail;
  const status = mandateStatus(mandate);
  const mayDecide = status === "pending" && can(actor, "mandate.decide", { mandateId });
  // A mandate still asked is withdrawn by the side that asked; the farm deciding refuses it (lib/mandates/mandates.ts endMandate).
  const mayEnd = (status === "active" || (status === "pending" && !mayDecide)) && can(actor, "mandate.end", { mandateId });
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/mandats">Mandats</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold text-brand">{`Mandat de ${detail.agentName} pour ${detail.farmName}`}</h1>
      <dl className="mt-6 space-y-2 rounded border border-gray-300 bg-white p-6">
        <div className={row}>
          <dt className="font-semibold">Statut</dt>
          <dd>{MANDATE_STATUS_LABELS[status]}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Exploitation</dt>
          <dd>{`${detail.farmName} (SIRET ${formatSiret(detail.farmSiret)})`}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Structure mandatée</dt>
          <dd>{`${detail.agentName} (SIRET ${formatSiret(detail.agentSiret)})`}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Droits sur l&apos;espace « Demande de remboursement TIC »</dt>
          <dd>{mandateRightsText(mandate)}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">Durée</dt>
          <dd>{untilText(mandate.endDate)}</dd>
        </div>
        <div className={row}>
          <dt className="font-semibold">{mandate.origin === "given" ? "Donné" : "Demandé"}</dt>
          <dd>{`le ${formatDay(mandate.requestedAt)} par ${fullName(detail.requesterFirstName, detail.requesterLastName)}`}</dd>
        </div>
        {mandate.decidedAt && mandate.origin === "asked" ? (
          <div className={row}>
            <dt className="font-semibold">{mandate.status === "refused" ? "Refusé" : "Accepté"}</dt>
            <dd>{`le ${formatDay(mandate.decidedAt)}${mandate.reason ? ` — motif : ${mandate.reason}` : ""}`}</dd>
          </div>
        ) : null}
        {mandate.endedAt ? (
          <div className={row}>
            <dt className="font-semibold">{mandate.status === "cancelled" ? "Retiré" : "Terminé"}</dt>
            <dd>{`le ${formatDay(mandate.endedAt)}`}</dd>
          </div>
        ) : null}
      </dl>
      {mayDecide ? (
        <section aria-labelledby="decision" className="mt-8 rounded border-l-4 border-brand bg-blue-50 p-4">
          <h2 id="decision" className="text-xl font-bold">
            Votre décision
          </h2>
          <p className="mt-1 mb-4">
            {`En acceptant, vous permettez aux utilisateurs de ${detail.agentName} de travailler sur l'espace « Demande de remboursement TIC » de ${detail.farmName} avec ces droits, dès maintenant. Vous pourrez y mettre fin à tout moment.`}
          </p>
          <div className="flex flex-wrap items-start gap-4">
            <InlineAction action={decideMandateAction} fields={{ mandateId, decision: "accept" }} label="Accepter le mandat" />
            <RefuseMandateForm mandateId={mandateId} />
          </div>
        </section>
      ) : null}
      {mayEnd ? (
        <p className="mt-8">
          <InlineAction
            action={endMandateAction}
            fields={{ mandateId }}
            label={status === "pending" ? "Retirer la demande" : "Mettre fin au mandat"}
            danger
            confirm={
              status === "pending"
                ? "La demande de mandat sera retirée ; les deux gestionnaires principaux en sont informés par courriel."
                : `Les utilisateurs de ${detail.agentName} perdront aussitôt l'accès à l'espace de ${detail.farmName}. Les demandes déjà préparées ou transmises restent à l'exploitation.`
            }
          />
        </p>
      ) : null}
    </div>
  );
}
