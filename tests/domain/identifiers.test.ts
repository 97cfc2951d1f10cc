import { describe, expect, it } from "vitest";
import { digitsOnly, isFrenchPostalCode, isValidSiren, isValidSiret, siretError } from "@/lib/identifiers";

describe("SIREN and SIRET", () => {
  it("accepts identifiers whose Luhn key is right", () => {
    expect(isValidSiren("732829320")).toBe(true);
    expect(isValidSiret("73282932000074")).toBe(true);
  });

  it("refuses a wrong key, a wrong length or letters", () => {
    expect(isValidSiren("732829321")).toBe(false);
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("7328293200007")).toBe(false);
    expect(isValidSiret("7328293200007A")).toBe(false);
  });

  it("applies La Poste's rule (sum of digits multiple of 5) instead of Luhn", () => {
    // 3+5+6+1+2+3+5 = 25: valid, although its Luhn key is wrong.
    expect(isValidSiret("35600000001235")).toBe(true);
    expect(isValidSiret("35600000001234")).toBe(false);
    // A right Luhn key does not help: 3+5+6+4+8 = 26.
    expect(isValidSiret("35600000000048")).toBe(false);
  });

  it("accepts typed spaces and explains errors in French", () => {
    expect(digitsOnly("732 829 320 00074")).toBe("73282932000074");
    expect(siretError("732 829 320 00074")).toBeNull();
    expect(siretError("")).toMatch(/Saisissez/);
    expect(siretError("123")).toMatch(/14 chiffres \(vous en avez saisi 3\)/);
    expect(siretError("73282932000075")).toMatch(/n'est pas valide/);
    expect(siretError("abc")).toMatch(/que des chiffres/);
  });
});

describe("postal codes", () => {
  it("accepts metropolitan and overseas codes only", () => {
    for (const code of ["31000", "01000", "75001", "20000", "97400", "98800"]) expect(isFrenchPostalCode(code)).toBe(true);
    for (const code of ["00100", "96000", "3100", "310000", "ABCDE", "99000"]) expect(isFrenchPostalCode(code)).toBe(false);
  });
});
