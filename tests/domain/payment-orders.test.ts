import { formatEuros } from "@/lib/refunds/amounts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import {
  auditEvents,
  bankAccounts,
  digestItems,
  outbox,
  paymentOrderItems,
  paymentOrders,
  refundRequests,
  refundStatusEvents,
} from "@/db/schema";
import { getDb } from "@/lib/db";
import { buildPaymentOrder, markOrderPaid } from "@/lib/payment/orders";
import { sepaText } from "@/lib/payment/sepa-file";
import { requestDetail, requestsOfStructure } from "@/lib/refunds/queries";
import { statusWords } from "@/lib/refunds/statuses";
import { setDailyDigest } from "@/lib/mail/digest";
import { can } from "@/lib/access";
import { giveMandate } from "@/lib/mandates/mandates";
import { portfolioPage } from "@/lib/portfolio/queries";
import { managerWithStructure } from "../support/structures";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { acceptAs, transmittedRequest } from "../support/accepted-request";
import { administrator, agentWith } from "../support/agents";
import { importSample } from "../support/directory";

/** Issue 20, payment. Today: 7 December 2026. */
const NOW = new Date("2026-12-07T10:00:00Z");
const LATER = new Date("2026-12-14T09:00:00Z");
const XSD = readFileSync(path.join(__dirname, "../fixtures/sepa/pain.001.001.03.xsd"), "utf8");

beforeEach(async () => {
  await importSample();
});

/** Two accepted requests in 31 (accepted by the instructor), and a payer of 31. */
async function world() {
  const admin = await administrator();
  const instructor = await agentWith(admin, ["instructor"], ["31"]);
  const payer = await agentWith(admin, ["payer"], ["31"]);
  const a = await transmittedRequest(SAMPLE_FIXTURES.gaec.siret, NOW, "GAEC DE LA VALLÉE");
  const b = await transmittedRequest(SAMPLE_FIXTURES.cuma.siret, NOW, "CUMA DE LA VALLEE");
  acceptAs(instructor.agentId, a.requestId, 149_600, NOW);
  acceptAs(instructor.agentId, b.requestId, 98_765, NOW);
  return { admin, instructor, payer, a, b };
}

const statusOf = (id: number) =>
  getDb().select({ s: refundRequests.status }).from(refundRequests).where(eq(refundRequests.id, id)).get()!.s;
const mailsAbout = (reference: string) =>
  getDb()
    .select()
    .from(outbox)
    .all()
    .filter((m) => (m.props ?? "").includes(reference) && m.template === "refund-status-changed");

/** The text of every element of that name, in document order. */
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, "g"))].map((m) => m[1]!);

