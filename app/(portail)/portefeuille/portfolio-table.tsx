"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { TableRegion } from "@/app/_components/table-region";
import type { ActionResult, ActionState } from "@/lib/forms";

type Sorted = "ascending" | "descending" | undefined;

/** One row as shown, every value already formatted by the page. */
export type ShownRow = {
  key: string;
  name: string;
  siret: string;
  pacage: string;
  year: number;
  status: string;
  href: string | null;
  total: string;
  /** The 2024 balance in words, under the total. */
  balance?: string;
  missing: string[];
  updated: string;
  action: { target: string; label: string; primary: boolean } | null;
};

type Props<T> = {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
  caption: string;
  sorted: { name: Sorted; siret: Sorted; total: Sorted; updated: Sorted };
  rows: ShownRow[];
};

/**
 * The portfolio's table, in one form: each row's button posts its own `cible` (« open:12 »,
 * « create:7:2025 »); it works without JavaScript (POST, then a redirect to the request). It is a
 * client component fed with compact rows: a server-rendered table of 50 rows would travel twice
 * (HTML and its React payload), which made the page four times slower than this.
 */
export function PortfolioTable<T>({ action, caption, sorted, rows }: Props<T>) {
  const [state, formAction] = useActionState<ActionState<T>, FormData>(action, null);
  return (
    <form action={formAction} aria-label="Demandes du portefeuille">
      <FormFeedback state={state} />
      <TableRegion label="Tableau du portefeuille">
        {/* The cells' look is declared once here, not on each of the 250 cells (as « Demandes », ADR 0033). */}
        <table className="table-cards mt-3 w-full border-collapse text-left text-sm [&_td]:p-2 [&_th]:p-2 [&_tbody_tr]:border-b [&_tbody_tr]:border-gray-300 [&_tbody_tr]:align-top">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b-2 border-gray-400">
              <th scope="col" aria-sort={sorted.name}>
                Exploitation
              </th>
              <th scope="col" aria-sort={sorted.siret}>
                SIRET
              </th>
              <th scope="col">PACAGE</th>
              <th scope="col">Année</th>
              <th scope="col">Statut</th>
              <th scope="col" className="text-right" aria-sort={sorted.total}>
                Total
              </th>
              <th scope="col">Manque avant transmission</th>
              <th scope="col" aria-sort={sorted.updated}>
                Dernière modification
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                <td data-label="SIRET" className="whitespace-nowrap">
                  {row.siret}
                </td>
                <td data-label="PACAGE">{row.pacage}</td>
                <td data-label="Année">{row.year}</td>
                <td data-label="Statut">
                  {row.href ? (
                    // A plain link: Next's <Link> would prefetch every request of the page on a slow connection.
                    <a href={row.href}>
                      {row.status}
                      <span className="sr-only">{` : demande ${row.year} de ${row.name}`}</span>
                    </a>
                  ) : (
                    row.status
                  )}
                </td>
                <td data-label="Total" className="text-right whitespace-nowrap">
                  {row.total}
                  {row.balance ? <span className="block text-sm">{row.balance}</span> : null}
                </td>
                <td data-label="Manque avant transmission">
                  {row.missing.length === 1 ? (
                    row.missing[0]
                  ) : (
                    <ul className="list-disc pl-5">
                      {row.missing.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label="Dernière modification">{row.updated}</td>
                <td data-label="Actions">
                  {row.action ? (
                    <button
                      type="submit"
                      name="cible"
                      value={row.action.target}
                      className={`rounded border-2 border-brand px-3 py-1 text-sm font-semibold ${row.action.primary ? "bg-brand text-white hover:bg-brand-dark" : "text-brand"}`}
                    >
                      {row.action.label}
                      {/* Seen « Ouvrir la demande 2025 », heard « … de GAEC DU MOULIN ». */}
                      <span className="sr-only">{` de ${row.name}`}</span>
                    </button>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </form>
  );
}
