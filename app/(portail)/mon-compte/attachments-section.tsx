import Link from "next/link";
import type { myAttachments } from "@/lib/structures/queries";
import { TableRegion } from "@/app/_components/table-region";
import { formatSiret } from "@/lib/identifiers";
import { CancelAttachmentButton } from "./cancel-attachment-button";
import { formatDay } from "@/lib/dates";
import { fullName } from "@/lib/names";

const STATUS = {
  pending: "En attente de validation",
  approved: "Rattachement validé",
  refused: "Refusée",
  cancelled: "Annulée",
  revoked: "Retiré de la structure",
} as const;

/** « Mes rattachements » in « Mon compte ». */
export function AttachmentsSection({ rows }: { rows: ReturnType<typeof myAttachments> }) {
  return (
    <>
      {rows.length === 0 ? (
        <p>Votre compte n&apos;est rattaché à aucune structure pour l&apos;instant.</p>
      ) : (
        <TableRegion label="Tableau de mes rattachements">
          <table className="table-cards w-full border-collapse text-left">
            <caption className="sr-only">Mes rattachements</caption>
            <thead>
              <tr className="border-b-2 border-gray-400">
                <th scope="col" className="p-2">
                  Structure
                </th>
                <th scope="col" className="p-2">
                  État
                </th>
                <th scope="col" className="p-2">
                  Gestionnaire principal
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-gray-300 align-top">
                  <td className="p-2" data-label="Structure">
                    {row.structureName}
                    <span className="block text-sm text-gray-700">{`SIRET ${formatSiret(row.siret)}`}</span>
                  </td>
                  <td className="p-2" data-label="État">
                    {row.isMainManager && row.status === "approved" ? "Gestionnaire principal" : STATUS[row.status]}
                    <span className="block text-sm text-gray-700">
                      {row.status === "pending"
                        ? `Depuis le ${formatDay(row.requestedAt)}`
                        : row.decidedAt
                          ? `Le ${formatDay(row.decidedAt)}`
                          : ""}
                    </span>
                    {row.status === "refused" && row.reason ? <span className="block text-sm">{`Motif : ${row.reason}`}</span> : null}
                  </td>
                  <td className="p-2" data-label="Gestionnaire principal">{`${fullName(row.managerFirstName, row.managerLastName)}`}</td>
                  <td className="p-2">
                    {row.status === "pending" ? <CancelAttachmentButton attachmentId={row.id} structureName={row.structureName} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p className="mt-4">
        <Link
          href="/structures/rattachement"
          className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white no-underline hover:bg-brand-dark"
        >
          Demander un rattachement
        </Link>
      </p>
    </>
  );
}
