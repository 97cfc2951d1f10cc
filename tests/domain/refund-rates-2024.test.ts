import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, refundLines, refundRates, refundRequests, storedFiles } from "@/db/schema";
import { getDb } from "@/lib/db";
import { MAX_IMPORTS_PER_REQUEST, MAX_LINES_PER_REQUEST, MAX_VOLUME_MILLI, lineAmountCents } from "@/lib/refunds/amounts";
import { REDUCED_TARIFF_REFUSAL, checkLine } from "@/lib/refunds/line-rules";
import type { DeadlineRow } from "@/lib/refunds/rate-table";
import { deadlineTable, rateTable } from "@/lib/refunds/rates";
import { RatesFileError, importRatesText, readRatesFile } from "@/lib/refunds/rates-file";
import { addLine, declareAdvance, deleteRequest, importLines, updateLine } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { ratesToShow, yearChoices } from "@/lib/refunds/years";
import { META } from "../support/accounts";
import { rateFor } from "../support/rate-for";
import { refundDraft, refundFarm, type RefundFarm } from "../support/refund-farm";
import { PNG_FILE, csv, pdfText } from "../support/refund-files";

/** The day this was written: open years 2023, 2024 (advance) and 2025. */
const NOW = new Date("2026-11-27T10:00:00Z");
const TODAY = "2026-11-27";

const farm = refundFarm;
const draft = async (world: RefundFarm, year: number, now = NOW) => refundDraft(world, year, now);

const line = (
  requestId: number,
  values: { invoiceNumber?: string; deliveryDate: string; product: string; volume?: string; billedFullTariff?: string },
) => ({
  requestId,
  invoiceNumber: values.invoiceNumber ?? "FA-1",
  deliveryDate: values.deliveryDate,
  product: values.product,
  volume: values.volume ?? "100",
  billedFullTariff: values.billedFullTariff ?? "",
  invoice: PNG_FILE,
  then: "stay" as const,
});

const linesOf = (requestId: number) =>
  getDb().select().from(refundLines).where(eq(refundLines.requestId, requestId)).orderBy(refundLines.id).all();
const context = (year: number) => ({ year, rates: rateTable(), deadlines: deadlineTable(), today: TODAY });

