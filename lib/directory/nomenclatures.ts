import legalCategories from "./data/legal-categories.json";
import naf from "./data/naf-rev2.json";

// INSEE's lists, shipped as data with their source (lib/directory/data/*.json, key "source").
const NAF_LABELS: Record<string, string> = naf.codes;
const LEGAL_CATEGORY_LABELS: Record<string, string> = legalCategories.codes;

/** « 01.21Z » → « Culture de la vigne (code NAF 01.21Z) »; a code missing from the list stays a code. */
export function describeNaf(code: string | null | undefined): string {
  if (!code) return "—";
  const label = NAF_LABELS[code];
  return label ? `${label} (code NAF ${code})` : `Code NAF ${code}`;
}

/** « 6598 » → « Exploitation agricole à responsabilité limitée (catégorie juridique 6598) ». */
export function describeLegalCategory(code: string | null | undefined): string {
  if (!code) return "—";
  const label = LEGAL_CATEGORY_LABELS[code];
  return label ? `${label} (catégorie juridique ${code})` : `Catégorie juridique ${code}`;
}

export function nafLabel(code: string): string | undefined {
  return NAF_LABELS[code];
}

export function legalCategoryLabel(code: string): string | undefined {
  return LEGAL_CATEGORY_LABELS[code];
}
