import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableRegion } from "@/app/_components/table-region";
import { competence } from "@/lib/access/agents";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatDay, formatIsoShortDay } from "@/lib/dates";
import { formatSiret } from "@/lib/identifiers";
import { ordersOf, payableRequests, payableYears } from "@/lib/payment/desk";
import { formatEuros } from "@/lib/refunds/amounts";
import { positiveInteger } from "@/lib/search-params";

export const metadata: Metadata = { title: "Paiements" };

const cell = "border-b p-2";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<{ annee?: string; departement?: string }> }) {
  const agent = await requireAgent();
  if (!agent.roles.includes("payer")) notFound();
  const query = await searchParams;
  const departements = competence(agent, "payer");
  const year = positiveInteger(query.annee, 9999) ?? undefined;
  const departement = typeof query.departement === "string" && departements.includes(query.departement) ? query.departement : undefined;
  const requests = payableRequests(agent, { year, departement });
  const years = payableYears(agent);
  const orders = ordersOf(agent);
  const payable = requests.filter((r) => !r.acceptedByMe);
  return (
    <div>
      <h1 className="text-3xl font-bold text-slate-900">Paiements</h1>
      <p className="mt-2">
        {`Les demandes « Accordée » de vos départements (${departements.join(", ") || "aucun"}) attendent un ordre de paiement : un fichier de virements SEPA (pain.001.001.03) à remettre à la banque, une opération par demande. Vous ne pouvez pas mettre en paiement une demande que vous avez accordée.`}
      </p>

      <section aria-labelledby="a-payer" className="mt-8">
        <h2 id="a-payer" className="text-xl font-bold">{`Demandes accordées à mettre en paiement (${requests.length})`}</h2>
        <form
          method="get"
          action="/administration/paiements"
          className="mt-4 flex flex-wrap items-end gap-4 rounded border border-gray-400 bg-white p-4"
        >
          <div>
            <label htmlFor="filtre-annee" className="block font-semibold">
              Année
            </label>
            <select
              id="filtre-annee"
              name="annee"
              defaultValue={year ? String(year) : ""}
              className="mt-1 rounded border border-gray-600 bg-white px-3 py-2"
            >
              <option value="">Toutes</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filtre-departement" className="block font-semibold">
              Département
            </label>
            <select
              id="filtre-departement"
              name="departement"
              defaultValue={departement ?? ""}
              className="mt-1 rounded border border-gray-600 bg-white px-3 py-2"
            >
              <option value="">Tous les vôtres</option>
              {departements.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand">
            Filtrer
          </button>
        </form>
        {requests.length === 0 ? (
          <p className="mt-4">Aucune demande accordée n&apos;attend de mise en paiement{year || departement ? " pour ce filtre" : ""}.</p>
        ) : (
          <form method="get" action="/administration/paiements/confirmer" className="mt-4">
            <p>Toutes les demandes du filtre sont cochées : décochez celles à garder pour un autre ordre.</p>
            <TableRegion label="Demandes accordées à mettre en paiement">
              <table className="table-cards mt-2 w-full border-collapse bg-white text-left">
                <thead>
                  <tr>
                    <th scope="col" className={cell}>
                      À mettre en paiement
                    </th>
                    <th scope="col" className={cell}>
                      Référence
                    </th>
                    <th scope="col" className={cell}>
                      Exploitation
                    </th>
                    <th scope="col" className={cell}>
                      Dépt
                    </th>
                    <th scope="col" className={cell}>
                      Année
                    </th>
                    <th scope="col" className={`${cell} md:text-right`}>
                      Montant accordé
                    </th>
                    <th scope="col" className={cell}>
                      Accordée le
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {requests.map((r) => (
                    <tr key={r.id}>
                      <td data-label="À mettre en paiement" className={cell}>
                        {r.acceptedByMe ? (
                          <span>Accordée par vous : un autre payeur</span>
                        ) : (
                          <input
                            type="checkbox"
                            name="demande"
                            value={r.id}
                            defaultChecked
                            id={`demande-${r.id}`}
                            aria-label={`Mettre en paiement ${r.reference}, ${r.name}`}
                            className="h-6 w-6"
                          />
                        )}
                      </td>
                      <td data-label="Référence" className={cell}>
                        {r.reference}
                      </td>
                      <td data-label="Exploitation" className={cell}>
                        {r.name}
                        <span className="block text-sm text-gray-700">{`SIRET ${formatSiret(r.siret)}`}</span>
                      </td>
                      <td data-label="Dépt" className={cell}>
                        {r.departement}
                      </td>
                      <td data-label="Année" className={cell}>
                        {r.year}
                      </td>
                      <td data-label="Montant accordé" className={`${cell} md:text-right`}>
                        {formatEuros(r.acceptedCents ?? 0)}
                      </td>
                      <td data-label="Accordée le" className={cell}>
                        {r.decidedAt ? formatDay(r.decidedAt) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            {payable.length > 0 ? (
              <button type="submit" className="mt-4 rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">
                Mettre en paiement
              </button>
            ) : null}
          </form>
        )}
      </section>

      <section aria-labelledby="ordres" className="mt-10">
        <h2 id="ordres" className="text-xl font-bold">{`Ordres de paiement (${orders.length})`}</h2>
        {orders.length === 0 ? (
          <p className="mt-2">Aucun ordre de paiement pour l&apos;instant.</p>
        ) : (
          <TableRegion label="Ordres de paiement">
            <table className="table-cards mt-2 w-full border-collapse bg-white text-left">
              <thead>
                <tr>
                  <th scope="col" className={cell}>
                    Ordre
                  </th>
                  <th scope="col" className={cell}>
                    Établi le
                  </th>
                  <th scope="col" className={`${cell} md:text-right`}>
                    Virements
                  </th>
                  <th scope="col" className={`${cell} md:text-right`}>
                    Total
                  </th>
                  <th scope="col" className={cell}>
                    État
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id}>
                    <td data-label="Ordre" className={cell}>
                      <Link href={`/administration/paiements/ordres/${o.id}`}>{o.reference}</Link>
                    </td>
                    <td data-label="Établi le" className={cell}>
                      {formatDay(o.createdAt)}
                    </td>
                    <td data-label="Virements" className={`${cell} md:text-right`}>
                      {o.transactionCount}
                    </td>
                    <td data-label="Total" className={`${cell} md:text-right`}>
                      {formatEuros(o.controlSumCents)}
                    </td>
                    <td data-label="État" className={cell}>
                      {o.executedOn ? `Payé le ${formatIsoShortDay(o.executedOn)}` : "À exécuter par la banque"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