describe("« Mettre en paiement »", () => {
  it("builds one order: its items copied from the bank details, statuses, events, audit and the farms' mails", async () => {
    const { payer, a, b } = await world();
    const built = buildPaymentOrder(payer, [a.requestId, b.requestId], META, NOW);
    expect(built).toMatchObject({ ok: true, data: { reference: "TIC-VIR-2026-000001" } });
    if (!built.ok) return;
    const order = getDb().select().from(paymentOrders).where(eq(paymentOrders.id, built.data.orderId)).get()!;
    expect(order).toMatchObject({
      transactionCount: 2,
      controlSumCents: 149_600 + 98_765,
      createdByAgentId: payer.agentId,
      executedOn: null,
    });
    const items = getDb().select().from(paymentOrderItems).where(eq(paymentOrderItems.orderId, order.id)).all();
    expect(items.map((i) => [i.requestId, i.holder, i.iban, i.bic, i.amountCents, i.endToEndId])).toEqual([
      [a.requestId, "GAEC DE LA VALLÉE", "FR7630006000011234567890189", "AGRIFRPPXXX", 149_600, a.reference],
      [b.requestId, "CUMA DE LA VALLEE", "FR7630006000011234567890189", "AGRIFRPPXXX", 98_765, b.reference],
    ]);
    expect([statusOf(a.requestId), statusOf(b.requestId)]).toEqual(["payment", "payment"]);
    const events = getDb()
      .select()
      .from(refundStatusEvents)
      .where(and(eq(refundStatusEvents.requestId, a.requestId), eq(refundStatusEvents.status, "payment")))
      .all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorAgentId: payer.agentId, actorUserId: null });
    expect(
      getDb()
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "refund.payment_ordered"))
        .all()
        .map((e) => e.actorAgentId),
    ).toEqual([payer.agentId, payer.agentId]);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "payment_order.built")).all()).toHaveLength(1);
    // The gestionnaire principal transmitted: one mail each, saying « Mise en paiement » and the amount.
    const mails = mailsAbout(a.reference);
    expect(mails.map((m) => m.to)).toEqual([a.user.loginEmail]);
    expect(mails[0]!.props ?? "").toContain("Mise en paiement");
    expect(mails[0]!.props ?? "").toMatch(/1\s496,00/);
  });

  it("writes a pain.001.001.03 file the official XSD validates: IBAN, amounts, NbOfTxs, CtrlSum, reference", async () => {
    const { payer, a, b } = await world();
    const built = buildPaymentOrder(payer, [a.requestId, b.requestId], META, NOW);
    if (!built.ok) throw new Error(JSON.stringify(built));
    const xml = getDb().select().from(paymentOrders).where(eq(paymentOrders.id, built.data.orderId)).get()!.xml;
    const validation = await validateXML({
      xml: { fileName: "ordre.xml", contents: xml },
      schema: { fileName: "pain.001.001.03.xsd", contents: XSD },
    });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"');
    expect(all(xml, "MsgId")).toEqual(["TIC-VIR-2026-000001"]);
    // Group header and payment block both count and sum the transactions.
    expect(all(xml, "NbOfTxs")).toEqual(["2", "2"]);
    expect(all(xml, "CtrlSum")).toEqual(["2483.65", "2483.65"]);
    expect(all(xml, "InstdAmt")).toEqual(["1496.00", "987.65"]);
    expect(all(xml, "EndToEndId")).toEqual([a.reference, b.reference]);
    expect(all(xml, "Ustrd")).toEqual([a.reference, b.reference]);
    // Debtor first (the administration's account from the configuration), then each creditor.
    expect(all(xml, "IBAN")).toEqual(["FR7630001007941234567890185", "FR7630006000011234567890189", "FR7630006000011234567890189"]);
    expect(all(xml, "Nm")).toEqual([
      "DDFiP de la Haute-Garonne (demonstration)",
      "DDFiP de la Haute-Garonne (demonstration)",
      "GAEC DE LA VALLEE",
      "CUMA DE LA VALLEE",
    ]);
    expect(all(xml, "ReqdExctnDt")).toEqual(["2026-12-07"]);
  });

  it("a file that breaks the schema is caught by the validation (the check can fail)", async () => {
    const { payer, a } = await world();
    const built = buildPaymentOrder(payer, [a.requestId], META, NOW);
    if (!built.ok) throw new Error(JSON.stringify(built));
    const xml = getDb().select().from(paymentOrders).where(eq(paymentOrders.id, built.data.orderId)).get()!.xml;
    const broken = xml.replace(/<NbOfTxs>1<\/NbOfTxs>/, "<NbOfTxs>un</NbOfTxs>");
    const validation = await validateXML({
      xml: { fileName: "ordre.xml", contents: broken },
      schema: { fileName: "pain.001.001.03.xsd", contents: XSD },
    });
    expect(validation.valid).toBe(false);
  });

  it("refuses, writing nothing: a request not accepted, outside the payer's départements, accepted by the payer, already in an order", async () => {
    const { admin, instructor, payer, a, b } = await world();
    const c = await transmittedRequest(SAMPLE_FIXTURES.individual.siret, NOW, "CLAIRE DURAND");

    // Not accepted (still « Mise à disposition »): the policy lets the payer see it, the rule says no.
    expect(buildPaymentOrder(payer, [a.requestId, c.requestId], META, NOW)).toMatchObject({
      ok: false,
      errorList: [expect.stringContaining("« Mise à disposition »")],
    });
    expect(statusOf(a.requestId)).toBe("accepted");

    // Outside the départements.
    const elsewhere = await agentWith(admin, ["payer"], ["32"]);
    expect(buildPaymentOrder(elsewhere, [a.requestId], META, NOW)).toMatchObject({
      ok: false,
      errorList: [expect.stringContaining("pas dans vos départements")],
    });

    // Accepted by the payer: separation of duties (an instructor who is also a payer).
    const both = await agentWith(admin, ["instructor", "payer"], ["31"]);
    acceptAs(both.agentId, c.requestId, 10_000, NOW);
    expect(buildPaymentOrder(both, [c.requestId], META, NOW)).toMatchObject({
      ok: false,
      errorList: [expect.stringContaining("séparation des tâches")],
    });
    expect(buildPaymentOrder(instructor, [a.requestId], META, NOW)).toMatchObject({ ok: false });
    expect(getDb().select().from(paymentOrders).all()).toHaveLength(0);

    // Already in an order: refused by the rule…
    expect(buildPaymentOrder(payer, [a.requestId], META, NOW)).toMatchObject({ ok: true });
    expect(buildPaymentOrder(payer, [a.requestId, b.requestId], META, NOW)).toMatchObject({
      ok: false,
      errorList: [expect.stringContaining("« Mise en paiement »")],
    });
    expect(statusOf(b.requestId)).toBe("accepted");
    // …and by the database itself: a second item for the same request does not insert.
    const order = getDb().select().from(paymentOrders).get()!;
    expect(() =>
      getDb()
        .insert(paymentOrderItems)
        .values({
          orderId: order.id,
          requestId: a.requestId,
          holder: "X",
          iban: "FR7630006000011234567890189",
          bic: "AGRIFRPPXXX",
          amountCents: 1,
          endToEndId: "X",
        })
        .run(),
    ).toThrow(/UNIQUE constraint failed: payment_order_items.request_id/);
    expect(buildPaymentOrder(payer, [], META, NOW)).toMatchObject({ ok: false, fieldErrors: { requestIds: expect.any(String) } });
    // A file the library refuses (here a BIC of another country than the IBAN) is never written.
    getDb().update(bankAccounts).set({ bic: "DEUTDEFFXXX" }).where(eq(bankAccounts.id, b.bankAccountId)).run();
    expect(buildPaymentOrder(payer, [b.requestId], META, NOW)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("n'a pas pu être établi"),
    });
    expect(statusOf(b.requestId)).toBe("accepted");
    expect(getDb().select().from(paymentOrders).all()).toHaveLength(1);
  });
});

