/** An establishment as the portal needs it, whichever directory answered. */
export type Establishment = {
  siret: string;
  siren: string;
  /** Raison sociale, or « Prénom Nom »; null when the person is not public ([ND]). */
  name: string | null;
  street: string | null;
  complement: string | null;
  postalCode: string | null;
  city: string | null;
  nafCode: string | null;
  legalCategory: string | null;
  isHeadOffice: boolean;
  isActive: boolean;
};

export type LookupResult =
  { status: "found"; establishment: Establishment } | { status: "unknown" } | { status: "unavailable"; message: string };

export const UNKNOWN_SIRET_MESSAGE =
  "Ce n° de SIRET est inconnu de la base INSEE (SIRENE). Vérifiez-le sur votre avis de situation au répertoire SIRENE.";
export const CLOSED_SIRET_MESSAGE =
  "Cet établissement est fermé selon la base INSEE (SIRENE) : une structure ne peut être créée que pour un établissement actif.";
export const UNAVAILABLE_MESSAGE =
  "La base INSEE ne répond pas pour le moment. Votre saisie n'est pas perdue : réessayez dans quelques minutes.";

/** "[ND]" marks data that INSEE does not publish. */
export function published(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed !== "[ND]" ? trimmed : null;
}

/** « RTE DE LAVAUR » → « 12 RTE DE LAVAUR »: number, repetition index, type, label. */
export function streetLine(parts: (string | null | undefined)[]): string | null {
  const line = parts.map(published).filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
  return line === "" ? null : line;
}

export function personName(first: string | null | undefined, last: string | null | undefined): string | null {
  const name = [published(first), published(last)].filter(Boolean).join(" ");
  return name === "" ? null : name;
}
