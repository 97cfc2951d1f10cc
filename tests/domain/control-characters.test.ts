// Issue 22, point 4: control characters never stored from a form, and escaped when printed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { profileSchema } from "@/lib/accounts/schemas";
import { parseForm } from "@/lib/forms";
import { addLineSchema } from "@/lib/refunds/schemas";
import { contestSchema } from "@/lib/structures/schemas";
import { hasControls, pdfSafe, stripControls, terminalSafe } from "@/lib/text/control-characters";

const ESCAPES = "\u001b[2K\u001b[1A\u001b]52;c;ZXZpbA==\u0007\u009b31m\u202eexe.pdf\u2066";

describe("control characters", () => {
  it("are stripped from free texts at the forms' schemas; a motif keeps its line breaks", () => {
    const contest = parseForm(contestSchema, { structureId: "3", motif: `Je suis l'exploitant.${ESCAPES}\r\nKbis joint.\tMerci` });
    expect(contest).toMatchObject({ ok: true, data: { motif: "Je suis l'exploitant.[2K[1A]52;c;ZXZpbA==31mexe.pdf\nKbis joint. Merci" } });
    const profile = parseForm(profileSchema, {
      contactEmail: "a@exemple.fr",
      lastName: `Dupont${ESCAPES}`,
      firstName: "Jean\nPierre",
      phone: "",
    });
    expect(profile).toMatchObject({ ok: true, data: { lastName: "Dupont[2K[1A]52;c;ZXZpbA==31mexe.pdf", firstName: "Jean Pierre" } });
    const line = parseForm(addLineSchema, {
      requestId: "1",
      invoiceNumber: "FA\u001b[8m-1",
      deliveryDate: "",
      product: "",
      volume: "",
      billedFullTariff: "",
      then: "stay",
    });
    expect(line.ok && line.data.invoiceNumber).toBe("FA[8m-1");
  });

  it("whatever the text, nothing that reorders or drives a terminal is left", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(hasControls(stripControls(text))).toBe(false);
        expect(hasControls(stripControls(text, { multiline: true }).replace(/\n/g, ""))).toBe(false);
        expect(hasControls(terminalSafe(text))).toBe(false);
        expect(hasControls(pdfSafe(text))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("are shown as visible escapes when printed to a terminal (rows stored before the rule)", () => {
    expect(terminalSafe("motif\u001b[2J\nn° 99\u202e")).toBe("motif\\u{1B}[2J\\u{A}n° 99\\u{202E}");
  });
});
