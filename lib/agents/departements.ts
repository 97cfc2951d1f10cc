/**
 * Départements, the unit of an agent's competence (ADR 0020). A farm's département is read from
 * its establishment's SIRENE postal code: the first two digits, Corsica as 2A (20000–20199) or
 * 2B, overseas on three digits (971–976). The database computes the same (db/schema.ts,
 * `structures.departement`); tests keep the two in step.
 */

const METROPOLE = [
  ...Array.from({ length: 19 }, (_, i) => String(i + 1).padStart(2, "0")),
  "2A",
  "2B",
  ...Array.from({ length: 75 }, (_, i) => String(i + 21)),
];
export const DEPARTEMENTS: readonly string[] = [...METROPOLE, "971", "972", "973", "974", "976"];
const KNOWN = new Set(DEPARTEMENTS);

export function departementOf(postalCode: string | null | undefined): string | null {
  if (!postalCode || !/^\d{5}$/.test(postalCode)) return null;
  if (postalCode.startsWith("20")) return postalCode < "20200" ? "2A" : "2B";
  if (postalCode.startsWith("97") || postalCode.startsWith("98")) return postalCode.slice(0, 3);
  return postalCode.slice(0, 2);
}

/**
 * « 12, 81 2a » → ["12", "2A", "81"], or the French error naming what is not a département.
 * Separated by commas, semicolons or spaces; sorted, without duplicates.
 */
export function parseDepartements(text: string): { ok: true; departements: string[] } | { ok: false; error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim().toUpperCase())
    .filter(Boolean)
    .map((part) => (/^\d$/.test(part) ? `0${part}` : part));
  const unknown = parts.filter((part) => !KNOWN.has(part));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `Ce${unknown.length > 1 ? "s" : ""} numéro${unknown.length > 1 ? "s ne sont pas des" : " n'est pas un"} département${unknown.length > 1 ? "s" : ""} : ${unknown.slice(0, 5).join(", ")}. Exemples : 12, 2A, 971.`,
    };
  }
  return { ok: true, departements: [...new Set(parts)].sort((a, b) => DEPARTEMENTS.indexOf(a) - DEPARTEMENTS.indexOf(b)) };
}
