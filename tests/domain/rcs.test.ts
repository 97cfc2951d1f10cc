import { describe, expect, it } from "vitest";
import { checkRcs } from "@/lib/structures/rcs";

const SIRET = "73282932000074";

describe("numéro RCS", () => {
  it("accepts the usual forms and normalises them", () => {
    expect(checkRcs("RCS Toulouse B 732 829 320", SIRET)).toEqual({ ok: true, value: "RCS TOULOUSE B 732 829 320" });
    expect(checkRcs("rcs  saint-brieuc d 732829320", SIRET)).toEqual({ ok: true, value: "RCS SAINT-BRIEUC D 732 829 320" });
  });

  it("refuses a bad format, a bad SIREN key, or a SIREN other than the SIRET's", () => {
    expect(checkRcs("732 829 320", SIRET)).toMatchObject({ ok: false, message: expect.stringMatching(/s'écrit « RCS »/) });
    expect(checkRcs("RCS Toulouse E 732 829 320", SIRET).ok).toBe(false);
    expect(checkRcs("RCS Toulouse B 732 829 321", SIRET)).toMatchObject({ ok: false, message: expect.stringMatching(/n'est pas valide/) });
    expect(checkRcs("RCS Toulouse B 412 345 670", SIRET)).toMatchObject({ ok: false, message: expect.stringMatching(/ne correspond pas/) });
  });
});
