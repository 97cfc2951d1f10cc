/** IBAN (ISO 13616): country, 2 check digits, account; mod-97 of the rearranged digits must be 1. */

const LENGTHS: Record<string, number> = { FR: 27, MC: 27, DE: 22, BE: 16, ES: 24, IT: 27, LU: 20, NL: 18, PT: 25, CH: 21, GB: 22 };

export function normalizeIban(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

function mod97(value: string): number {
  let remainder = 0;
  for (const char of value) {
    const digits = char >= "A" && char <= "Z" ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** Why this IBAN is refused, in French, or null. */
export function ibanError(raw: string): string | null {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban))
    return "Un IBAN commence par deux lettres (le pays, FR en France) et deux chiffres, puis le numéro du compte.";
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected && iban.length !== expected)
    return `Un IBAN ${iban.slice(0, 2)} compte ${expected} caractères (vous en avez saisi ${iban.length}).`;
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return "Cet IBAN n'est pas valide : vérifiez les caractères saisis.";
  return null;
}

/** « FR76 3000 6000 0112 3456 7890 189 » */
export function formatIban(raw: string): string {
  return normalizeIban(raw)
    .replace(/(.{4})/g, "$1 ")
    .trim();
}

/** BIC: 8 or 11 characters (bank, country, place, branch). */
export function bicError(raw: string): string | null {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(raw.replace(/\s/g, "").toUpperCase())
    ? null
    : "Un BIC compte 8 ou 11 caractères, par exemple AGRIFRPPXXX.";
}

/**
 * « FR76 •••• •••• 0189 »: what a mandated structure sees of a farm's account (docs/decisions/0018):
 * enough to recognise it, not to use it.
 */
export function maskedIban(raw: string): string {
  const iban = normalizeIban(raw);
  return `${iban.slice(0, 4)} •••• •••• ${iban.slice(-4)}`;
}
