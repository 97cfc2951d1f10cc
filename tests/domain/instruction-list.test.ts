import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refundLines } from "@/db/schema";
import { getDb } from "@/lib/db";
import { checksOf } from "@/lib/instruction/checks";
import { askComplement } from "@/lib/instruction/complement";
import { acceptRequest } from "@/lib/instruction/decision";
import { allRows, filtersQuery, listPage, listQueryPlans, parseListFilters, tabCounts } from "@/lib/instruction/list";
import { takeCharge } from "@/lib/instruction/take-charge";
import { META } from "../support/accounts";
import { administrator, agentWith } from "../support/agents";
import { refundFarm } from "../support/refund-farm";
import { T0, ageBankDetails, farmSiretsIn, otherFarm, storedChecks, transmitted } from "../support/instruction";

/** GNR delivered in 2022 could still be filed in mid-2024. */
const IN_2024 = new Date("2024-06-15T10:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
/** The checks computed live; the mask stored by the triggers (migration 0016) must say the same. */
const fired = (requestId: number) => {
  const live = Object.entries(checksOf(requestId).fired)
    .filter(([, on]) => on)
    .map(([check]) => check);
  const stored = storedChecks(requestId);
  expect(stored, "stored mask = live checks").toEqual(live);
  return live;
};

describe("the instructor's checks", () => {
  it("fire on nothing for a plain request", async () => {
    const world = await refundFarm();
    ageBankDetails(world);
    const id = await transmitted(world, 2023, [{ invoiceNumber: "FA-1", volume: "100" }]);
    expect(fired(id)).toEqual([]);
  });

  it("same invoice number on another farm's transmitted request (no supplier on a line: the number alone)", async () => {
    const world = await refundFarm();
    ageBankDetails(world);
    const mine = await transmitted(world, 2023, [{ invoiceNumber: "FA-77", volume: "100" }]);
    const [siret] = farmSiretsIn("31", 1);
    const other = await otherFarm(siret!);
    ageBankDetails(other);
    const theirs = await transmitted(other, 2023, [{ invoiceNumber: "FA-77", volume: "10" }]);
    expect(fired(mine)).toEqual(["duplicateInvoice"]);
    expect(fired(theirs)).toEqual(["duplicateInvoice"]);
    expect(checksOf(mine).duplicates).toEqual([
      expect.objectContaining({ invoiceNumber: "FA-77", otherReference: expect.stringMatching(/^TIC-2023-/) }),
    ]);
  });

  it("a volume more than three times the previous year's for that product, not three times or less", async () => {
    const world = await refundFarm();
    ageBankDetails(world);
    await transmitted(world, 2022, [{ invoiceNumber: "P-1", volume: "10", deliveryDate: "2022-03-01" }], IN_2024);
    const jump = await transmitted(world, 2023, [
      { invoiceNumber: "N-1", volume: "20" },
      { invoiceNumber: "N-2", volume: "10,5", deliveryDate: "2023-05-01" },
    ]);
    expect(fired(jump)).toEqual(["volumeJump"]);
    expect(checksOf(jump).volumeJumps).toEqual([{ product: "gnr", volumeMilli: 30_500, previousMilli: 10_000 }]);
    getDb().update(refundLines).set({ volumeMilli: 10_000 }).where(eq(refundLines.invoiceNumber, "N-2")).run();
    expect(fired(jump)).toEqual([]);
  });

  it("bank details added less than 30 days before the transmission, or an IBAN another structure uses", async () => {
    const fresh = await refundFarm();
    const recent = await transmitted(fresh, 2023, [{ invoiceNumber: "FA-1", volume: "100" }]);
    expect(fired(recent)).toEqual(["bankDetails"]);
    expect(checksOf(recent).bank).toEqual({ recent: true, otherStructures: 0 });
    ageBankDetails(fresh);
    expect(fired(recent)).toEqual([]);
    const [siret] = farmSiretsIn("31", 1);
    const sharing = await otherFarm(siret!, "FR7630006000011234567890189");
    void sharing;
    expect(fired(recent)).toEqual(["bankDetails"]);
    expect(checksOf(recent).bank).toEqual({ recent: false, otherStructures: 1 });
  });

  it("a line without its invoice, and a calculated or provisional rate", async () => {
    const world = await refundFarm();
    ageBankDetails(world);
    const gas = await transmitted(world, 2025, [
      { invoiceNumber: "G-1", product: "naturalGasHeating", volume: "10", deliveryDate: "2025-03-01" },
    ]);
    expect(fired(gas)).toEqual(["rateKind"]);
    const plain = await transmitted(world, 2023, [{ invoiceNumber: "FA-1", volume: "100" }]);
    // An older line without its copy (transmitted before the rule): flagged for the instructor.
    getDb().update(refundLines).set({ invoiceFileId: null }).where(eq(refundLines.requestId, plain)).run();
    expect(fired(plain)).toEqual(["missingInvoice"]);
    expect(checksOf(plain).missingInvoiceLineIds).toHaveLength(1);
  });
});

describe("« Demandes »: tabs, filters, paging in SQL, competence", () => {
  it("counts each tab, filters and pages, and shows only the instructor's départements", async () => {
    const admin = await administrator();
    const me = await agentWith(admin, ["instructor"], ["31"]);
    const elsewhere = await agentWith(admin, ["instructor"], ["12"]);
    const world = await refundFarm();
    ageBankDetails(world);
    const a = await transmitted(world, 2022, [{ invoiceNumber: "A-1", volume: "10", deliveryDate: "2022-03-01" }], IN_2024);
    const b = await transmitted(world, 2023, [{ invoiceNumber: "B-1", volume: "100" }], later(10));
    const sirets = farmSiretsIn("31", 3);
    const others: number[] = [];
    for (const [index, siret] of sirets.entries()) {
      const farm = await otherFarm(
        siret,
        ["FR1420041010050500013M02606", "FR7630004000031234567890143", "FR7610107001011234567890129"][index],
      );
      ageBankDetails(farm);
      others.push(await transmitted(farm, 2023, [{ invoiceNumber: `O-${index}`, volume: String(5 * (index + 1)) }], later(20 + index)));
    }
    takeCharge(me, { requestId: b }, META, later(30));
    takeCharge(me, { requestId: others[0]! }, META, later(31));
    askComplement(me, { requestId: others[0]!, body: "Précisez.", lineIds: [] }, META, later(32));
    takeCharge(me, { requestId: others[1]! }, META, later(33));
    acceptRequest(me, { requestId: others[1]!, mode: "whole" }, META, later(34));

    const all = parseListFilters({});
    expect(all).toMatchObject({ tab: "a-instruire", sort: "transmis" });
    expect(tabCounts(me, all)).toEqual({ "a-instruire": 2, suivies: 2, "en-attente": 1, traitees: 1, toutes: 5 });
    expect(tabCounts(elsewhere, all)).toEqual({ "a-instruire": 0, suivies: 0, "en-attente": 0, traitees: 0, toutes: 0 });
    expect(listPage(me, all, 1).rows.map((r) => r.id)).toEqual([a, others[2]]);
    const followed = listPage(me, { ...all, tab: "suivies" }, 1);
    expect(followed.rows.map((r) => [r.id, r.status, r.instructor])).toEqual([
      [b, "processing", `${me.firstName} ${me.lastName}`],
      [others[0], "incomplete", `${me.firstName} ${me.lastName}`],
    ]);

    const every = { ...all, tab: "toutes" as const };
    expect(listPage(me, { ...every, year: 2022 }, 1).rows.map((r) => r.id)).toEqual([a]);
    expect(listPage(me, { ...every, status: "accepted" }, 1).rows.map((r) => r.id)).toEqual([others[1]]);
    expect(listPage(me, { ...every, sort: "-montant" }, 1).rows[0]!.id).toBe(b);
    const amounts = listPage(me, { ...every, sort: "montant" }, 1).rows.map((r) => r.totalCents);
    expect(amounts).toEqual([...amounts].sort((x, y) => x - y));
    expect(listPage(me, { ...every, minCents: 100_000 }, 1).rows.map((r) => r.id)).toEqual([b]);
    expect(listPage(me, { ...every, product: "lpg" }, 1).total).toBe(0);
    const reference = listPage(me, every, 1).rows.find((r) => r.id === b)!.reference!;
    expect(listPage(me, { ...every, search: reference.toLowerCase() }, 1).rows.map((r) => r.id)).toEqual([b]);
    expect(listPage(me, { ...every, search: "031123456" }, 1).rows.length).toBeGreaterThan(0);
    expect(listPage(me, { ...every, from: "2026-12-07", to: "2026-12-07" }, 1).total).toBe(4);
    expect(listPage(me, { ...every, to: "2024-06-15" }, 1).rows.map((r) => r.id)).toEqual([a]);
    expect(listPage(me, { ...every, from: "2026-12-08" }, 1).total).toBe(0);
    // Paged in SQL: 2 a page, the third page holds the last one; past the end, the last page.
    const paged = listPage(me, every, 3, 2);
    expect(paged).toMatchObject({ total: 5, pages: 3, page: 3 });
    expect(paged.rows).toHaveLength(1);
    expect(listPage(me, every, 99, 2).page).toBe(3);
    expect([...allRows(me, every)].length).toBe(5);
  });

  it("a year's view counts and pages that year's requests through their own index (ADR 0034)", async () => {
    const admin = await administrator();
    const me = await agentWith(admin, ["instructor"], ["31"]);
    const world = await refundFarm();
    ageBankDetails(world);
    const old = await transmitted(world, 2022, [{ invoiceNumber: "Y-1", volume: "10", deliveryDate: "2022-03-01" }], IN_2024);
    const recent = await transmitted(world, 2023, [{ invoiceNumber: "Y-2", volume: "20" }], later(5));
    takeCharge(me, { requestId: recent }, META, later(6));
    const every = parseListFilters({ onglet: "toutes" });
    expect(tabCounts(me, { ...every, year: 2023 })).toEqual({ "a-instruire": 0, suivies: 1, "en-attente": 0, traitees: 0, toutes: 1 });
    expect(tabCounts(me, { ...every, year: 2022 })).toMatchObject({ "a-instruire": 1, toutes: 1 });
    expect(listPage(me, { ...every, year: 2022 }, 1).rows.map((r) => r.id)).toEqual([old]);
    // Without it, a year's view read every request of the département (20,000 in the bench: 17 ms a view).
    const plans = listQueryPlans(me, { ...every, year: 2023 });
    expect(plans.counts).toContain("refund_requests_departement_year_idx (departement=? AND year=?)");
    expect(plans.page).toContain("refund_requests_departement_year_idx (departement=? AND year=?)");
    // The default view still walks the département in transmission order and stops at the page.
    expect(listQueryPlans(me, every).page).toContain("refund_requests_departement_transmitted_idx (departement=?)");
    // By amount: the stored totals (migration 0019), in order, never the lines of every request.
    const byAmount = listQueryPlans(me, { ...every, sort: "-montant", minCents: 100 });
    expect(byAmount.page).toContain("refund_requests_departement_total_idx (departement=? AND lines_total_cents>?)");
    expect(byAmount.page).not.toContain("refund_lines");
    expect(listPage(me, { ...every, sort: "-montant" }, 1).rows.map((r) => r.id)).toEqual([recent, old]);
  });

  it("filters « signalées » with the same checks", async () => {
    const admin = await administrator();
    const me = await agentWith(admin, ["instructor"], ["31"]);
    const fresh = await refundFarm();
    const flagged = await transmitted(fresh, 2023, [{ invoiceNumber: "F-1", volume: "100" }]);
    const [siret] = farmSiretsIn("31", 1);
    const calm = await otherFarm(siret!);
    ageBankDetails(calm);
    await transmitted(calm, 2023, [{ invoiceNumber: "C-1", volume: "10" }]);
    const filters = parseListFilters({ onglet: "toutes", signalees: "1" });
    expect(listPage(me, filters, 1).rows.map((r) => [r.id, r.flagged])).toEqual([[flagged, true]]);
    expect(filtersQuery(filters)).toBe("onglet=toutes&signalees=1");
  });

  it("reads the GET parameters strictly", () => {
    expect(
      parseListFilters({
        onglet: "x",
        tri: "drop",
        annee: "1e3",
        produit: "eau",
        statut: "draft",
        min: "abc",
        du: "2026-13",
        signalees: "oui",
        departement: "31; --",
      }),
    ).toEqual({ tab: "a-instruire", sort: "transmis" });
    expect(
      parseListFilters({
        onglet: "traitees",
        tri: "-nom",
        annee: "2023",
        produit: "gnr",
        statut: "rejected",
        min: "10",
        max: "1 000,50",
        du: "2026-01-01",
        au: "2026-12-31",
        departement: "2a",
        q: "  trois   chênes ",
      }),
    ).toEqual({
      tab: "traitees",
      sort: "-nom",
      year: 2023,
      product: "gnr",
      status: "rejected",
      minCents: 1000,
      maxCents: 100050,
      from: "2026-01-01",
      to: "2026-12-31",
      departement: "2A",
      search: "trois chênes",
    });
  });
});
