import { describe, expect, it } from "vitest";
import { passwordError } from "@/lib/accounts/password-policy";

describe("password policy", () => {
  it("requires 12 to 128 characters", () => {
    expect(passwordError("Court-1!")).toMatch(/au moins 12 caractères/);
    expect(passwordError("a".repeat(129))).toMatch(/au plus 128 caractères/);
  });

  it("refuses common and guessable passwords", () => {
    for (const password of ["123456789012", "azertyuiop123", "motdepasse123", "password1234", "aaaaaaaaaaaaaaaa"]) {
      expect(passwordError(password), password).not.toBeNull();
    }
  });

  it("refuses a password made of the user's own name or address", () => {
    expect(passwordError("ClaireDurand1975", ["claire.durand", "Claire", "Durand"])).toMatch(/nom et prénom/);
  });

  it("accepts long passphrases", () => {
    expect(passwordError("Cheval batterie agrafe 42")).toBeNull();
    expect(passwordError("Tracteur rouge au pré 1987")).toBeNull();
  });
});
