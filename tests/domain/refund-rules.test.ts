import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatEuros, formatQuantity, lineAmountCents, parseVolume, totalCents } from "@/lib/refunds/amounts";
import { attachmentError, detectAttachmentType, MAX_ATTACHMENT_BYTES } from "@/lib/refunds/files";
import { bicError, formatIban, ibanError } from "@/lib/refunds/iban";
import { rateFor } from "../support/rate-for";
import { openYears, yearError } from "@/lib/refunds/years";

describe("refund rates (only the sourced values)", () => {
  it("finds the rate of a product for its delivery date", () => {
    expect(rateFor("gnr", "2019-06-15")).toMatchObject({ ok: true, rateMilliEuros: 14960 });
    expect(rateFor("gnr", "2017-12-31")).toMatchObject({ ok: true, rateMilliEuros: 11230 });
    expect(rateFor("heavyFuelOil", "2022-12-31")).toMatchObject({ ok: true, rateMilliEuros: 13765 });
    expect(rateFor("heavyFuelOil", "2023-01-01")).toMatchObject({ ok: true, rateMilliEuros: 13760 });
    expect(rateFor("lpg", "2018-04-01")).toMatchObject({ ok: true, rateMilliEuros: 5720 });
    expect(rateFor("naturalGasHeating", "2018-02-01")).toMatchObject({ ok: true, rateMilliEuros: 8331 });
    expect(rateFor("naturalGasFuel", "2023-12-31")).toMatchObject({ ok: true, rateMilliEuros: 4690 });
  });

  it("says clearly when no sourced rate exists", () => {
    expect(rateFor("lpg", "2018-03-31")).toEqual({
      ok: false,
      message: expect.stringMatching(/Aucun taux sourcé .*« GPL combustible » livré le 31\/03\/2018/),
    });
    expect(rateFor("naturalGasHeating", "2020-05-01").ok).toBe(false);
    expect(rateFor("naturalGasFuel", "2020-12-31").ok).toBe(false);
    expect(rateFor("gnr", "2025-01-01").ok).toBe(false); // GNR at the full tariff in 2025: not sourced
    expect(rateFor("lpg", "2024-06-01").ok).toBe(false);
    expect(rateFor("heavyFuelOil", "2024-06-01").ok).toBe(false);
    expect(rateFor("naturalGasFuel", "2024-06-01").ok).toBe(false);
    expect(rateFor("gnr", "2014-12-31").ok).toBe(false);
  });
});

describe("amounts to the cent", () => {
  it("reads French volumes with up to 3 decimals", () => {
    expect(parseVolume("1 234,5")).toBe(1_234_500);
    expect(parseVolume("0,001")).toBe(1);
    expect(parseVolume("12.345")).toBe(12_345);
    for (const bad of ["", "0", "-3", "1,2345", "abc", "1e3", "1 2,3,4"]) expect(parseVolume(bad), bad).toBeNull();
  });

  it("writes volumes unambiguously: « 42 × 100 kg », never « 42 100 kg »", () => {
    expect(formatQuantity(42_000, "100 kg")).toMatch(/^42 × 100 kg$/);
    expect(formatQuantity(1_250_500, "hl")).toMatch(/^1\s250,5 hl$/);
  });

  it("rounds each line half away from zero and adds the rounded lines", () => {
    expect(lineAmountCents(123_450, 14_960)).toBe(184_681); // 123,45 hl × 14,96 € = 1 846,812 €
    expect(lineAmountCents(1, 5_000)).toBe(1); // 0,005 € → 1 centime
    expect(lineAmountCents(1, 4_999)).toBe(0);
    expect(formatEuros(184_681)).toMatch(/^1\s846,81\s€$/);
  });

  it("stays within half a cent of the exact amount, and the total is the sum of the lines", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ volume: fc.integer({ min: 1, max: 999_999_999 }), rate: fc.constantFrom(4690, 5720, 7830, 8331, 13765, 14960) }),
          { minLength: 1, maxLength: 50 },
        ),
        (lines) => {
          const amounts = lines.map((line) => ({ amountCents: lineAmountCents(line.volume, line.rate) }));
          lines.forEach((line, i) => {
            const exact = BigInt(line.volume) * BigInt(line.rate); // millionths of a euro
            const rounded = BigInt(amounts[i]!.amountCents) * 10_000n;
            const gap = rounded > exact ? rounded - exact : exact - rounded;
            expect(gap <= 5_000n).toBe(true);
          });
          expect(totalCents(amounts)).toBe(amounts.reduce((t, a) => t + a.amountCents, 0));
          expect(Number.isSafeInteger(totalCents(amounts))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("bank details", () => {
  it("checks the IBAN key (mod 97) and the French length, and prints it by groups of four", () => {
    expect(ibanError("FR76 3000 6000 0112 3456 7890 189")).toBeNull();
    expect(ibanError("FR7630006000011234567890188")).toMatch(/n'est pas valide/);
    expect(ibanError("FR763000600001123456789018")).toMatch(/compte 27 caractères \(vous en avez saisi 26\)/);
    expect(ibanError("3000600001123456789018")).toMatch(/commence par deux lettres/);
    expect(ibanError("DE89370400440532013000")).toBeNull();
    expect(formatIban("fr7630006000011234567890189")).toBe("FR76 3000 6000 0112 3456 7890 189");
    expect(bicError("AGRIFRPPXXX")).toBeNull();
    expect(bicError("AGRIFRPP")).toBeNull();
    expect(bicError("AGRI")).not.toBeNull();
  });
});

describe("attachments", () => {
  const file = (...head: number[]) => new Uint8Array([...head, ...new Array(100).fill(0x20)]);

  it("accepts PDF, PNG and JPEG by their bytes", () => {
    expect(detectAttachmentType(file(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31))).toBe("application/pdf");
    expect(detectAttachmentType(file(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe("image/png");
    expect(detectAttachmentType(file(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
  });

  it("refuses a renamed executable, an empty file and a file over 5 MB", () => {
    expect(attachmentError(file(0x4d, 0x5a, 0x90, 0x00))).toMatch(/Seuls les fichiers PDF, PNG et JPEG/); // « facture.pdf » that is a Windows program
    expect(attachmentError(file(0x7f, 0x45, 0x4c, 0x46))).toMatch(/Seuls les fichiers/); // ELF
    expect(attachmentError(new Uint8Array())).toBe("Le fichier est vide.");
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(attachmentError(big)).toMatch(/dépasse 5 Mo/);
  });
});

describe("year window", () => {
  it("offers the three past years, not the current one", () => {
    expect(openYears(new Date("2026-11-27T12:00:00Z"))).toEqual([2023, 2024, 2025]);
    expect(openYears(new Date("2026-12-31T23:30:00Z"))).toEqual([2024, 2025, 2026]); // already 2027 in Paris
    const now = new Date("2026-11-27T12:00:00Z");
    expect(yearError(2025, now)).toBeNull();
    expect(yearError(2026, now)).toMatch(/pas terminées/);
    expect(yearError(2022, now)).toMatch(/jusqu'au 31\/12\/2025/);
  });
});
