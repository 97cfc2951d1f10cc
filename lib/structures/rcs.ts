import { isValidSiren } from "@/lib/identifiers";

/**
 * Numéro RCS: « RCS » + town of the registry + letter (A natural person, B commercial company,
 * C GIE, D civil company) + SIREN, e.g. « RCS Toulouse B 123 456 789 ».
 */
const RCS = /^\s*RCS\s+(.+?)\s+([ABCD])\s+((?:\d\s*){9})$/i;

export type RcsCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkRcs(raw: string, siret: string): RcsCheck {
  const match = RCS.exec(raw.trim());
  if (!match) {
    return {
      ok: false,
      message:
        "Le numéro RCS s'écrit « RCS », la ville du greffe, une lettre (A, B, C ou D) et le SIREN, par exemple RCS Toulouse B 123 456 789.",
    };
  }
  const siren = match[3]!.replace(/\s/g, "");
  if (!isValidSiren(siren)) return { ok: false, message: "Le SIREN contenu dans le numéro RCS n'est pas valide." };
  if (siren !== siret.slice(0, 9)) {
    return { ok: false, message: "Le SIREN du numéro RCS ne correspond pas aux 9 premiers chiffres du SIRET." };
  }
  const town = match[1]!.trim().replace(/\s+/g, " ");
  return {
    ok: true,
    value: `RCS ${town.toUpperCase()} ${match[2]!.toUpperCase()} ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`,
  };
}
