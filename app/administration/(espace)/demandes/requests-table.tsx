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
      <table className="table-cards w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-400">
            <th scope="col" className="p-2">
              Référence
            </th>
            <th scope="col" className="p-2">
              Exploitation
            </th>
            <th scope="col" className="p-2">
              Dépt
            </th>
            <th scope="col" className="p-2">
              Année
            </th>
            <th scope="col" className="p-2 text-right">
              Montant
            </th>
            <th scope="col" className="p-2">
              Statut
            </th>
            <th scope="col" className="p-2">
              Suivie par
            </th>
            <th scope="col" className="p-2 text-right">
              Jours depuis la transmission
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-gray-300 align-top">
              <th scope="row" className="p-2">
                <a href={row.href}>{row.reference}</a>
                {row.flagged ? <span className="block text-xs font-semibold text-error">Signalée</span> : null}
              </th>
              <td data-label="Exploitation" className="p-2">
                {row.name}
                <span className="block text-xs text-gray-700">{`SIRET ${row.siret}`}</span>
              </td>
              <td data-label="Dépt" className="p-2">
                {row.departement}
              </td>
              <td data-label="Année" className="p-2">
                {row.year}
              </td>
              <td data-label="Montant" className="p-2 text-right whitespace-nowrap">
                {row.total}
              </td>
              <td data-label="Statut" className="p-2">
                {row.status}
              </td>
              <td data-label="Suivie par" className="p-2">
                {row.instructor}
              </td>
              <td data-label="Jours depuis la transmission" className="p-2 text-right">
                {row.days ? <span title={row.days.title}>{row.days.count}</span> : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
