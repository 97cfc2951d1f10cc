/** Questions offered on activation; the user may also write their own. */
export const SECRET_QUESTIONS = [
  "Quel est le nom de votre premier animal de compagnie ?",
  "Dans quelle commune avez-vous grandi ?",
  "Quel est le prénom de votre grand-mère maternelle ?",
  "Quel était le nom de votre école primaire ?",
  "Quelle était la marque de votre premier tracteur ?",
] as const;

export const CUSTOM_QUESTION = "autre";

/**
 * Answers are compared without case, accents, hyphens, apostrophes or extra spaces:
 * « Saint-Étienne » = « saint etienne ».
 */
export function normalizeAnswer(answer: string): string {
  return answer
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s\-'’.,]+/g, " ")
    .trim();
}
