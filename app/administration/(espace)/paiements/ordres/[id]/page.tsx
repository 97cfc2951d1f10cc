import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableRegion } from "@/app/_components/table-region";
import { can } from "@/lib/access";
import { requireAgent } from "@/lib/agents/current-agent";
import { formatDayTime, formatIsoShortDay, parisToday } from "@/lib/dates";
import { orderDetail } from "@/lib/payment/desk";
import { formatEuros } from "@/lib/refunds/amounts";
import { formatIban } from "@/lib/refunds/iban";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { positiveInteger } from "@/lib/search-params";
import { MarkPaidForm } from "../../payment-forms";

export const metadata: Metadata = { title: "Ordre de paiement" };

const cell = "border-b p-2";

export default async function PaymentOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cree?: string; payee?: string }>;
}) {
  const agent = await requireAgent();
  const orderId = positiveInteger((await params).id);
  if (orderId === null || !can(agent, "order.handle", { orderId })) notFound();
  const { order, items } = orderDetail(agent, orderId);
  const query = await searchParams;
  return (
    <div>
      <p>
        <Link href="/administration/paiements">Paiements</Link> <span aria-hidden="true">›</span> {order.reference}
      </p>
      <h1 className="mt-2 text-3xl font-bold text-slate-900">{`Ordre de paiement ${order.reference}`}</h1>
      {query.cree === "1" ? (
        <p role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          {`L'ordre ${order.reference} est prêt : ${order.transactionCount} virement${order.transactionCount > 1 ? "s" : ""}, ${formatEuros(order.controlSumCents)} au total. Les demandes passent à « ${STATUS_LABELS.payment} » et les exploitations sont prévenues.`}
        </p>
      ) : null}
      {query.payee === "1" && order.executedOn ? (
        <p role="status" className="mt-4 rounded border-l-4 border-success bg-green-50 p-4">
          {`L'ordre est marqué comme payé le ${formatIsoShortDay(order.executedOn)} : les exploitations lisent « Payée le ${formatIsoShortDay(order.executedOn)} » et sont prévenues.`}
        </p>
      ) : null}
      <dl className="term-list mt-4">
        <dt className="font-semibold">Établi le</dt>
        <dd>{formatDayTime(order.createdAt)}</dd>
        <dt className="font-semibold">Nombre de virements</dt>
        <dd>{order.transactionCount}</dd>
        <dt className="font-semibold">Montant total (somme de contrôle)</dt>
        <dd>{formatEuros(order.controlSumCents)}</dd>
        <dt className="font-semibold">État</dt>
        <dd>{order.executedOn ? `Payé : virements exécutés le ${formatIsoShortDay(order.executedOn)}` : "À exécuter par la banque"}</dd>
      </dl>
      <p className="mt-4">
        <a
          href={`/administration/paiements/ordres/${order.id}/xml`}
          download
          className="touch-target inline-flex items-center font-semibold"
        >
          {`Télécharger le fichier de virements ${order.reference}.xml (SEPA pain.001.001.03)`}
        </a>
      </p>

      <section aria-labelledby="virements" className="mt-8">
        <h2 id="virements" className="text-xl font-bold">
          Virements
        </h2>
        <TableRegion label="Virements de l'ordre">
          <table className="table-cards mt-2 w-full border-collapse bg-white text-left">
            <thead>
              <tr>
                <th scope="col" className={cell}>
                  Référence
                </th>
                <th scope="col" className={cell}>
                  Exploitation
                </th>
                <th scope="col" className={cell}>
                  Titulaire, IBAN, BIC
                </th>
                <th scope="col" className={`${cell} md:text-right`}>
                  Montant
                </th>
                <th scope="col" className={cell}>
                  Statut
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td data-label="Référence" className={cell}>
                    {item.endToEndId}
                  </td>
                  <td data-label="Exploitation" className={cell}>{`${item.name} (${item.departement ?? "—"})`}</td>
                  <td data-label="Titulaire, IBAN, BIC" className={cell}>
                    {item.holder}
                    <span className="block font-mono text-sm">{formatIban(item.iban)}</span>
                    <span className="block font-mono text-sm">{item.bic}</span>
                  </td>
                  <td data-label="Montant" className={`${cell} md:text-right`}>
                    {formatEuros(item.amountCents)}
                  </td>
                  <td data-label="Statut" className={cell}>
                    {STATUS_LABELS[item.status]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      {order.executedOn ? null : (
        <section aria-labelledby="marquer" className="mt-8 rounded border border-gray-400 bg-white p-4">
          <h2 id="marquer" className="text-xl font-bold">
            Marquer comme payé
          </h2>
          <p className="mt-1">
            Quand la banque a exécuté les virements, indiquez le jour d&apos;exécution : chaque demande passe à « Payée » et
            l&apos;exploitation est prévenue.
          </p>
          <MarkPaidForm orderId={order.id} today={parisToday()} built={parisToday(order.createdAt)} />
        </section>
      )}
    </div>
  );
}
