import { formatIsoShortDay } from "@/lib/dates";
import { MAX_VOLUME_MILLI, MAX_VOLUME_UNITS, formatEuros, formatVolume, lineAmountCents, parseVolume } from "./amounts";
import { PRODUCTS, PRODUCT_VALUES, type Product } from "./products";
import {
  findDeadline,
  findRate,
  findThreshold,
  missingRateMessage,
  type DeadlineRow,
  type PlausibilityRow,
  type RateKind,
  type RateRow,
} from "./rate-table";
import { RATE_UNIT_WORDS, UNITS_OF, VOLUME_UNITS, decimalsIn, isVolumeUnit, toRateUnit, type VolumeUnit } from "./units";

/**
 * The rules of one refund line, pure: the form, the CSV import and the browser's live preview all
 * use them, so a line is judged the same way everywhere.
 */
export type RawLine = {
  invoiceNumber: string;
  deliveryDate: string;
  product: string;
  volume: string;
  billedFullTariff?: string;
  /** The invoice's unit (litres, kWh, kg…); empty means the rate's unit (hl, MWh, 100 kg). */
  volumeUnit?: string;
  /** « on » when the person confirmed a volume or amount above the plausibility thresholds. */
  confirmPlausible?: string;
};
export type LineField = keyof RawLine;
export type CheckedLine = {
  invoiceNumber: string;
  deliveryDate: string;
  product: Product;
  volumeMilli: number;
  rateMilliEuros: number;
  rateKind: RateKind;
  rateSource: string;
  amountCents: number;
  billedFullTariff: boolean | null;
};

/** What a line is judged against: the year of its request, the rates and deadlines, today (Paris). */
export type LineContext = {
  year: number;
  rates: readonly RateRow[];
  deadlines: readonly DeadlineRow[];
  today: string;
  thresholds?: readonly PlausibilityRow[];
};

/**
 * Since 1 July 2024 farmers buy GNR at the reduced tariff from authorised distributors (décrets
 * 2024-599 and 2024-605): such an invoice leaves nothing to refund. Only GNR billed at the full
 * tariff still is, and the user must say which.
 */
export const GNR_REDUCED_AT_PUMP_FROM = "2024-07-01";
export const asksFullTariff = (product: Product | null, deliveryDate: string | null) =>
  product === "gnr" && deliveryDate !== null && deliveryDate >= GNR_REDUCED_AT_PUMP_FROM;
export const FULL_TARIFF_QUESTION =
  "Cette facture de gazole non routier a-t-elle été établie au tarif plein (sans le tarif réduit agricole appliqué par le distributeur) ?";
export const REDUCED_TARIFF_REFUSAL =
  "Depuis le 1er juillet 2024, le gazole non routier facturé au tarif réduit agricole (sur attestation remise au distributeur) ne donne droit à aucun remboursement : la réduction est déjà sur la facture. Seul le gazole facturé au tarif plein peut être remboursé.";

/** « oui » / « non » (or true/false, 1/0), else null. */
export function parseYesNo(raw: string | undefined): boolean | null {
  const value = (raw ?? "").trim().toLowerCase();
  if (["oui", "o", "true", "1", "yes"].includes(value)) return true;
  if (["non", "n", "false", "0", "no"].includes(value)) return false;
  return null;
}

export const INVOICE_NUMBER_MAX = 50;

/** Codes used in the CSV file; the product's label is accepted too. */
export const PRODUCT_CODES: Record<Product, string> = {
  gnr: "GNR",
  heavyFuelOil: "FIOUL_LOURD",
  lpg: "GPL",
  naturalGasHeating: "GAZ_NATUREL_COMBUSTIBLE",
  naturalGasFuel: "GAZ_NATUREL_CARBURANT",
};

const normalize = (value: string) =>
  value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");

export function parseProduct(raw: string): Product | null {
  const wanted = normalize(raw);
  if (wanted === "") return null;
  return PRODUCT_VALUES.find((p) => p === raw || PRODUCT_CODES[p] === wanted || normalize(PRODUCTS[p].label) === wanted) ?? null;
}

/** Looks like a date (JJ/MM/AAAA or AAAA-MM-JJ), whether or not that day exists. */
const DATE_SHAPE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/;

/** « 15/03/2024 » or « 2024-03-15 » → « 2024-03-15 », if that day exists. */
export function parseDeliveryDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

