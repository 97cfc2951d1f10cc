import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { refundRequests } from "@/db/schema";
import { getDb } from "@/lib/db";
import { buildPaymentOrder, markOrderPaid } from "@/lib/payment/orders";
import { median, statisticsFor } from "@/lib/statistics/figures";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { acceptAs, transmittedRequest } from "../support/accepted-request";
import { administrator, agentWith } from "../support/agents";
import { importSample } from "../support/directory";

const TRANSMITTED = new Date("2026-11-01T10:00:00Z");
const DECIDED = new Date("2026-11-11T10:00:00Z");
const ORDERED = new Date("2026-11-20T10:00:00Z");
const MARKED = new Date("2026-11-27T10:00:00Z");

beforeEach(async () => {
  await importSample();
});

describe("« Statistiques »", () => {
  it("counts by status, sums requested and accepted amounts, medians of delays and instructors' load, within the viewer's départements", async () => {
    const admin = await administrator();
    const instructor = await agentWith(admin, ["instructor"], ["31"]);
    const payer = await agentWith(admin, ["payer"], ["31"]);
    const a = await transmittedRequest(SAMPLE_FIXTURES.gaec.siret, TRANSMITTED);
    const b = await transmittedRequest(SAMPLE_FIXTURES.cuma.siret, TRANSMITTED);
    await transmittedRequest(SAMPLE_FIXTURES.individual.siret, TRANSMITTED);
    getDb()
      .update(refundRequests)
      .set({ instructorAgentId: instructor.agentId, status: "processing" })
      .where(eq(refundRequests.id, b.requestId))
      .run();
    acceptAs(instructor.agentId, a.requestId, 120_000, DECIDED);
    getDb().update(refundRequests).set({ instructorAgentId: instructor.agentId }).where(eq(refundRequests.id, a.requestId)).run();
    const order = buildPaymentOrder(payer, [a.requestId], META, ORDERED);
    if (!order.ok) throw new Error(JSON.stringify(order));
    expect(markOrderPaid(payer, { orderId: order.data.orderId, executedOn: "2026-11-26" }, META, MARKED)).toMatchObject({ ok: true });

    const stats = statisticsFor(payer);
    expect(stats.scope).toEqual(["31"]);
    expect(Object.fromEntries(stats.byStatus.map((s) => [s.status, s.count]))).toMatchObject({
      submitted: 1,
      processing: 1,
      accepted: 0,
      paid: 1,
    });
    // Three lines of 1 496,00 € of GNR. By product, a request accepted whole counts its lines (the fixture wrote no line amounts);
    // by year and département, its accepted amount.
    expect(stats.byProduct).toEqual([{ key: "gnr", label: "Gazole non routier", requestedCents: 448_800, acceptedCents: 149_600 }]);
    expect(stats.byYear).toEqual([{ key: "2023", label: "2023", requestedCents: 448_800, acceptedCents: 120_000 }]);
    expect(stats.byDepartement).toEqual([{ key: "31", label: "31", requestedCents: 448_800, acceptedCents: 120_000 }]);
    expect(stats.daysToDecision).toEqual({ median: 10, count: 1 });
    expect(stats.daysToPayment).toEqual({ median: 25, count: 1 });
    expect(stats.byInstructor).toEqual([
      { agentId: instructor.agentId, name: instructor.firstName + " " + instructor.lastName, following: 1, decided: 1 },
    ]);

    // Another département sees nothing; an administrator sees every one.
    const elsewhere = await agentWith(admin, ["instructor"], ["32"]);
    expect(statisticsFor(elsewhere).byStatus.every((s) => s.count === 0)).toBe(true);
    expect(statisticsFor(elsewhere).byDepartement).toEqual([]);
    expect(statisticsFor(admin).scope).toBeNull();
    expect(statisticsFor(admin).byDepartement).toHaveLength(1);
  });

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});
