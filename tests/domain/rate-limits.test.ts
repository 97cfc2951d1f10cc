import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { getDb } from "@/lib/db";
import { RATE_LIMITS, limit, limitOf, type LimitName } from "@/lib/security/rate-limit";

describe("the rate limits table", () => {
  it("refuses each named limit past its count, in French, until its window has passed", () => {
    const now = Date.parse("2026-12-07T10:00:00Z");
    for (const name of Object.keys(RATE_LIMITS) as LimitName[]) {
      const rule = RATE_LIMITS[name];
      for (let i = 0; i < limitOf(name); i++) expect(limit([[name, "sujet"]], now).allowed, `${name} #${i + 1}`).toBe(true);
      const refused = limit([[name, "sujet"]], now);
      expect(refused.allowed, name).toBe(false);
      if (!refused.allowed && rule.message)
        expect(refused.message, name).toMatch(/^(Trop|Vous avez envoyé trop|Vous avez déjà demandé|Vous avez déjà inscrit)/);
      // Another subject has its own counter; the window's end frees the first.
      expect(limit([[name, "autre"]], now).allowed, name).toBe(true);
      expect(limit([[name, "sujet"]], now + rule.windowMs + 1).allowed, name).toBe(true);
    }
  });

  it("keeps the stored keys, stops at the first refused limit and multiplies per-IP limits only", () => {
    const now = Date.now();
    expect(
      limit(
        [
          ["signUp.ip", "203.0.113.9"],
          ["signUp.address", "a@exemple.fr"],
        ],
        now,
      ).allowed,
    ).toBe(true);
    const keys = getDb()
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .all()
      .map((r) => r.key)
      .sort();
    expect(keys).toEqual(["signup:address:a@exemple.fr", "signup:ip:203.0.113.9"]);
    for (let i = 1; i < limitOf("signUp.address"); i++) limit([["signUp.address", "a@exemple.fr"]], now);
    const refused = limit(
      [
        ["signUp.address", "a@exemple.fr"],
        ["signUp.ip", "203.0.113.9"],
      ],
      now,
    );
    expect(refused).toMatchObject({
      allowed: false,
      message: expect.stringMatching(/^Trop de demandes en peu de temps\. Réessayez dans \d+ minutes?\.$/),
    });
    // The IP counter was not touched by the refused attempt.
    expect(getDb().select().from(rateLimits).where(eq(rateLimits.key, "signup:ip:203.0.113.9")).get()?.count).toBe(1);
    expect(limitOf("signUp.ip")).toBe(RATE_LIMITS["signUp.ip"].limit);
  });
});
