import { formatDayTime } from "@/lib/dates";
import type { farmThread } from "@/lib/instruction/farm-view";
import { formatEuros, formatQuantity } from "@/lib/refunds/amounts";
import { PRODUCTS } from "@/lib/refunds/products";
import { AnswerForm } from "./answer-form";

type Thread = ReturnType<typeof farmThread>;

/** « À compléter »: the administration's message at the top of the request, and the answer form. */
export function ComplementAsked({ requestId, thread, mayAnswer }: { requestId: number; thread: Thread; mayAnswer: boolean }) {
  const ask = thread.lastAsk;
  return (
    <section aria-labelledby="complement-demande" className="mt-6 rounded border-l-4 border-yellow-600 bg-yellow-50 p-4">
      <h2 id="complement-demande" className="text-xl font-bold">{`La ${thread.service} demande un complément`}</h2>
      {ask ? (
        <>
          <p className="mt-1 text-sm">{`Message du ${formatDayTime(ask.at)} :`}</p>
          <p className="mt-1 whitespace-pre-line font-semibold">{ask.body}</p>
          {ask.invoiceNumbers.length > 0 ? (
            <p className="mt-1">{`Lignes concernées : factures ${ask.invoiceNumbers.join(", ")}.`}</p>
          ) : null}
        </>
      ) : null}
      <p className="mt-3">
        {mayAnswer
          ? "Répondez ci-dessous si besoin, ajoutez ou remplacez les factures ou les lignes, puis « Confirmer et transmettre de nouveau » en bas de la page : la demande revient au service qui l'instruit."
          : "Le gestionnaire principal de l'exploitation, ou une personne ayant le droit de modification, complète la demande et la transmet de nouveau."}
      </p>
      {mayAnswer ? <AnswerForm requestId={requestId} service={thread.service} /> : null}
    </section>
  );
}

/** The thread between the farm and the administration (the service's name, never an agent's). */
export function MessageThread({ thread }: { thread: Thread }) {
  if (thread.messages.length === 0) return null;
  return (
    <section aria-labelledby="echanges" className="mt-8 rounded border border-gray-300 bg-white p-6">
      <h2 id="echanges" className="text-xl font-bold">
        Échanges avec l&apos;administration
      </h2>
      <ol className="mt-3 space-y-3">
        {thread.messages.map((m) => (
          <li
            key={m.id}
            className={`rounded border-l-4 p-3 ${m.fromAdministration ? "border-yellow-600 bg-yellow-50" : "border-brand bg-blue-50"}`}
          >
            <p className="text-sm font-semibold">{`${formatDayTime(m.at)} — ${m.author}`}</p>
            <p className="mt-1 whitespace-pre-line">{m.body}</p>
            {m.invoiceNumbers.length > 0 ? (
              <p className="mt-1 text-sm">{`Lignes concernées : factures ${m.invoiceNumbers.join(", ")}`}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** « Accordée »: the amount and each reduced line with its motive. */
export function DecisionSummary({ acceptedCents, totalCents, thread }: { acceptedCents: number; totalCents: number; thread: Thread }) {
  return (
    <div className="mt-3 rounded border-l-4 border-success bg-green-50 p-3">
      <p className="font-bold">{`Montant accordé : ${formatEuros(acceptedCents)}${acceptedCents !== totalCents ? ` (demandé : ${formatEuros(totalCents)})` : ""}`}</p>
      {thread.reduced.length > 0 ? (
        <ul className="mt-2 list-disc pl-6">
          {thread.reduced.map((line) => (
            <li key={line.id}>
              {`Facture ${line.invoiceNumber} (${PRODUCTS[line.product].label}) : ${formatQuantity(line.acceptedVolumeMilli ?? 0, PRODUCTS[line.product].unit)} accordés sur ${formatQuantity(line.volumeMilli, PRODUCTS[line.product].unit)}, soit ${formatEuros(line.acceptedAmountCents ?? 0)} — motif : ${line.motive}`}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
