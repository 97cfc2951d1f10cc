import { formatDayTime, formatIsoShortDay } from "@/lib/dates";
import type { RequestDetail } from "@/lib/refunds/queries";
import { REFUND_STATUSES } from "@/db/schema";
import { STATUS_LABELS, paidWords, type RefundStatus } from "@/lib/refunds/statuses";
import { fullName } from "@/lib/names";

const ONLY_IF_NEEDED: readonly RefundStatus[] = ["incomplete", "rejected"];

/**
 * « Suivi de la demande »: the six statuses in their order, each with the date(s) it was reached,
 * the current one marked; then every event with who and why. A user should never wonder whether
 * their request went through.
 */
export function StatusTimeline({
  events,
  current,
  paidOn,
}: {
  events: RequestDetail["events"];
  current: RefundStatus;
  paidOn: string | null;
}) {
  return (
    <>
      <h3 className="mt-6 font-semibold">Suivi de la demande</h3>
      <ol className="mt-2 space-y-1">
        {REFUND_STATUSES.map((status, index) => {
          const reached = events.filter((e) => e.status === status);
          const isCurrent = status === current;
          return (
            <li
              key={status}
              aria-current={isCurrent ? "step" : undefined}
              className={`flex flex-wrap gap-x-2 rounded px-3 py-1 ${isCurrent ? "bg-brand text-white" : reached.length ? "bg-green-50" : "text-gray-700"}`}
            >
              <span className="font-semibold">{`${index + 1}. ${status === "paid" && paidOn ? paidWords(paidOn) : STATUS_LABELS[status]}`}</span>
              <span>
                {reached.length > 0
                  ? `— ${reached.map((e) => formatDayTime(e.at)).join(", puis ")}`
                  : ONLY_IF_NEEDED.includes(status)
                    ? "— le cas échéant"
                    : "— pas encore"}
              </span>
              {isCurrent ? <span>(statut actuel)</span> : null}
            </li>
          );
        })}
      </ol>
      <h3 className="mt-6 font-semibold">Historique</h3>
      <ul className="mt-2 list-disc pl-6">
        {events.map((event) => (
          <li key={event.id}>
            {`${formatDayTime(event.at)} — ${STATUS_LABELS[event.status]} — ${event.actorFirstName ? `${fullName(event.actorFirstName, event.actorLastName)}` : "l'administration"}`}
            {event.status === "paid" && paidOn ? ` — virement exécuté le ${formatIsoShortDay(paidOn)}` : ""}
            {event.motif ? ` — motif : ${event.motif}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
