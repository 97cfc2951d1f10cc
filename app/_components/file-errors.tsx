"use client";

import { useContext, useEffect, useRef } from "react";
import { FieldScope, fieldId } from "./field";
import { TableRegion } from "./table-region";
import type { RowError } from "@/lib/forms";
import { fixQuoteSpaces, quoted } from "@/lib/typography";

const cell = "p-2 align-top";

/**
 * The errors of a refused file: the summary (focused, so that it is announced), then one row per
 * error with its row and column, and a link back to the file field.
 */
export function FileErrors({
  formError,
  errors,
  fix = "Choisir le fichier corrigé",
}: {
  formError?: string;
  errors: RowError[];
  fix?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const scope = useContext(FieldScope);
  useEffect(() => ref.current?.focus(), [errors]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="erreurs-fichier"
      className="mb-6 rounded border-l-4 border-error bg-red-50 p-4"
    >
      <p id="erreurs-fichier" className="font-semibold">
        {fixQuoteSpaces(formError ?? "Rien n'a été importé.")}
      </p>
      <TableRegion label="Tableau des erreurs du fichier">
        <table className="table-cards mt-3 w-full border-collapse bg-white text-left">
          <caption className="p-2 text-left font-semibold">
            Erreurs du fichier, par ligne et par colonne (la ligne d&apos;en-tête est la ligne 1)
          </caption>
          <thead>
            <tr className="border-b-2 border-gray-400">
              <th scope="col" className="p-2">
                Ligne
              </th>
              <th scope="col" className="p-2">
                Colonne
              </th>
              <th scope="col" className="p-2">
                Erreur
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error, index) => (
              <tr key={index} className="border-b border-gray-300">
                <td data-label="Ligne" className={cell}>
                  {error.row > 0 ? error.row : "Fichier"}
                </td>
                <td data-label="Colonne" className={cell}>
                  {error.column ? quoted(error.column) : "—"}
                </td>
                <td data-label="Erreur" className={cell}>
                  {fixQuoteSpaces(error.message)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="mt-3">
        <a href={`#${fieldId("file", scope)}`}>{fix}</a>
      </p>
    </div>
  );
}
