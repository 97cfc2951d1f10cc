import { formatEuros } from "@/lib/refunds/amounts";

/** Lines total, advance and balance of a 2024 request: the same three figures as the receipt. */
export function BalanceSummary({ balance }: { balance: { totalCents: number; advanceCents: number; balanceCents: number } }) {
  return (
    <dl className="mt-4 grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-1 rounded border border-gray-300 p-3">
      <dt>Montant des lignes</dt>
      <dd className="text-right">{formatEuros(balance.totalCents)}</dd>
      <dt>Montant de l&apos;avance perçue</dt>
      <dd className="text-right">{`− ${formatEuros(balance.advanceCents)}`}</dd>
      <dt className="font-bold">{balance.balanceCents < 0 ? "Solde à reverser à l'administration" : "Solde à verser par l'administration"}</dt>
      <dd className="text-right font-bold">{formatEuros(Math.abs(balance.balanceCents))}</dd>
    </dl>
  );
}
