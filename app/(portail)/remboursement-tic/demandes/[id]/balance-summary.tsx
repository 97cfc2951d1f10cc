import { LATE_REGULARISATION, balanceWords, type Balance } from "@/lib/refunds/advance";
import { formatEuros } from "@/lib/refunds/amounts";

/**
 * The balance of a 2024 request, in figures and in plain words (the same as the receipt), and,
 * for a holder of the advance past 31/12/2025, what the late regularisation means.
 */
export function BalanceSummary({ balance, received, late }: { balance: Balance; received: boolean | null; late: boolean }) {
  return (
    <div className="mt-4 max-w-2xl" id="solde">
      {received ? (
        <dl className="grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-1 rounded border border-gray-300 p-3">
          <dt>Montant des lignes</dt>
          <dd className="text-right">{formatEuros(balance.totalCents)}</dd>
          <dt>Montant de l&apos;avance perçue</dt>
          <dd className="text-right">{`− ${formatEuros(balance.advanceCents)}`}</dd>
          <dt className="font-bold">{balance.balanceCents < 0 ? "Trop-perçu" : "Solde"}</dt>
          <dd className="text-right font-bold">{formatEuros(Math.abs(balance.balanceCents))}</dd>
        </dl>
      ) : null}
      <p className="mt-2 font-semibold">{balanceWords(balance, received)}</p>
      {late ? (
        <p role="note" className="mt-3 rounded border-l-4 border-error bg-red-50 p-3">
          {LATE_REGULARISATION}
        </p>
      ) : null}
    </div>
  );
}
