// Issue 22, point 5: page and number parameters read strictly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageWindow } from "@/app/_components/pagination";
import { pageNumber, positiveInteger } from "@/lib/search-params";
import { portfolioPage } from "@/lib/portfolio/queries";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { importSample } from "../support/directory";
import { managerWithStructure } from "../support/structures";

describe("page and number parameters", () => {
  it("a positive integer within bounds, nothing else", () => {
    expect(["1", "12", "100000"].map(pageNumber)).toEqual([1, 12, 100_000]);
    for (const raw of ["Infinity", "1e308", "1e3", "-1", "0", "1.5", "12abc", " 2", "", "NaN", "100001", "0x10", undefined, ["2", "3"]]) {
      expect(pageNumber(raw), String(raw)).toBe(1);
    }
    expect(positiveInteger("2024", 9999)).toBe(2024);
    expect(positiveInteger("99999999999999999999")).toBeNull();
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const value = positiveInteger(raw);
        expect(value === null || (Number.isSafeInteger(value) && value >= 1 && String(value) === raw)).toBe(true);
      }),
    );
  });

  it("the portfolio query and the page window never get anything but a page number", async () => {
    await importSample();
    const { actor } = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
    for (const requested of [Infinity, 1e308, -5, 1.5, Number.NaN]) {
      expect(portfolioPage(actor.userId, [2023, 2024], { sort: "name" }, requested)).toMatchObject({ page: 1, total: 0 });
    }
    expect(pageWindow(120, "Infinity")).toMatchObject({ page: 1, offset: 0 });
    expect(pageWindow(120, "3")).toMatchObject({ page: 3, offset: 100 });
  });
});
