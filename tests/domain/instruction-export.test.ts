import { describe, expect, it } from "vitest";
import { readSheet } from "read-excel-file/node";
import { getDb } from "@/lib/db";
import { requestsCsv, requestsXlsx } from "@/lib/instruction/export";
import { listPage, parseListFilters } from "@/lib/instruction/list";
import { administrator, agentWith } from "../support/agents";
import { refundFarm } from "../support/refund-farm";
import { ageBankDetails, transmitted } from "../support/instruction";

describe("« Demandes » exported (CSV and Excel)", () => {
  it("gives the same rows in both formats, typed in the workbook, and never a formula", async () => {
    const admin = await administrator();
    const me = await agentWith(admin, ["instructor"], ["31"]);
    const world = await refundFarm();
    ageBankDetails(world);
    const id = await transmitted(world, 2023, [{ invoiceNumber: "X-1", volume: "1000" }]);
    // A name a spreadsheet would run as a formula if it were written as one.
    getDb().$client.prepare("UPDATE structures SET name = '=HYPERLINK(\"http://x\")' WHERE id = ?").run(world.structureId);
    const filters = parseListFilters({ onglet: "toutes" });
    const [row] = listPage(me, filters, 1).rows;
    expect(row!.id).toBe(id);

    const csv = requestsCsv(me, filters)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(`;"'=HYPERLINK(""http://x"")";`);

    const sheet = await readSheet(await requestsXlsx(me, filters));
    expect(sheet[0]).toEqual(csv[0]!.split(";"));
    expect(sheet).toHaveLength(2);
    const [reference, name, siret, departement, year, amount, status, instructor, day, flagged] = sheet[1]!;
    expect([reference, name, siret, departement, year, status, instructor, flagged]).toEqual([
      row!.reference,
      '=HYPERLINK("http://x")',
      row!.siret,
      "31",
      2023,
      "Mise à disposition",
      null,
      row!.flagged ? "oui" : "non",
    ]);
    // Numbers and dates as such: the amount in euros, the day of transmission.
    expect(amount).toBe(row!.totalCents / 100);
    expect(amount).toBeGreaterThan(0);
    expect(day).toBeInstanceOf(Date);
    expect((day as unknown as Date).toISOString().slice(0, 10)).toBe(row!.transmittedAt!.toISOString().slice(0, 10));
  });
});
