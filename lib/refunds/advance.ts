import { formatEuros } from "./amounts";

/**
 * The 2024 advance (décret n° 2024-76 of 2 February 2024): half of the 2023 refund, paid in 2024
 * to the farms that asked. How it ends was changed by the décret and the arrêté of 21 December 2024
 * (JO of 22/12/2024): every holder had to file a 2024-deliveries request before 31 December 2025,
 * even with nothing to claim; an advance larger than the refund was paid back through the VAT
 * return of December 2025 (or a separate annex form), not in the request; without a request by
 * that date, the whole advance is owed. So the request asks « Avez-vous perçu l'avance de 2024 ? »,
 * records the amount for information, shows the balance in words, and collects no repayment.
 */
export const ADVANCE_YEARS: readonly number[] = [2024];

export const hasAdvance = (year: number) => ADVANCE_YEARS.includes(year);

/** Last day on which a holder of the advance could file the 2024 request (arrêté of 21/12/2024). */
export const ADVANCE_REGULARISATION_DEADLINE = "2025-12-31";

export const ADVANCE_QUESTION = "Avez-vous perçu l'avance de 2024 ?";

export type Balance = { totalCents: number; advanceCents: number; balanceCents: number };

/** Lines total, the advance received (only when the request says it was), and what remains. */
export function balanceOf(
  totalCents: number,
  advanceCents: number | null,
  received: boolean | null = advanceCents !== null && advanceCents > 0,
): Balance {
  const advance = received ? (advanceCents ?? 0) : 0;
  return { totalCents, advanceCents: advance, balanceCents: totalCents - advance };
}

/** The balance in plain words: what the administration pays, or the excess and how it goes back. */
export function balanceWords(balance: Balance, received: boolean | null): string {
  if (received === null) return `Répondez à la question « ${ADVANCE_QUESTION} » pour connaître le solde.`;
  if (balance.balanceCents >= 0) {
    return received
      ? `L'administration vous versera ${formatEuros(balance.balanceCents)} (le montant des lignes moins l'avance perçue).`
      : `L'administration vous versera ${formatEuros(balance.balanceCents)}.`;
  }
  return `Trop-perçu de ${formatEuros(-balance.balanceCents)} à reverser avec votre déclaration de TVA de décembre 2025 (ou, sans déclaration de TVA, par le formulaire annexe déposé seul en décembre 2025) : il ne se rembourse pas dans cette demande, qui ne vous versera rien.`;
}

/** Short form for a table cell (« Accueil », the portfolio). */
export function balanceCell(balance: Balance, received: boolean | null): string {
  if (received === null) return "avance à déclarer";
  return balance.balanceCents >= 0 ? `${formatEuros(balance.balanceCents)} à verser` : `trop-perçu ${formatEuros(-balance.balanceCents)}`;
}

export const LATE_REGULARISATION =
  "Le délai de régularisation de l'avance de 2024 est passé : ses bénéficiaires devaient déposer leur demande pour les livraisons de 2024 avant le 31 décembre 2025 (décret et arrêté du 21 décembre 2024). Sans demande déposée à cette date, l'avance entière est due : l'administration vous en demandera le reversement, quel que soit le solde affiché ici. Vous pouvez tout de même transmettre cette demande pour vos livraisons de 2024 (jusqu'au 31 décembre 2027) ; pour le reversement de l'avance, voyez la DDFiP de votre département.";

/**
 * True when a holder of the advance filed (or files) the 2024 request after 31/12/2025: created
 * after that day, or first transmitted after it (or not yet transmitted, today being after it).
 * Days are Paris days, AAAA-MM-JJ.
 */
export function regularisationLate(
  request: { year: number; advanceReceived: boolean | null },
  createdDay: string,
  firstTransmittedDay: string | null,
  today: string,
): boolean {
  if (!hasAdvance(request.year) || request.advanceReceived !== true) return false;
  return createdDay > ADVANCE_REGULARISATION_DEADLINE || (firstTransmittedDay ?? today) > ADVANCE_REGULARISATION_DEADLINE;
}
