import { describe, expect, it } from "vitest";
import { signInPathFor } from "@/lib/auth/return-path";

describe("signInPathFor: « Se connecter », then back to the page asked for", () => {
  it("carries the path and query of a portal page", () => {
    expect(signInPathFor("/gestionnaire")).toBe("/connexion?retour=%2Fgestionnaire");
    expect(signInPathFor("/remboursement-tic/demandes/12?transmise=1")).toBe(
      "/connexion?retour=%2Fremboursement-tic%2Fdemandes%2F12%3Ftransmise%3D1",
    );
  });

  it("drops a forged or foreign target, and the default page", () => {
    for (const forged of [
      null,
      "",
      "//exemple.org/piege",
      "https://exemple.org",
      "/\t/exemple.org",
      "/\\exemple.org",
      "javascript:alert(1)",
      "/accueil",
      `/gestionnaire?${"x".repeat(500)}`,
    ]) {
      expect(signInPathFor(forged)).toBe("/connexion");
    }
  });
});