describe("rates valid for a date range, with their source", () => {
  it("changes the gas rate on 1 August 2025: 31 July and 1 August differ", async () => {
    expect(rateFor("naturalGasHeating", "2025-07-31")).toMatchObject({ ok: true, rateMilliEuros: 16_620, kind: "calculated" });
    expect(rateFor("naturalGasHeating", "2025-08-01")).toMatchObject({ ok: true, rateMilliEuros: 14_890, kind: "provisional" });
    const world = await farm();
    const id = await draft(world, 2025);
    expect(
      addLine(
        world.actor,
        line(id, { invoiceNumber: "GAZ-7", deliveryDate: "2025-07-31", product: "naturalGasHeating", volume: "10" }),
        META,
        NOW,
      ),
    ).toMatchObject({ ok: true });
    expect(
      addLine(
        world.actor,
        line(id, { invoiceNumber: "GAZ-8", deliveryDate: "2025-08-01", product: "naturalGasHeating", volume: "10" }),
        META,
        NOW,
      ),
    ).toMatchObject({ ok: true });
    expect(linesOf(id).map((l) => [l.deliveryDate, l.rateMilliEuros, l.amountCents, l.rateKind])).toEqual([
      ["2025-07-31", 16_620, 16_620, "calculated"],
      ["2025-08-01", 14_890, 14_890, "provisional"],
    ]);
  });

  it("invents no rate: GNR in 2025, GPL, heavy fuel oil and gas as fuel from 2024 are refused with the reason", async () => {
    for (const [product, date] of [
      ["gnr", "2025-03-01"],
      ["lpg", "2024-03-01"],
      ["heavyFuelOil", "2025-03-01"],
      ["naturalGasFuel", "2024-03-01"],
    ] as const) {
      expect(rateFor(product, date).ok, `${product} ${date}`).toBe(false);
    }
    const world = await farm();
    const id = await draft(world, 2025);
    expect(addLine(world.actor, line(id, { deliveryDate: "2025-03-01", product: "gnr", billedFullTariff: "oui" }), META, NOW)).toEqual({
      ok: false,
      fieldErrors: {
        product: expect.stringMatching(
          /^Aucun taux sourcé n'est connu du portail pour « Gazole non routier » livré le 01\/03\/2025 : ce carburant n'est pas proposé pour cette date\. Gardez la facture/,
        ),
      },
    });
    expect(linesOf(id)).toEqual([]);
    // Every shipped row names its source; a calculated one gives its address.
    for (const rate of rateTable()) {
      expect(rate.source.length).toBeGreaterThan(10);
      if (rate.kind !== "official") expect(rate.sourceUrl).toMatch(/^https:\/\//);
    }
  });

  it("offers in 2026 the years with something to file, defaults to the latest with a rate, and says why one is missing", () => {
    const choices = yearChoices(NOW);
    expect(choices.offered.map((c) => c.year)).toEqual([2023, 2024, 2025]);
    expect(choices.defaultYear).toBe(2025);
    expect(choices.offered.find((c) => c.year === 2025)!.productsWithRate).toEqual(["naturalGasHeating"]);
    // A year with deadlines but no rate at all is not offered, and is named.
    const withoutRates = yearChoices(
      NOW,
      deadlineTable(),
      rateTable().filter((r) => !r.validFrom.startsWith("2025") && !r.validTo.startsWith("2025")),
    );
    expect(withoutRates.offered.map((c) => c.year)).toEqual([2023, 2024]);
    expect(withoutRates.withoutRate.map((c) => c.year)).toEqual([2025]);
    expect(withoutRates.defaultYear).toBe(2024);
  });
});

describe("deadlines per product and period", () => {
  it("closes GNR of 2022 on 31/12/2024 while gas of 2022 stays open until 31/12/2025", () => {
    const mid2025 = { ...context(2022), today: "2025-06-01" };
    expect(checkLine({ invoiceNumber: "A", deliveryDate: "2022-05-01", product: "gnr", volume: "10" }, mid2025)).toEqual({
      ok: false,
      errors: { product: "Le délai pour « Gazole non routier » livré en 2022 est dépassé (demande possible jusqu'au 31/12/2024)." },
    });
    expect(
      checkLine({ invoiceNumber: "A", deliveryDate: "2022-05-01", product: "naturalGasHeating", volume: "10" }, mid2025),
    ).toMatchObject({ ok: true });
  });

  it("shows the rates of the years still open, and the closed ones only when asked", () => {
    const inNov2026 = new Date("2026-11-27T10:00:00Z");
    const open = ratesToShow(false, inNov2026);
    // 2023 is the oldest year still open in November 2026: nothing that ended before it is listed.
    expect(open.rates.length).toBeGreaterThan(0);
    expect(open.rates.every((rate) => rate.validTo >= "2023-01-01")).toBe(true);
    expect(open.rates.some((rate) => rate.validFrom <= "2023-12-31" && rate.validTo >= "2023-01-01")).toBe(true);
    expect(open.hidden).toBeGreaterThan(0);
    const all = ratesToShow(true, inNov2026);
    expect(all).toEqual({ rates: rateTable(), hidden: 0 });
    expect(open.rates.length + open.hidden).toBe(all.rates.length);
  });

  it("opens a year from the deadlines data, not from a constant", () => {
    const deadlines: DeadlineRow[] = [
      { product: "gnr", validFrom: "2020-01-01", validTo: "2020-12-31", fileBy: "2026-12-31", source: "test" },
    ];
    const rates = rateTable();
    expect(yearChoices(NOW, deadlines, rates).offered.map((c) => c.year)).toEqual([2020]);
    expect(yearChoices(new Date("2027-01-02T10:00:00Z"), deadlines, rates).offered).toEqual([]);
  });
});

describe("GNR delivered from 1 July 2024", () => {
  it("asks whether the invoice was billed at the full tariff; refuses the reduced tariff with the reason", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    // 30 June: the question does not apply.
    expect(addLine(world.actor, line(id, { invoiceNumber: "J30", deliveryDate: "2024-06-30", product: "gnr" }), META, NOW)).toMatchObject({
      ok: true,
    });
    expect(addLine(world.actor, line(id, { invoiceNumber: "J01", deliveryDate: "2024-07-01", product: "gnr" }), META, NOW)).toEqual({
      ok: false,
      fieldErrors: { billedFullTariff: "Indiquez si la facture a été établie au tarif plein (oui ou non)." },
    });
    expect(
      addLine(
        world.actor,
        line(id, { invoiceNumber: "J01", deliveryDate: "2024-07-01", product: "gnr", billedFullTariff: "non" }),
        META,
        NOW,
      ),
    ).toEqual({
      ok: false,
      fieldErrors: { billedFullTariff: REDUCED_TARIFF_REFUSAL },
    });
    expect(
      addLine(
        world.actor,
        line(id, { invoiceNumber: "J01", deliveryDate: "2024-07-01", product: "gnr", billedFullTariff: "oui" }),
        META,
        NOW,
      ),
    ).toMatchObject({ ok: true });
    expect(linesOf(id).map((l) => [l.invoiceNumber, l.rateMilliEuros, l.rateKind, l.billedFullTariff, l.amountCents])).toEqual([
      ["J30", 20_950, "calculated", null, 209_500],
      ["J01", 20_950, "calculated", true, 209_500],
    ]);
  });

  it("reads the answer from the CSV column « tarif_plein »", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    const header = "numero_facture;date_livraison;produit;volume;tarif_plein";
    expect(importLines(world.actor, { requestId: id, file: csv(`${header}\nA;02/07/2024;GNR;10;non\n`) }, META, NOW)).toMatchObject({
      ok: false,
      errorList: [`Ligne 2, colonne « tarif_plein » : ${REDUCED_TARIFF_REFUSAL}`],
    });
    expect(
      importLines(world.actor, { requestId: id, file: csv(`${header}\nA;02/07/2024;GNR;10;oui\nB;02/03/2024;GNR;10;\n`) }, META, NOW),
    ).toMatchObject({ ok: true, data: { count: 2 } });
  });
});

