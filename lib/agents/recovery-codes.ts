import { randomInt } from "node:crypto";
import { agentRecoveryCodes } from "@/db/schema";
import type { Db } from "@/lib/db";
import { hashToken } from "@/lib/security/tokens";
import { eq } from "drizzle-orm";

/**
 * Ten single-use recovery codes, shown once at enrolment: 10 characters of a 32-letter alphabet
 * without look-alikes (50 bits each), typed as « ABCDE-FGHJK ». Their entropy makes a SHA-256
 * enough, as for mailed tokens; guessing is also bounded by the second factor's throttle.
 */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const RECOVERY_CODE_COUNT = 10;

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** « abcde fghjk » or « ABCDE-FGHJK » → « ABCDEFGHJK »; null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, "");
  return plain.length === 10 && [...plain].every((c) => ALPHABET.includes(c)) ? plain : null;
}

/** Replaces the agent's codes by ten new ones; returns them for display, once. */
export function issueRecoveryCodes(tx: Db, agentId: number): string[] {
  tx.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId)).run();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  for (const code of codes)
    tx.insert(agentRecoveryCodes)
      .values({ agentId, codeHash: hashToken(normalizeRecoveryCode(code)!) })
      .run();
  return codes;
}
