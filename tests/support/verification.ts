// Verification of a structure through the real path: the code is read from the letter's PDF, as
// the gestionnaire principal reads it on paper, and typed by them.
import { desc, eq } from "drizzle-orm";
import { verificationLetters } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { verifyWithCode } from "@/lib/structures/verification";
import { META } from "./accounts";
import { pdfText } from "./refund-files";

export const CODE_PATTERN = /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/;

/** The text of the newest letter of the structure, and the code it shows. */
export async function newestLetter(structureId: number): Promise<{ id: number; text: string; code: string }> {
  const letter = getDb()
    .select()
    .from(verificationLetters)
    .where(eq(verificationLetters.structureId, structureId))
    .orderBy(desc(verificationLetters.id))
    .get();
  if (!letter?.pdf) throw new Error(`Aucun courrier à poster pour la structure ${structureId}`);
  const text = await pdfText(letter.pdf);
  const code = text.match(CODE_PATTERN)?.[0];
  if (!code) throw new Error(`Pas de code dans le courrier : ${text}`);
  return { id: letter.id, text, code };
}

export async function verifyFromLetter(manager: Actor, structureId: number) {
  const { code } = await newestLetter(structureId);
  const result = verifyWithCode(manager, { structureId, code }, META);
  if (!result.ok) throw new Error(JSON.stringify(result));
}
