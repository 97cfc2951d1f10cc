import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, mailTokens, users } from "@/db/schema";
import { signUpSchema } from "@/lib/accounts/schemas";
import { SIGN_UP_LIMITS, signUp } from "@/lib/accounts/sign-up";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { META, activeUser, mailsTo, pendingUser, signUpForm } from "../support/accounts";

const parse = (overrides: Record<string, string> = {}) => parseForm(signUpSchema, signUpForm(overrides));

describe("sign-up form rules", () => {
  it("gives each bad field its French error and keeps nothing", () => {
    const parsed = parse({ loginEmail: "pas-une-adresse", siret: "73282932000075", postalCode: "3100", lastName: "", acceptTerms: "" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toEqual({
      loginEmail: "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
      siret: "Ce n° de SIRET n'est pas valide : vérifiez les chiffres saisis.",
      postalCode: "Saisissez un code postal français à 5 chiffres, par exemple 31000.",
      lastName: "Saisissez votre nom.",
      acceptTerms: "Acceptez les conditions générales d'utilisation pour continuer.",
    });
    expect(getDb().select().from(users).all()).toHaveLength(0);
  });

  it("normalises the input: address in lower case, SIRET digits only, contact defaults to login", () => {
    const parsed = parse({ loginEmail: "  Claire.Durand@Exemple.FR ", siret: "732 829 320 00074" });
    expect(parsed.ok && parsed.data).toMatchObject({
      loginEmail: "claire.durand@exemple.fr",
      contactEmail: "claire.durand@exemple.fr",
      siret: "73282932000074",
      addressComplement: null,
    });
  });

  it("refuses over-long values", () => {
    const parsed = parse({ city: "x".repeat(101) });
    expect(!parsed.ok && parsed.fieldErrors.city).toBe("La commune compte au plus 100 caractères.");
  });
});

describe("signUp", () => {
  it("creates a pending account and queues the activation mail, storing only the token's hash", () => {
    const loginEmail = pendingUser();
    const user = getDb().select().from(users).where(eq(users.loginEmail, loginEmail)).get()!;
    expect(user.status).toBe("pending");
    expect(user.passwordHash).toBeNull();
    const [mail] = mailsTo(loginEmail);
    expect(mail?.template).toBe("activation");
    expect(mail?.subject).toBe("Activez votre compte – Portail TIC");
    const token = JSON.parse(mail!.props!).link.split("/activation/")[1];
    const stored = getDb().select().from(mailTokens).where(eq(mailTokens.userId, user.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(60 * 60_000);
    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.action, "account.sign_up")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.ip).toBe(META.ip);
    expect(audit[0]!.details).not.toContain(loginEmail);
  });

  it("answers the same for a known address, which gets an 'account exists' mail instead", async () => {
    const user = await activeUser();
    const parsed = parse({ loginEmail: user.loginEmail, lastName: "Intrus" });
    if (!parsed.ok) throw new Error("form should be valid");
    const result = signUp(parsed.data, { ip: "198.51.100.1" });
    expect(result).toEqual({ ok: true, data: { loginEmail: user.loginEmail } });
    expect(mailsTo(user.loginEmail)[0]?.template).toBe("account-exists");
    expect(getDb().select().from(users).where(eq(users.loginEmail, user.loginEmail)).all()).toHaveLength(1);
    expect(getDb().select().from(users).where(eq(users.id, user.id)).get()!.lastName).toBe("Durand");
  });

  it("writes nothing when the honeypot is filled, yet answers as usual", () => {
    const parsed = parse({ website: "http://spam.example" });
    if (!parsed.ok) throw new Error("form should be valid");
    expect(signUp(parsed.data, META).ok).toBe(true);
    expect(getDb().select().from(users).all()).toHaveLength(0);
    expect(mailsTo(parsed.data.loginEmail)).toHaveLength(0);
  });

  it("limits sign-ups per address and per IP", () => {
    const parsed = parse();
    if (!parsed.ok) throw new Error("form should be valid");
    for (let i = 0; i < SIGN_UP_LIMITS.perAddressPerHour; i++) expect(signUp(parsed.data, META).ok).toBe(true);
    const refused = signUp(parsed.data, META);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.formError).toMatch(/^Trop de demandes en peu de temps\. Réessayez dans \d+ minutes\.$/);

    const ip = { ip: "192.0.2.99" };
    for (let i = 0; i < SIGN_UP_LIMITS.perIpPerHour; i++) {
      const other = parse();
      if (!other.ok) throw new Error("form should be valid");
      expect(signUp(other.data, ip).ok).toBe(true);
    }
    const last = parse();
    if (!last.ok) throw new Error("form should be valid");
    expect(signUp(last.data, ip).ok).toBe(false);
  });
});
