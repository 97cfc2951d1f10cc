import Link from "next/link";
import { InlineAction } from "@/app/_components/inline-action";
import { TableRegion } from "@/app/_components/table-region";
import { SPACE_KINDS } from "@/lib/spaces/catalogue";
import type { mySubscriptions } from "@/lib/spaces/queries";
import { rightsText } from "@/lib/rights-wording";
import { formatIsoDay } from "@/lib/dates";
import { quoted } from "@/lib/typography";
import { endSubscriptionAction } from "./abonnements/actions";
import { fullName } from "@/lib/names";

const STATUS = {
  pending: "En attente de validation",
  approved: "Validé",
  refused: "Refusé",
  cancelled: "Annulé",
  ended: "Terminé",
} as const;

/** « Mes abonnements aux espaces » in « Mon compte ». */
export function SubscriptionsSection({ rows }: { rows: ReturnType<typeof mySubscriptions> }) {
  return (
    <>
      {rows.length === 0 ? (
        <p>Vous n&apos;avez aucun abonnement à un espace.</p>
      ) : (
        <TableRegion label="Tableau de mes abonnements aux espaces">
          <table className="table-cards w-full border-collapse text-left">
            <caption className="sr-only">Mes abonnements aux espaces</caption>
            <thead>
              <tr className="border-b-2 border-gray-400">
                <th scope="col" className="p-2">
                  Espace
                </th>
                <th scope="col" className="p-2">
                  Droits
                </th>
                <th scope="col" className="p-2">
                  État
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-gray-300 align-top">
                  <td className="p-2" data-label="Espace">
                    {quoted(SPACE_KINDS[row.kind].label)}
                    <span className="block text-sm text-gray-700">{row.structureName}</span>
                  </td>
                  <td className="p-2" data-label="Droits">{`${rightsText(row)}, à partir du ${formatIsoDay(row.startDate)}`}</td>
                  <td className="p-2" data-label="État">
                    {STATUS[row.status]}
                    {row.status === "pending" ? (
                      <span className="block text-sm">{`Décision de ${fullName(row.managerFirstName, row.managerLastName)}`}</span>
                    ) : null}
                    {row.status === "refused" && row.reason ? <span className="block text-sm">{`Motif : ${row.reason}`}</span> : null}
                  </td>
                  <td className="p-2">
                    {row.status === "approved" || row.status === "pending" ? (
                      <InlineAction
                        action={endSubscriptionAction}
                        fields={{ subscriptionId: row.id }}
                        label={row.status === "approved" ? "Mettre fin" : "Annuler la demande"}
                        accessibleLabel={`${row.status === "approved" ? "Mettre fin à l'abonnement" : "Annuler la demande d'abonnement"} à « ${SPACE_KINDS[row.kind].label} » (${row.structureName})`}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p className="mt-4">
        <Link
          href="/mon-compte/abonnements/nouveau"
          className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
        >
          Ajouter un abonnement
        </Link>
      </p>
    </>
  );
}
