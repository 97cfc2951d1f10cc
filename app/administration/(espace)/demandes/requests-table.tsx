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
  /** Whole days since the transmission, with the day in words as its title; null when never transmitted. */
  days: { count: number; title: string } | null;
};

/**
 * The instructors' list. A client component fed with compact rows, as the portfolio's table
 * (ADR 0032): 25 server-rendered rows travel twice, as HTML and as their React payload, and were
 * the largest part of the page's cost. Plain links: nothing to prefetch, nothing to hydrate.
 */
export function RequestsTable({ caption, rows }: { caption: string; rows: ShownRequestRow[] }) {
  return (
    <TableRegion label="Tableau des demandes">
      {/* The cells' look is declared once here, not on each of the 200 cells: a tenth less HTML per page. */}
      <table className="table-cards w-full border-collapse text-left text-sm [&_td]:p-2 [&_th]:p-2 [&_tbody_tr]:border-b [&_tbody_tr]:border-gray-300 [&_tbody_tr]:align-top">
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
              <td data-label="Exploitation">
                {row.name}
                <span className="block text-xs text-gray-700">{`SIRET ${row.siret}`}</span>
              </td>
              <td data-label="Dépt">{row.departement}</td>
              <td data-label="Année">{row.year}</td>
              <td data-label="Montant" className="text-right whitespace-nowrap">
                {row.total}
              </td>
              <td data-label="Statut">{row.status}</td>
              <td data-label="Suivie par">{row.instructor}</td>
              <td data-label="Jours depuis la transmission" className="text-right">
                {row.days ? <span title={row.days.title}>{row.days.count}</span> : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
