import "server-only";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { mailTokens, users } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { links } from "@/lib/links";
import { enqueueMail } from "@/lib/mail/outbox";
import { hashToken, looksLikeToken, newToken } from "@/lib/security/tokens";

export const ACTIVATION_VALIDITY_MINUTES = 60;
export const RECOVERY_VALIDITY_MINUTES = 30;
export const MAX_WRONG_ANSWERS = 5;

type Purpose = "activation" | "recovery";

const VALIDITY: Record<Purpose, number> = {
  activation: ACTIVATION_VALIDITY_MINUTES,
  recovery: RECOVERY_VALIDITY_MINUTES,
};

/** A new activation link (the earlier one stops working) and its mail, in the caller's transaction. */
export function mailActivationLink(tx: Db, user: { id: number; loginEmail: string; firstName: string }, now = new Date()): void {
  const token = issueMailToken(tx, user.id, "activation", now);
  enqueueMail(
    tx,
    {
      to: user.loginEmail,
      template: "activation",
      props: { firstName: user.firstName, link: links.activation(token), validityMinutes: ACTIVATION_VALIDITY_MINUTES },
    },
    now,
  );
}

/** Issues a new link for this purpose; any earlier unused one stops working. Returns the raw token. */
export function issueMailToken(tx: Db, userId: number, purpose: Purpose, now = new Date()): string {
  tx.update(mailTokens)
    .set({ usedAt: now })
    .where(and(eq(mailTokens.userId, userId), eq(mailTokens.purpose, purpose), isNull(mailTokens.usedAt)))
    .run();
  const { token, hash } = newToken();
  tx.insert(mailTokens)
    .values({
      userId,
      purpose,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + VALIDITY[purpose] * 60_000),
    })
    .run();
  return token;
}

export type TokenLookup =
  | { status: "valid"; tokenId: number; user: typeof users.$inferSelect; failedAnswers: number }
  | { status: "expired" | "used"; user: typeof users.$inferSelect }
  | { status: "unknown" };

/** Finds the link a token belongs to, without using it. */
export function lookupMailToken(token: string, purpose: Purpose, now = new Date()): TokenLookup {
  if (!looksLikeToken(token)) return { status: "unknown" };
  const row = getDb()
    .select({ token: mailTokens, user: users })
    .from(mailTokens)
    .innerJoin(users, eq(users.id, mailTokens.userId))
    .where(and(eq(mailTokens.tokenHash, hashToken(token)), eq(mailTokens.purpose, purpose)))
    .get();
  if (!row) return { status: "unknown" };
  if (row.token.usedAt) return { status: "used", user: row.user };
  if (row.token.expiresAt.getTime() <= now.getTime()) return { status: "expired", user: row.user };
  return { status: "valid", tokenId: row.token.id, user: row.user, failedAnswers: row.token.failedAnswers };
}

/** Marks the link used, only if it still is usable: true for exactly one caller. */
export function consumeMailToken(tx: Db, tokenId: number, now = new Date()): boolean {
  const result = tx
    .update(mailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(mailTokens.id, tokenId),
        isNull(mailTokens.usedAt),
        gt(mailTokens.expiresAt, now),
        // Recovery counts each answer before checking it (recovery.ts): the fifth may be right.
        lte(mailTokens.failedAnswers, MAX_WRONG_ANSWERS),
      ),
    )
    .run();
  return result.changes === 1;
}