describe("« Marquer comme payé »", () => {
  it("moves the order's requests to « Payée » with the date the farm then reads everywhere, and mails them", async () => {
    const { payer, a, b } = await world();
    // The centre that chose the daily digest: the farm's manager here chooses it.
    setDailyDigest(b.actor, { dailyDigest: true }, META, NOW);
    const built = buildPaymentOrder(payer, [a.requestId, b.requestId], META, NOW);
    if (!built.ok) throw new Error(JSON.stringify(built));
    const orderId = built.data.orderId;

    expect(markOrderPaid(payer, { orderId, executedOn: "2026-12-15" }, META, LATER)).toMatchObject({
      ok: false,
      fieldErrors: { executedOn: expect.stringContaining("futur") },
    });
    expect(markOrderPaid(payer, { orderId, executedOn: "2026-12-06" }, META, LATER)).toMatchObject({
      ok: false,
      fieldErrors: { executedOn: expect.stringContaining("précéder") },
    });
    expect(statusOf(a.requestId)).toBe("payment");

    expect(markOrderPaid(payer, { orderId, executedOn: "2026-12-12" }, META, LATER)).toMatchObject({ ok: true });
    expect([statusOf(a.requestId), statusOf(b.requestId)]).toEqual(["paid", "paid"]);
    expect(getDb().select().from(paymentOrders).where(eq(paymentOrders.id, orderId)).get()).toMatchObject({
      executedOn: "2026-12-12",
      executedByAgentId: payer.agentId,
    });
    expect(
      getDb()
        .select()
        .from(refundStatusEvents)
        .where(eq(refundStatusEvents.status, "paid"))
        .all()
        .map((e) => e.actorAgentId),
    ).toEqual([payer.agentId, payer.agentId]);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.paid")).all()).toHaveLength(2);
    // Once only.
    expect(markOrderPaid(payer, { orderId, executedOn: "2026-12-13" }, META, LATER)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("déjà marqué"),
    });

    // The farm reads « Payée le 12/12/2026 » on the request and in its list (« Accueil »).
    const detail = requestDetail(a.requestId)!;
    expect(statusWords({ ...detail.request, paidOn: detail.paidOn })).toBe(
      `Payée le 12/12/2026 : ${formatEuros(detail.request.acceptedCents!)}`,
    );
    const listed = requestsOfStructure(a.structureId).find((r) => r.id === a.requestId)!;
    expect(statusWords(listed)).toBe(`Payée le 12/12/2026 : ${formatEuros(detail.request.acceptedCents!)}`);
    const paidMail = mailsAbout(a.reference).find((m) => (m.props ?? "").includes("Payée le 12/12/2026"));
    expect(paidMail?.to).toBe(a.user.loginEmail);
    // The digest's chooser got no mail of it: it waits in tomorrow's digest.
    expect(mailsAbout(b.reference).filter((m) => (m.props ?? "").includes("Payée"))).toHaveLength(0);
  });

  it("is refused to a payer outside the order's départements and to an instructor", async () => {
    const { admin, instructor, payer, a } = await world();
    const built = buildPaymentOrder(payer, [a.requestId], META, NOW);
    if (!built.ok) throw new Error(JSON.stringify(built));
    const elsewhere = await agentWith(admin, ["payer"], ["32"]);
    for (const who of [elsewhere, instructor]) {
      expect(markOrderPaid(who, { orderId: built.data.orderId, executedOn: "2026-12-07" }, META, NOW)).toMatchObject({
        ok: false,
        formError: expect.stringContaining("pas le droit"),
      });
    }
    expect(statusOf(a.requestId)).toBe("payment");
  });
});

