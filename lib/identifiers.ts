/**
 * French company identifiers. SIREN (9 digits) and SIRET (SIREN + 5-digit NIC) end with a Luhn
 * check digit, except La Poste's establishments (SIREN 356000000), whose SIRET is valid when the
 * sum of its 14 digits is a multiple of 5.
 */

export const LA_POSTE_SIREN = "356000000";

/** Keeps the digits of a typed identifier ("123 456 789 00012" → "12345678900012"). */
export function digitsOnly(value: string): string {
  return value.replace(/[\s.\-]/g, "");
}

export function hasValidLuhnKey(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && hasValidLuhnKey(value);
}

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const sum = [...value].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  return hasValidLuhnKey(value);
}

/** Why a typed SIRET is refused, in French, or null when it is valid. */
export function siretError(raw: string): string | null {
  const value = digitsOnly(raw);
  if (value.length === 0) return "Saisissez le n° de SIRET de l'entreprise.";
  if (!/^\d+$/.test(value)) return "Le n° de SIRET ne contient que des chiffres.";
  if (value.length !== 14) return `Le n° de SIRET compte 14 chiffres (vous en avez saisi ${value.length}).`;
  if (!isValidSiret(value)) return "Ce n° de SIRET n'est pas valide : vérifiez les chiffres saisis.";
  return null;
}

/** Metropolitan (départements 01–95, Corsica as 20) and overseas (97xxx, 98xxx) postal codes. */
export function isFrenchPostalCode(value: string): boolean {
  return /^(?:(?:0[1-9]|[1-8]\d|9[0-5])\d{3}|9[78]\d{3})$/.test(value);
}

/** « 732 829 320 00074 »: the usual way to print a SIRET. */
export function formatSiret(siret: string): string {
  return siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, "$1 $2 $3 $4");
}
