/** The spaces a structure can open, and the lists their forms offer. */
export const SPACE_KINDS = {
  ticRefund: { label: "Demande de remboursement TIC", path: "/remboursement-tic" },
  supportRequests: { label: "Sollicitations émises", path: null },
} as const;

export type SpaceKind = keyof typeof SPACE_KINDS;
export const SPACE_KIND_VALUES = Object.keys(SPACE_KINDS) as SpaceKind[];

/** A centre de gestion agricole cannot open the TIC space (Chorus Pro's rule). */
export function kindsOfferedTo(structure: { isManagementCentre: boolean }): SpaceKind[] {
  return structure.isManagementCentre ? ["supportRequests"] : SPACE_KIND_VALUES;
}

/**
 * Catégorie de bénéficiaire. The exact official list is not published where we could confirm it:
 * this is our list, built from the eligibility rules (art. L722-1 to L722-3 CRPM).
 */
export const BENEFICIARY_CATEGORIES = [
  { value: "individual", label: "Exploitant agricole à titre individuel" },
  { value: "company", label: "Exploitant agricole en société (GAEC, EARL, SCEA…)" },
  { value: "eta", label: "Entreprise de travaux agricoles ou forestiers (ETA/ETF)" },
  { value: "cuma", label: "Coopérative d'utilisation de matériel agricole (CUMA)" },
  { value: "gie", label: "Groupement d'intérêt économique (GIE) dont tous les membres sont exploitants agricoles" },
  { value: "aquaculture", label: "Exploitation d'aquaculture" },
  { value: "shellfish", label: "Exploitation de conchyliculture (cultures marines)" },
  { value: "other", label: "Autre personne morale à activité agricole (art. L722-1 à L722-3 CRPM)" },
] as const;

export type BeneficiaryCategory = (typeof BENEFICIARY_CATEGORIES)[number]["value"];

export function categoryLabel(value: string | null): string {
  return BENEFICIARY_CATEGORIES.find((c) => c.value === value)?.label ?? "—";
}

/**
 * Numéro PACAGE: 9 characters. Metropolitan France: « 0 » + département (01–95, 2A, 2B) + 6 digits.
 * Overseas: « 97 » + 1 digit (971–976) + 6 digits. No checksum is documented. Our reading of the
 * format, stated on the form.
 */
const PACAGE = /^(?:0(?:0[1-9]|[1-8]\d|9[0-5]|2[AB])\d{6}|97[1-6]\d{6})$/;

export function normalizePacage(raw: string): string {
  return raw.replace(/\s/g, "").toUpperCase();
}

export function pacageError(value: string): string | null {
  if (PACAGE.test(value)) return null;
  return "Le numéro PACAGE compte 9 caractères : « 0 », le numéro de département, puis 6 chiffres (par exemple 031123456) ; outre-mer : 971 à 976 suivi de 6 chiffres.";
}