describe("the 2024 advance", () => {
  it("is asked on the request (oui / non); an excess is to be paid back with the VAT return, said in words on the receipt", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    addLine(world.actor, line(id, { deliveryDate: "2024-03-01", product: "gnr", volume: "100" }), META, NOW); // 2 095,00 €
    expect(await transmitRequest(world.actor, id, META, NOW)).toMatchObject({
      ok: false,
      errorList: ["Répondez à la question « Avez-vous perçu l'avance de 2024 ? »."],
    });
    expect(declareAdvance(world.actor, { requestId: id, received: "", amount: "" }, META, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { received: "Répondez par oui ou par non." },
    });
    expect(declareAdvance(world.actor, { requestId: id, received: "oui", amount: "abc" }, META, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { amount: expect.stringMatching(/en euros/) },
    });
    expect(declareAdvance(world.actor, { requestId: id, received: "oui", amount: "2 500,50" }, META, NOW)).toMatchObject({ ok: true });
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()).toMatchObject({
      advanceCents: 250_050,
      advanceReceived: true,
    });
    const sent = await transmitRequest(world.actor, id, META, NOW);
    expect(sent).toMatchObject({ ok: true });
    const receipt = getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).get()!;
    const text = await pdfText(receipt.content);
    expect(text).toContain("Montant des lignes : 2 095,00 €");
    expect(text).toContain("Avez-vous perçu l'avance de 2024 ? Oui");
    expect(text).toContain("Montant de l'avance perçue : 2 500,50 €");
    expect(text).toMatch(/Trop-perçu de 405,50 € à reverser avec votre déclaration de TVA de décembre 2025/);
    expect(text).toMatch(/20,95\s+calculé/);
    expect(text).toMatch(/Sources des taux appliqués :\s+– Taux calculé : Tarif normal du GNR non agricole en 2024, 24,81 €\/hl/);
  });

  it("transmits a 2024 request with no line when the advance was received; a 2023 request needs a line", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    declareAdvance(world.actor, { requestId: id, received: "non", amount: "" }, META, NOW);
    expect(await transmitRequest(world.actor, id, META, NOW)).toMatchObject({
      ok: false,
      errorList: [expect.stringMatching(/^Ajoutez au moins une ligne/)],
    });
    declareAdvance(world.actor, { requestId: id, received: "oui", amount: "800" }, META, NOW);
    expect(await transmitRequest(world.actor, id, META, NOW)).toMatchObject({
      ok: true,
      data: { reference: `TIC-2024-${String(id).padStart(6, "0")}` },
    });
    const text = await pdfText(getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).get()!.content);
    expect(text).toContain("Lignes de la demande (0)");
    expect(text).toContain("Trop-perçu de 800,00 €");

    const other = await draft(world, 2023);
    // The advance is a 2024 matter: refused on another year.
    expect(declareAdvance(world.actor, { requestId: other, received: "oui", amount: "800" }, META, NOW)).toMatchObject({ ok: false });
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.id, other)).get()!.advanceCents).toBeNull();
    expect(await transmitRequest(world.actor, other, META, NOW)).toMatchObject({
      ok: false,
      errorList: ["Ajoutez au moins une ligne (une par facture)."],
    });
  });
});

