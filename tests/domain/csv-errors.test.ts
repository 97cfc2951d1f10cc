import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BULK_CSV_COLUMNS } from "@/lib/refunds/bulk-import";
import { CSV_COLUMNS, readCsvRows, readLinesCsv } from "@/lib/refunds/csv-lines";
import { deadlineTable, rateTable } from "@/lib/refunds/rates";

const HEADER = "numero_facture;date_livraison;produit;volume";
const bytes = (text: string) => new TextEncoder().encode(text);
const context = () => ({ year: 2023, rates: rateTable(), deadlines: deadlineTable(), today: "2024-06-15" });
const FRENCH = /^[A-ZÀ-Ý«]/;
const FOREIGN = /Invalid|Opening|Closing|Quote|expected|received|found|line \d|undefined|NaN|\[object|Error/;

describe("a CSV the parser cannot read is refused in French, with its row and column", () => {
  it("a quote in the middle of a value (the resilience suite's failing draw, issue 22)", () => {
    const read = readLinesCsv(bytes(`${HEADER}\nFA-1;15/03/2023;GNR;100\nFA"2;15/03/2023;GNR;100\n`), context());
    expect(read).toEqual({
      ok: false,
      errors: [
        {
          row: 3,
          column: "numero_facture",
          message: expect.stringMatching(/^Un guillemet \(""?\) se trouve au milieu de la valeur « FA" »/),
        },
      ],
    });
  });

  it("a quote never closed, text after a closing quote: what is wrong and where", () => {
    const open = readLinesCsv(bytes(`${HEADER}\nFA-1;"15/03/2023;GNR;100\n`), context());
    expect(open).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: "date_livraison", message: expect.stringMatching(/^Un guillemet ouvert n'est jamais refermé/) }],
    });
    const after = readLinesCsv(bytes(`${HEADER}\nFA-1;15/03/2023;"GNR"x;100\n`), context());
    expect(after).toMatchObject({
      ok: false,
      errors: [{ row: 2, column: "produit", message: expect.stringMatching(/^Après un guillemet fermant, le séparateur « ; »/) }],
    });
  });

  it("a column beyond the header is named by its number", () => {
    const read = readCsvRows(bytes(`a,b\nx,y,"z"q\n`), [
      { name: "a", description: "" },
      { name: "b", description: "" },
    ]);
    expect(read).toMatchObject({ ok: false, errors: [{ row: 2, column: "n° 3" }] });
  });

  const csvish = fc.string({ unit: fc.constantFrom(...'ab1;,"\n\r \t\u0000é'.split("")), maxLength: 200 });
  for (const [name, read] of [
    ["one request's import", (text: string) => readLinesCsv(bytes(text), context())],
    ["the portfolio's import", (text: string) => readCsvRows(bytes(text), BULK_CSV_COLUMNS)],
  ] as const) {
    it(`${name}: any text never throws, and every error is French, on a row, without the parser's words`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            csvish,
            csvish.map((body) => `${HEADER}\n${body}`),
            fc.string(),
          ),
          (text) => {
            const result = read(text);
            if (result.ok) return;
            for (const error of result.errors) {
              expect(error.message).toMatch(FRENCH);
              expect(error.message).not.toMatch(FOREIGN);
              expect(Number.isSafeInteger(error.row) && error.row >= 0).toBe(true);
              if (error.column !== null)
                expect([...CSV_COLUMNS, ...BULK_CSV_COLUMNS].map((c) => c.name).concat("n° ")).toSatisfy((names: string[]) =>
                  names.some((n) => error.column!.startsWith(n)),
                );
            }
          },
        ),
        { numRuns: 1000 },
      );
    });
  }
});