export function checkLine(
  raw: RawLine,
  context: LineContext,
): { ok: true; line: CheckedLine } | { ok: false; errors: Partial<Record<LineField, string>> } {
  const { year, rates, deadlines, today } = context;
  const errors: Partial<Record<LineField, string>> = {};
  const invoiceNumber = raw.invoiceNumber.trim();
  if (invoiceNumber === "") errors.invoiceNumber = "Saisissez le numéro de la facture.";
  else if (invoiceNumber.length > INVOICE_NUMBER_MAX)
    errors.invoiceNumber = `Le numéro de facture compte ${INVOICE_NUMBER_MAX} caractères au plus.`;

  const deliveryDate = parseDeliveryDate(raw.deliveryDate);
  if (raw.deliveryDate.trim() === "") errors.deliveryDate = "Saisissez la date de livraison.";
  else if (!deliveryDate)
    errors.deliveryDate = DATE_SHAPE.test(raw.deliveryDate.trim())
      ? `La date « ${raw.deliveryDate.trim()} » n'existe pas : vérifiez le jour et le mois.`
      : "Saisissez une date de livraison valide, au format JJ/MM/AAAA.";
  else if (!deliveryDate.startsWith(`${year}-`)) errors.deliveryDate = `La date de livraison doit être en ${year}, l'année de la demande.`;

  const product = parseProduct(raw.product);
  if (!product)
    errors.product =
      raw.product.trim() === ""
        ? "Choisissez le type de carburant."
        : `Produit inconnu : utilisez ${Object.values(PRODUCT_CODES).join(", ")}.`;

  const typedMilli = parseVolume(raw.volume);
  const unitText = (raw.volumeUnit ?? "").trim();
  let unit: VolumeUnit | null = null;
  if (product) {
    if (unitText === "") unit = UNITS_OF[product][0]!;
    else if (isVolumeUnit(unitText) && UNITS_OF[product].includes(unitText)) unit = unitText;
    else
      errors.volumeUnit = `« ${PRODUCTS[product].label} » se saisit en ${UNITS_OF[product].map((u) => VOLUME_UNITS[u].label).join(" ou en ")}.`;
  }
  const volumeMilli = typedMilli !== null && unit ? toRateUnit(typedMilli, unit) : typedMilli;
  if (raw.volume.trim() === "") errors.volume = "Saisissez le volume de carburant.";
  else if (typedMilli === null) errors.volume = "Le volume est un nombre positif, avec au plus 3 décimales (ex. 1 250,5).";
  else if (volumeMilli === null)
    errors.volume = `En ${VOLUME_UNITS[unit!].label}, le volume compte au plus ${decimalsIn(unit!)} décimale${decimalsIn(unit!) > 1 ? "s" : ""}.`;
  else if (volumeMilli > MAX_VOLUME_MILLI)
    errors.volume = `Le volume d'une ligne est de ${new Intl.NumberFormat("fr-FR").format(MAX_VOLUME_UNITS)} unités au plus : vérifiez l'unité (hl, 100 kg ou MWh) ou découpez la facture.`;

  let billedFullTariff: boolean | null = null;
  if (asksFullTariff(product, deliveryDate)) {
    billedFullTariff = parseYesNo(raw.billedFullTariff);
    if (billedFullTariff === null) errors.billedFullTariff = "Indiquez si la facture a été établie au tarif plein (oui ou non).";
    else if (!billedFullTariff) errors.billedFullTariff = REDUCED_TARIFF_REFUSAL;
  }

  if (Object.keys(errors).length > 0 || !product || !deliveryDate || volumeMilli === null) return { ok: false, errors };
  const deadline = findDeadline(deadlines, product, deliveryDate);
  if (!deadline)
    return {
      ok: false,
      errors: { product: `Le portail ne connaît pas de délai de dépôt pour « ${PRODUCTS[product].label} » livré en ${year}.` },
    };
  if (deadline.fileBy < today)
    return {
      ok: false,
      errors: {
        product: `Le délai pour « ${PRODUCTS[product].label} » livré en ${year} est dépassé (demande possible jusqu'au ${formatIsoShortDay(deadline.fileBy)}).`,
      },
    };
  const rate = findRate(rates, product, deliveryDate);
  if (!rate) return { ok: false, errors: { product: missingRateMessage(product, deliveryDate) } };
  const amountCents = lineAmountCents(volumeMilli, rate.rateMilliEuros);
  const warning = plausibilityWarning(context.thresholds, product, volumeMilli, amountCents);
  if (warning && raw.confirmPlausible !== "on") return { ok: false, errors: { confirmPlausible: warning } };
  return {
    ok: true,
    line: {
      invoiceNumber,
      deliveryDate,
      product,
      volumeMilli,
      rateMilliEuros: rate.rateMilliEuros,
      rateKind: rate.kind,
      rateSource: rate.source,
      amountCents,
      billedFullTariff,
    },
  };
}

/** « = 48 250 MWh PCS »: what the typed figure is in the rate's unit. */
export const convertedFigure = (product: Product, volumeMilli: number) =>
  `${formatVolume(volumeMilli)} ${RATE_UNIT_WORDS[UNITS_OF[product][0]!]}`;

/** Why a line looks like a unit mistake, or null. Above the product's thresholds (data), the person confirms before saving. */
export function plausibilityWarning(
  thresholds: readonly PlausibilityRow[] | undefined,
  product: Product,
  volumeMilli: number,
  amountCents: number,
): string | null {
  const threshold = findThreshold(thresholds, product);
  if (!threshold || (volumeMilli <= threshold.volumeMaxMilli && amountCents <= threshold.amountMaxCents)) return null;
  return `Vérifiez l'unité : ${convertedFigure(product, volumeMilli)}, soit ${formatEuros(amountCents)}, est beaucoup pour une seule facture (au-delà de ${formatVolume(threshold.volumeMaxMilli)} ${RATE_UNIT_WORDS[UNITS_OF[product][0]!]} ou ${formatEuros(threshold.amountMaxCents)}). ${threshold.explanation} Si le volume est exact, cochez la case de confirmation puis validez de nouveau.`;
}

/**
 * The products a line of that year may name: those with a sourced rate in the year (plus `current`,
 * the product of a line being edited), in alphabetical order, so that typing « Gaz » in the list
 * lands on a gas and « Gazo » on the gazole. The others are `missing`, said with a next step.
 */
export function offeredProducts(context: Pick<LineContext, "year" | "rates">, current = ""): { offered: Product[]; missing: Product[] } {
  const { year, rates } = context;
  const inYear = (p: Product) =>
    p === current || rates.some((r) => r.product === p && r.validFrom <= `${year}-12-31` && r.validTo >= `${year}-01-01`);
  const offered = PRODUCT_VALUES.filter(inYear).sort((a, b) => PRODUCTS[a].label.localeCompare(PRODUCTS[b].label, "fr"));
  return { offered, missing: PRODUCT_VALUES.filter((p) => !offered.includes(p)) };
}
