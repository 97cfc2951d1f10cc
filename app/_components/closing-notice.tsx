import { closingSentence, type ClosingYear } from "@/lib/refunds/closing-sentence";

/** « Livraisons 2023 : dernier jour le 31 décembre 2026 » on « Accueil », the TIC space and the portfolio. */
export function ClosingNotice({ closing, children }: { closing: readonly ClosingYear[]; children?: React.ReactNode }) {
  if (closing.length === 0) return null;
  return (
    <section aria-labelledby="derniers-jours" className="mt-6 rounded border-l-4 border-yellow-600 bg-yellow-50 p-4">
      <h2 id="derniers-jours" className="font-semibold">
        Derniers jours de dépôt
      </h2>
      <ul className="mt-1">
        {closing.map((c) => (
          <li key={c.year}>{closingSentence(c)}</li>
        ))}
      </ul>
      <p className="mt-1 text-sm">Après cette date, les livraisons de cette année ne peuvent plus être remboursées.</p>
      {children}
    </section>
  );
}
