"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import { SubmitButton } from "@/app/_components/submit-button";
import { TableRegion } from "@/app/_components/table-region";
import { lettersSentAction } from "../operator-actions";

export type LetterRow = {
  id: number;
  name: string;
  siret: string;
  address: string;
  departement: string;
  requester: string;
  createdAt: string;
};

export function LettersForm({ rows }: { rows: LetterRow[] }) {
  const [state, action] = useActionState(lettersSentAction, null);
  return (
    <form action={action} noValidate className="mt-4">
      <FormFeedback state={state} labels={{ letterIds: "Courriers" }} />
      {rows.length === 0 ? <p>Aucun courrier n&apos;attend d&apos;être posté.</p> : null}
      <div hidden={rows.length === 0}>
        <TableRegion label="Tableau des courriers à envoyer">
          <table id="champ-letterIds" className="table-cards w-full border-collapse bg-white text-left">
            <thead>
              <tr>
                <th scope="col" className="border-b p-2">
                  Envoyé
                </th>
                <th scope="col" className="border-b p-2">
                  N°
                </th>
                <th scope="col" className="border-b p-2">
                  Structure
                </th>
                <th scope="col" className="border-b p-2">
                  Adresse
                </th>
                <th scope="col" className="border-b p-2">
                  Dépt
                </th>
                <th scope="col" className="border-b p-2">
                  Demandé par
                </th>
                <th scope="col" className="border-b p-2">
                  Le
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td data-label="Envoyé" className="border-b p-2">
                    <input
                      type="checkbox"
                      name="letterIds"
                      value={row.id}
                      id={`courrier-${row.id}`}
                      aria-label={`Courrier n° ${row.id}, ${row.name} : envoyé`}
                      className="h-6 w-6"
                    />
                  </td>
                  <td data-label="N°" className="border-b p-2">
                    {row.id}
                  </td>
                  <td data-label="Structure" className="border-b p-2">
                    {row.name}
                    <span className="block text-sm text-gray-700">SIRET {row.siret}</span>
                  </td>
                  <td data-label="Adresse" className="border-b p-2">
                    {row.address}
                  </td>
                  <td data-label="Dépt" className="border-b p-2">
                    {row.departement}
                  </td>
                  <td data-label="Demandé par" className="border-b p-2">
                    {row.requester}
                  </td>
                  <td data-label="Le" className="border-b p-2">
                    {row.createdAt}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <div className="mt-4">
          <SubmitButton>Marquer comme envoyés</SubmitButton>
        </div>
      </div>
    </form>
  );
}
