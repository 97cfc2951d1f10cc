"use client";

import { TableRegion } from "@/app/_components/table-region";

/** One row of « Demandes » as shown, every value already formatted by the page. */
export type ShownRequestRow = {
  id: number;
  href: string;
  reference: string;
  flagged: boolean;
  name: string;
  siret: string;
  departement: string;
  year: number;
  total: string;
  status: string;
  instructor: string;
  /** Whole days since the transmission; null when never transmitted. */
  days: number | null;
};

/**
 * The instructors' list. A client component fed with compact rows, as the portfolio's table
 * (ADR 0032): 25 server-rendered rows travel twice, as HTML and as their React payload, and were
 * the largest part of the page's cost. Plain links: nothing to prefetch, nothing to hydrate.
 *
 * Every attribute is paid 25 times on every view (ADR 0034): the cells' look is declared once on the
 * table (padding, borders, the SIRET under the name as <small>, amounts and days aligned right by
 * column), and the list scrolls in its region on a phone instead of turning into cards: it has no
 * action in its rows, so no `data-label` on each cell.
 */
const TABLE_LOOK = [
  "w-full border-collapse text-left text-sm [&_td]:p-2 [&_th]:p-2",
  "[&_tbody_tr]:border-b [&_tbody_tr]:border-gray-300 [&_tbody_tr]:align-top",
  "[&_small]:block [&_small]:text-xs [&_small]:text-gray-700",
  // Columns 5 (amount) and 8 (days), counting the row's header cell.
  "[&_td:nth-child(5)]:text-right [&_td:nth-child(5)]:whitespace-nowrap [&_td:nth-child(8)]:text-right",
].join(" ");

export function RequestsTable({ caption, rows }: { caption: string; rows: ShownRequestRow[] }) {
  return (
    <TableRegion label="Tableau des demandes">
      <table className={TABLE_LOOK}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400">
            <th scope="col">Référence</th>
            <th scope="col">Exploitation</th>
            <th scope="col">Dépt</th>
            <th scope="col">Année</th>
            <th scope="col" className="text-right">
              Montant
            </th>
            <th scope="col">Statut</th>
            <th scope="col">Suivie par</th>
            <th scope="col" className="text-right">
              Jours depuis la transmission
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <a href={row.href}>{row.reference}</a>
                {row.flagged ? <span className="block text-xs font-semibold text-error">Signalée</span> : null}
              </th>
              <td>
                {row.name}
                <small>{`SIRET ${row.siret}`}</small>
              </td>
              <td>{row.departement}</td>
              <td>{row.year}</td>
              <td>{row.total}</td>
              <td>{row.status}</td>
              <td>{row.instructor}</td>
              <td>{row.days ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