describe("SEPA text", () => {
  it("keeps the SEPA basic Latin set: accents dropped, other characters as spaces, 70 at most", () => {
    expect(sepaText("GAEC DE LA VALLÉE – Œuvre & fils", 70)).toBe("GAEC DE LA VALLEE OEuvre fils");
    expect(sepaText("x".repeat(80), 70)).toHaveLength(70);
  });
});

describe("who is told, and who may", () => {
  it("mails the farm's manager and the mandated centre de gestion, in its daily digest when it chose one", async () => {
    const { payer, a } = await world();
    const centre = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
    const given = giveMandate(
      a.actor,
      {
        farmStructureId: a.structureId,
        agentSiret: SAMPLE_FIXTURES.managementCentre.siret,
        rights: "modification",
        canTransmit: true,
        endDate: null,
      },
      META,
      NOW,
    );
    expect(given.ok).toBe(true);
    expect(buildPaymentOrder(payer, [a.requestId], META, NOW)).toMatchObject({ ok: true });
    expect(
      mailsAbout(a.reference)
        .map((m) => m.to)
        .sort(),
    ).toEqual([a.user.loginEmail, centre.user.loginEmail].sort());
    // The centre now chooses the digest: « Payée » waits there for it, the farm is mailed.
    setDailyDigest(centre.actor, { dailyDigest: true }, META, NOW);
    const order = getDb().select().from(paymentOrders).get()!;
    expect(markOrderPaid(payer, { orderId: order.id, executedOn: "2026-12-07" }, META, NOW)).toMatchObject({ ok: true });
    expect(
      mailsAbout(a.reference)
        .filter((m) => (m.props ?? "").includes("Payée le 07/12/2026"))
        .map((m) => m.to),
    ).toEqual([a.user.loginEmail]);
    const waiting = getDb().select().from(digestItems).where(eq(digestItems.userId, centre.user.id)).all();
    expect(waiting.map((item) => item.text)).toEqual([expect.stringContaining("« Payée »")]);
    // The centre's portfolio row carries the date its page words as « Payée le 07/12/2026 ».
    const row = portfolioPage(centre.user.id, [2023], {}, 1, NOW).rows.find((r) => r.requestId === a.requestId)!;
    expect(statusWords({ status: row.status!, paidOn: row.paidOn })).toBe("Payée le 07/12/2026");
  });

  it("the policy: request.pay and order.handle for a payer of the département only; statistics for any role", async () => {
    const { admin, instructor, payer, a } = await world();
    const elsewhere = await agentWith(admin, ["payer"], ["32"]);
    const operator = await agentWith(admin, ["operator"], ["31"]);
    const built = buildPaymentOrder(payer, [a.requestId], META, NOW);
    if (!built.ok) throw new Error(JSON.stringify(built));
    const orderId = built.data.orderId;
    const matrix = [admin, instructor, payer, elsewhere, operator].map((who) => [
      can(who, "request.pay", { requestId: a.requestId }),
      can(who, "order.handle", { orderId }),
      can(who, "statistics.view"),
    ]);
    expect(matrix).toEqual([
      [false, false, true],
      [false, false, true],
      [true, true, true],
      [false, false, true],
      [false, false, true],
    ]);
    expect(can(payer, "order.handle", { orderId: orderId + 1 })).toBe(false);
  });
});
