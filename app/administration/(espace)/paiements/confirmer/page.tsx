import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableRegion } from "@/app/_components/table-region";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatSiret } from "@/lib/identifiers";
import { payableRequests } from "@/lib/payment/desk";
import { formatEuros } from "@/lib/refunds/amounts";
import { positiveInteger } from "@/lib/search-params";
import { BuildOrderForm } from "../payment-forms";

export const metadata: Metadata = { title: "Confirmer la mise en paiement" };

const cell = "border-b p-2";

/** The requests ticked on « Paiements »: their count and total, before the order is built. */
export default async function ConfirmPaymentPage({ searchParams }: { searchParams: Promise<{ demande?: string | string[] }> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("payer")) notFound();
  const raw = (await searchParams).demande;
  const ids = new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => positiveInteger(v)).filter((v): v is number => v !== null));
  // Only what the payer may pay now: accepted, in their départements, not accepted by them.
  const chosen = payableRequests(agent).filter((r) => ids.has(r.id) && !r.acceptedByMe);
  const total = chosen.reduce((sum, r) => sum + (r.acceptedCents ?? 0), 0);
  return (
    <div>
      <p>
        <Link href="/administration/paiements">Paiements</Link> <span aria-hidden="true">›</span> Confirmer
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">Confirmer la mise en paiement</h1>
      {chosen.length === 0 ? (
        <p className="mt-4">
          Aucune demande cochée ne peut être mise en paiement. <Link href="/administration/paiements">Revenir aux paiements</Link>
        </p>
      ) : (
        <>
          <p className="mt-4 text-lg font-semibold" id="resume">
            {`${chosen.length} demande${chosen.length > 1 ? "s" : ""} pour ${formatEuros(total)} au total : un ordre de paiement SEPA d'autant de virements.`}
          </p>
          {ids.size > chosen.length ? (
            <p className="mt-2">{`${ids.size - chosen.length} demande(s) cochée(s) ne sont plus à payer et sont laissées de côté.`}</p>
          ) : null}
          <TableRegion label="Demandes de l'ordre">
            <table className="table-cards mt-4 w-full border-collapse bg-white text-left">
              <thead>
                <tr>
                  <th scope="col" className={cell}>
                    Référence
                  </th>
                  <th scope="col" className={cell}>
                    Exploitation
                  </th>
                  <th scope="col" className={`${cell} md:text-right`}>
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {chosen.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Référence" className={cell}>
                      {r.reference}
                    </td>
                    <td data-label="Exploitation" className={cell}>{`${r.name} (SIRET ${formatSiret(r.siret)})`}</td>
                    <td data-label="Montant" className={`${cell} md:text-right`}>
                      {formatEuros(r.acceptedCents ?? 0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <BuildOrderForm
            requestIds={chosen.map((r) => r.id)}
            label={`Confirmer la mise en paiement de ${chosen.length} demande${chosen.length > 1 ? "s" : ""}`}
          />
          <p className="mt-4">
            <Link href="/administration/paiements">Annuler et revenir aux paiements</Link>
          </p>
        </>
      )}
    </div>
  );
}