describe("rates file import", () => {
  const HEADER = "produit;du;au;taux;unite;nature;source;url";
  const count = () => getDb().select().from(refundRates).all().length;

  it("refuses overlapping periods and wrong units, and writes nothing", () => {
    const before = count();
    const file = `${HEADER}\nGPL;01/01/2024;30/06/2024;1,00;100 kg;calculé;Essai;https://exemple.fr/a\nGPL;01/06/2024;31/12/2024;2,00;100 kg;calculé;Essai;https://exemple.fr/b\nGNR;01/01/2026;31/12/2026;1,00;MWh;officiel;Essai;\n`;
    expect(readRatesFile(file)).toEqual({
      ok: false,
      problems: [
        { row: 4, message: "l'unité de « Gazole non routier » est « hl », pas « MWh »" },
        { row: 3, message: "la période du 2024-06-01 au 2024-12-31 chevauche celle du 2024-01-01 au 2024-06-30 pour « GPL combustible »" },
      ],
    });
    expect(() => importRatesText(getDb(), file, "taux.csv")).toThrow(RatesFileError);
    // A clean file that overlaps a rate already in the table: refused as a whole too.
    const clash = `${HEADER}\nGPL;01/01/2026;31/12/2026;1,00;100 kg;calculé;Essai;https://exemple.fr/a\nGAZ_NATUREL_COMBUSTIBLE;01/12/2025;31/12/2025;9,99;MWh;calculé;Essai;https://exemple.fr/c\n`;
    expect(() => importRatesText(getDb(), clash, "taux.csv")).toThrow(/chevauche/);
    expect(count()).toBe(before);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.rates_imported")).all()).toEqual([]);
  });

  it("loads a valid file in one transaction, audited; a new rate is one line", () => {
    const before = count();
    const result = importRatesText(
      getDb(),
      `${HEADER}\nGPL;01/01/2026;31/12/2026;1,234;100 kg;officiel;Essai officiel;https://exemple.fr/gpl\n`,
      "nouveau.csv",
    );
    expect(result).toEqual({ kind: "rates", rows: 1, changed: 1 });
    expect(count()).toBe(before + 1);
    expect(rateFor("lpg", "2026-05-01")).toMatchObject({ ok: true, rateMilliEuros: 1234, kind: "official", source: "Essai officiel" });
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.rates_imported")).all()).toHaveLength(1);
  });
});

describe("editing a line, deleting a draft", () => {
  it("edits a line in place with the same checks, audited", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    addLine(world.actor, line(id, { invoiceNumber: "A", deliveryDate: "2024-03-01", product: "gnr" }), META, NOW);
    addLine(world.actor, line(id, { invoiceNumber: "B", deliveryDate: "2024-03-02", product: "naturalGasHeating" }), META, NOW);
    const [a] = linesOf(id);
    const edit = (
      values: Partial<{ invoiceNumber: string; deliveryDate: string; product: string; volume: string; billedFullTariff: string }>,
    ) =>
      updateLine(
        world.actor,
        { lineId: a!.id, invoiceNumber: "A", deliveryDate: "2024-03-01", product: "gnr", volume: "100", billedFullTariff: "", ...values },
        META,
        NOW,
      );
    expect(edit({ deliveryDate: "2024-08-01" })).toMatchObject({ ok: false, fieldErrors: { billedFullTariff: expect.any(String) } });
    expect(edit({ invoiceNumber: "B", deliveryDate: "2024-03-02", product: "naturalGasHeating" })).toMatchObject({
      ok: false,
      fieldErrors: { invoiceNumber: expect.stringMatching(/déjà la facture n° B/) },
    });
    expect(edit({ volume: "50", product: "naturalGasHeating" })).toEqual({
      ok: true,
      data: { requestId: id },
      message: "La ligne de la facture A est modifiée.",
    });
    expect(linesOf(id).find((l) => l.id === a!.id)).toMatchObject({
      product: "naturalGasHeating",
      volumeMilli: 50_000,
      rateMilliEuros: 15_830,
      amountCents: 79_150,
    });
    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.line_updated")).get()!;
    expect(JSON.parse(audit.details!)).toMatchObject({
      lineId: a!.id,
      before: { product: "gnr", amountCents: 209_500 },
      after: { product: "naturalGasHeating", amountCents: 79_150 },
    });
  });

  it("deletes a draft with its lines and invoice copies, audited; never a transmitted request", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    addLine(world.actor, line(id, { deliveryDate: "2024-03-01", product: "gnr" }), META, NOW);
    expect(deleteRequest(world.actor, id, META, NOW)).toEqual({
      ok: true,
      data: { year: 2024 },
      message: "Le brouillon de la demande 2024 est supprimé.",
    });
    expect(getDb().select().from(refundRequests).all()).toEqual([]);
    expect(getDb().select().from(refundLines).all()).toEqual([]);
    expect(getDb().select().from(storedFiles).where(eq(storedFiles.kind, "invoice")).all()).toEqual([]);
    expect(
      getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "refund.deleted"), eq(auditEvents.targetId, String(id))))
        .all(),
    ).toHaveLength(1);

    const sentId = await draft(world, 2024);
    declareAdvance(world.actor, { requestId: sentId, received: "oui", amount: "10" }, META, NOW);
    expect(await transmitRequest(world.actor, sentId, META, NOW)).toMatchObject({ ok: true });
    expect(deleteRequest(world.actor, sentId, META, NOW)).toEqual({
      ok: false,
      formError: "Seul un brouillon jamais transmis peut être supprimé.",
    });
  });
});

