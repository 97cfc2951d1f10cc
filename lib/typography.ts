/**
 * French typography in one place. Inside « » the spaces are non-breaking (U+00A0), so that a
 * quotation mark never starts or ends a line on a phone.
 */
const NBSP = "\u00a0";

/** « texte », with non-breaking spaces. */
export function quoted(text: string): string {
  return `«${NBSP}${text}${NBSP}»`;
}

/** Replaces the ordinary spaces next to « and » in a sentence by non-breaking ones. */
export function fixQuoteSpaces(sentence: string): string {
  return sentence.replace(/« +/g, `«${NBSP}`).replace(/ +»/g, `${NBSP}»`);
}

/** « Le formulaire contient 1 erreur. Corrigez-la : » / « … 3 erreurs. Corrigez-les : ». */
export function errorCountText(count: number): string {
  return count === 1 ? "Le formulaire contient 1 erreur. Corrigez-la :" : `Le formulaire contient ${count} erreurs. Corrigez-les :`;
}

const COUNT = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
/** 20477 → « 20 477 » (a narrow non-breaking space between thousands). */
export const formatCount = (count: number): string => COUNT.format(count);
