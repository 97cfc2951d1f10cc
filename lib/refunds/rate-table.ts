import { formatIsoShortDay } from "@/lib/dates";
import { PRODUCTS, type Product } from "./products";

/** One row of the rates table. Pure, so that the browser computes the same amount as the server. */
export type RateRow = {
  product: Product;
  validFrom: string;
  validTo: string;
  rateMilliEuros: number;
  kind: RateKind;
  source: string;
  sourceUrl: string;
};

/** One row of the filing deadlines: deliveries of that product in that period are filed by `fileBy`. */
export type DeadlineRow = { product: Product; validFrom: string; validTo: string; fileBy: string; source: string };

export type RateKind = "official" | "calculated" | "provisional";
export const RATE_KIND_LABELS = { official: "officiel", calculated: "calculé", provisional: "provisoire" } as const;
/** What a provisional rate means for the farmer, in one sentence (shown wherever such a rate is). */
export const PROVISIONAL_RATE_SENTENCE =
  "Taux provisoire : calculé à partir d'une accise dont une part n'est pas confirmée pour les exploitations ; l'administration calcule le montant définitif et peut verser moins que le montant affiché ici.";

export function findRate(rows: readonly RateRow[], product: Product, deliveryDate: string): RateRow | undefined {
  return rows.find((row) => row.product === product && row.validFrom <= deliveryDate && deliveryDate <= row.validTo);
}

export function findDeadline(rows: readonly DeadlineRow[], product: Product, deliveryDate: string): DeadlineRow | undefined {
  return rows.find((row) => row.product === product && row.validFrom <= deliveryDate && deliveryDate <= row.validTo);
}

/** What a person does with an invoice the portal has no rate for (never a dead end). */
export const NO_RATE_NEXT_STEP =
  "Gardez la facture : le portail ajoutera ce taux dès qu'une source officielle le donne, et la ligne pourra alors être saisie jusqu'à la date limite de l'année ; pour une réponse plus tôt, interrogez la DDFiP de votre département, qui instruit les demandes.";

export function missingRateMessage(product: Product, deliveryDate: string): string {
  return `Aucun taux sourcé n'est connu du portail pour « ${PRODUCTS[product].label} » livré le ${formatIsoShortDay(deliveryDate)} : ce carburant n'est pas proposé pour cette date. ${NO_RATE_NEXT_STEP}`;
}

/**
 * Above these, a line is probably a unit mistake (kWh typed as MWh, litres as hl): the form warns
 * before saving and asks to confirm. Data: db/rates/seuils-vraisemblance.csv, with the reason.
 */
export type PlausibilityRow = { product: Product; volumeMaxMilli: number; amountMaxCents: number; explanation: string };

export function findThreshold(rows: readonly PlausibilityRow[] | undefined, product: Product): PlausibilityRow | undefined {
  return rows?.find((row) => row.product === product);
}
