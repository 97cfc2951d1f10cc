"use client";

import { useActionState } from "react";
import { Field, FieldScope } from "@/app/_components/field";
import { FormFeedback } from "@/app/_components/form-feedback";
import { TableRegion } from "@/app/_components/table-region";
import type { ActionResult, ActionState } from "@/lib/forms";

type Request = { id: number; who: string; email: string; structure: string; since: string; detail?: string };
type Props<T> = {
  requests: Request[];
  action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
  /** « rattachement » or « abonnement »: names the table and the ids of its fields. */
  kind: "rattachement" | "abonnement";
};

const button = "rounded px-3 py-1.5 font-semibold";

/** One form: tick several requests and decide at once, or use a row's own buttons. */
export function DecisionForm<T>({ requests, action: decide, kind }: Props<T>) {
  const ofKind = kind === "abonnement" ? "d'abonnement" : "de rattachement";
  const [state, action, pending] = useActionState<ActionState<T>, FormData>(decide, null);
  // Rendered even when the list is empty, so that the answer to the last decision stays on screen.
  if (requests.length === 0) {
    return (
      <div className="mt-3">
        <FormFeedback state={state} />
        <p>Aucune demande en attente.</p>
      </div>
    );
  }
  return (
    <form action={action} className="mt-3" aria-busy={pending}>
      <FormFeedback state={state} />
      <TableRegion label={`Tableau des demandes ${ofKind} en attente`}>
        <table className="table-cards w-full border-collapse bg-white text-left">
          <caption className="sr-only">{`Demandes ${ofKind} en attente`}</caption>
          <thead>
            <tr className="border-b-2 border-gray-400">
              <th scope="col" className="p-2">
                <span className="sr-only">Sélection</span>
              </th>
              <th scope="col" className="p-2">
                Demandeur
              </th>
              <th scope="col" className="p-2">
                Structure
              </th>
              <th scope="col" className="p-2">
                Demande
              </th>
              <th scope="col" className="p-2">
                Depuis le
              </th>
              <th scope="col" className="p-2">
                Décision
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id} className="border-b border-gray-300">
                <td className="p-2">
                  <input
                    type="checkbox"
                    name="ids"
                    value={request.id}
                    aria-label={`Sélectionner la demande ${ofKind} de ${request.who}`}
                    className="h-6 w-6"
                  />
                </td>
                <td className="p-2" data-label="Demandeur">
                  {request.who}
                  <span className="block text-sm text-gray-700">{request.email}</span>
                </td>
                <td className="p-2" data-label="Structure">
                  {request.structure}
                </td>
                <td className="p-2" data-label="Demande">
                  {request.detail}
                </td>
                <td className="p-2" data-label="Depuis le">
                  {request.since}
                </td>
                <td className="p-2" data-label="Décision">
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="submit"
                      name="single"
                      value={`approve:${request.id}`}
                      aria-label={`Valider la demande ${ofKind} de ${request.who}`}
                      className={`${button} bg-brand text-white`}
                    >
                      Valider
                    </button>
                    <button
                      type="submit"
                      name="single"
                      value={`refuse:${request.id}`}
                      aria-label={`Refuser la demande ${ofKind} de ${request.who}`}
                      className={`${button} border-2 border-error text-error`}
                    >
                      Refuser
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <div className="mt-4">
        <FieldScope value={kind}>
          <Field name="reason" label="Motif du refus" optional hint="Transmis au demandeur par courriel en cas de refus." />
        </FieldScope>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="decision" value="approve" className={`${button} bg-brand text-white`}>
          Valider la sélection
        </button>
        <button type="submit" name="decision" value="refuse" className={`${button} border-2 border-error text-error`}>
          Refuser la sélection
        </button>
      </div>
    </form>
  );
}