describe("caps (unbounded work)", () => {
  it("refuses a volume over the cap per line; totals at the caps stay exact integers", async () => {
    expect(checkLine({ invoiceNumber: "A", deliveryDate: "2024-03-01", product: "gnr", volume: "1000001" }, context(2024))).toMatchObject({
      ok: false,
      errors: { volume: expect.stringMatching(/^Le volume d'une ligne est de 1\s000\s000 unités au plus/) },
    });
    expect(checkLine({ invoiceNumber: "A", deliveryDate: "2024-03-01", product: "gnr", volume: "1000000" }, context(2024))).toMatchObject({
      ok: true,
    });
    const highestRate = Math.max(...rateTable().map((r) => r.rateMilliEuros));
    expect(Number.isSafeInteger(lineAmountCents(MAX_VOLUME_MILLI, highestRate) * MAX_LINES_PER_REQUEST)).toBe(true);
  });

  it(`caps lines at ${MAX_LINES_PER_REQUEST} and imports at ${MAX_IMPORTS_PER_REQUEST} per request, in French`, async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    const HEADER = "numero_facture;date_livraison;produit;volume";
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `F-${from + i};01/03/2024;GNR;1`).join("\n");
    expect(importLines(world.actor, { requestId: id, file: csv(`${HEADER}\n${rows(0, 495)}\n`) }, META, NOW)).toMatchObject({
      ok: true,
      data: { count: 495 },
    });
    expect(importLines(world.actor, { requestId: id, file: csv(`${HEADER}\n${rows(1000, 6)}\n`) }, META, NOW)).toEqual({
      ok: false,
      formError: "Aucune ligne n'a été importée : la demande compte 495 lignes et le fichier 6 ; 500 lignes au plus par demande.",
    });
    expect(importLines(world.actor, { requestId: id, file: csv(`${HEADER}\n${rows(2000, 5)}\n`) }, META, NOW)).toMatchObject({ ok: true });
    expect(addLine(world.actor, line(id, { invoiceNumber: "X", deliveryDate: "2024-03-01", product: "gnr" }), META, NOW)).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Une demande compte 500 lignes au plus/),
    });
    expect(linesOf(id)).toHaveLength(500);

    const other = await draft(world, 2023);
    for (let i = 0; i < MAX_IMPORTS_PER_REQUEST; i++) {
      expect(importLines(world.actor, { requestId: other, file: csv(`${HEADER}\nI-${i};01/03/2023;GNR;1\n`) }, META, NOW)).toMatchObject({
        ok: true,
      });
    }
    expect(importLines(world.actor, { requestId: other, file: csv(`${HEADER}\nI-99;01/03/2023;GNR;1\n`) }, META, NOW)).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Cette demande a déjà reçu 10 imports, le maximum/),
    });
  });
});

describe("too large an upload", () => {
  it("answers 413 in French before Next.js reads a body over the limit; a 7 MB document reaches the form, which refuses it in French", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const { MAX_REQUEST_BYTES } = await import("@/lib/security/request-size");
    const { attachmentError } = await import("@/lib/refunds/files");
    const post = (length: number) =>
      new NextRequest("http://127.0.0.1/remboursement-tic/demandes/1", { method: "POST", headers: { "content-length": String(length) } });
    const refused = proxy(post(MAX_REQUEST_BYTES + 1));
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("Le fichier envoyé est trop volumineux");
    expect(proxy(post(7 * 1024 * 1024)).status).toBe(200);
    const sevenMegabytes = new Uint8Array(7 * 1024 * 1024);
    sevenMegabytes.set([0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    expect(attachmentError(sevenMegabytes)).toMatch(/5 Mo/);
  });
});
