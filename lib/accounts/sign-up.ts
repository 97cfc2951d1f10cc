import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { maskEmail, recordAudit } from "@/lib/audit/record";
import { inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import { kickDelivery } from "@/lib/mail/deliver";
import { enqueueMail } from "@/lib/mail/outbox";
import type { RequestMeta } from "@/lib/request-meta";
import { RATE_LIMITS, limit } from "@/lib/security/rate-limit";
import { links } from "@/lib/links";
import { mailActivationLink } from "./mail-tokens";
import type { SignUpInput } from "./schemas";

export const SIGN_UP_LIMITS = { perIpPerHour: RATE_LIMITS["signUp.ip"].limit, perAddressPerHour: RATE_LIMITS["signUp.address"].limit };

/**
 * « Finaliser l'inscription ». Whatever the address, the answer is the same: a new address gets an
 * activation link, a known one gets a mail saying the account exists (no account enumeration).
 */
export function signUp(input: SignUpInput, meta: RequestMeta, now = new Date()): ActionResult<{ loginEmail: string }> {
  const done = { ok: true as const, data: { loginEmail: input.loginEmail } };
  // A robot filled the hidden field: it sees the usual answer, nothing is written.
  if (input.website.trim() !== "") return done;

  const verdict = limit(
    [
      ["signUp.ip", meta.ip],
      ["signUp.address", input.loginEmail],
    ],
    now.getTime(),
  );
  if (!verdict.allowed) return { ok: false, formError: verdict.message };

  inTransaction((tx) => {
    const existing = tx.select().from(users).where(eq(users.loginEmail, input.loginEmail)).get();
    if (existing?.status === "pending") {
      // Signing up again before activating: a fresh link to the same address, data unchanged.
      mailActivationLink(tx, existing, now);
      recordAudit(
        tx,
        { action: "account.sign_up_repeated", actorUserId: existing.id, targetType: "user", targetId: existing.id, ip: meta.ip },
        now,
      );
      return;
    }
    if (existing) {
      enqueueMail(
        tx,
        {
          to: existing.loginEmail,
          template: "account-exists",
          props: { signInLink: links.signIn(), recoveryLink: links.recoveryStart() },
        },
        now,
      );
      recordAudit(tx, { action: "account.sign_up_existing", targetType: "user", targetId: existing.id, ip: meta.ip }, now);
      return;
    }
    const user = tx
      .insert(users)
      .values({
        loginEmail: input.loginEmail,
        contactEmail: input.contactEmail,
        lastName: input.lastName,
        firstName: input.firstName,
        phone: input.phone,
        siret: input.siret,
        addressStreet: input.addressStreet,
        addressComplement: input.addressComplement,
        postalCode: input.postalCode,
        city: input.city,
        termsAcceptedAt: now,
        createdAt: now,
      })
      .returning({ id: users.id })
      .get();
    mailActivationLink(tx, { id: user.id, loginEmail: input.loginEmail, firstName: input.firstName }, now);
    recordAudit(
      tx,
      {
        action: "account.sign_up",
        actorUserId: user.id,
        targetType: "user",
        targetId: user.id,
        ip: meta.ip,
        details: { loginEmail: maskEmail(input.loginEmail) },
      },
      now,
    );
  });
  kickDelivery();
  return done;
}
