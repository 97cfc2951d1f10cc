import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as fr from "@zxcvbn-ts/language-fr";

/**
 * Our password policy (docs/decisions/0004-password-policy.md): 12 to 128 characters, and hard
 * enough to guess for zxcvbn (score 3 of 4) against common French and international password
 * lists and the user's own data. No composition rules: length and unpredictability matter.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const MIN_SCORE = 3;

export const PASSWORD_RULE_TEXT =
  "Au moins 12 caractères. Évitez les mots de passe courants, les suites de clavier et vos nom, prénom ou adresse. Une phrase de plusieurs mots est une bonne idée.";

let zxcvbn: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
  });
  return zxcvbn;
}

/** Why this password is refused, in French, or null when it is accepted. */
export function passwordError(password: string, userInputs: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe doit compter au plus ${PASSWORD_MAX_LENGTH} caractères.`;
  }
  const inputs = userInputs.flatMap((input) => input.toLowerCase().split(/[@.\s_-]+/)).filter((w) => w.length >= 3);
  const lowered = password.toLowerCase();
  if (inputs.some((word) => word.length >= 4 && lowered.includes(word))) {
    return "Le mot de passe ne doit contenir ni vos nom et prénom, ni votre adresse électronique.";
  }
  const result = estimator().check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const isCommon = result.sequence.some((match) => match.pattern === "dictionary" && match.token.length >= password.length - 2);
  if (isCommon) return "Ce mot de passe est trop courant : choisissez-en un autre, plus personnel.";
  return "Ce mot de passe est trop facile à deviner : allongez-le ou mêlez plusieurs mots sans lien entre eux.";
}
