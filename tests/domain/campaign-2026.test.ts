import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, refundLines, refundRequests, storedFiles } from "@/db/schema";
import { getDb } from "@/lib/db";
import { ADVANCE_QUESTION, LATE_REGULARISATION, balanceCell, balanceWords, regularisationLate } from "@/lib/refunds/advance";
import { closingSentence, closingYears } from "@/lib/refunds/closing";
import { checkLine, offeredProducts } from "@/lib/refunds/line-rules";
import { PRODUCTS, PRODUCT_VALUES } from "@/lib/refunds/products";
import { requestDetail, requestsOfStructure } from "@/lib/refunds/queries";
import { PROVISIONAL_RATE_SENTENCE } from "@/lib/refunds/rate-table";
import { deadlineTable, plausibilityTable, rateTable } from "@/lib/refunds/rates";
import { rateFor } from "../support/rate-for";
import { readRatesFile } from "@/lib/refunds/rates-file";
import { addLine, declareAdvance } from "@/lib/refunds/requests";
import { transmissionProblems, transmitRequest } from "@/lib/refunds/transmission";
import { META } from "../support/accounts";
import { refundDraft, refundFarm, type RefundFarm } from "../support/refund-farm";
import { importSample } from "../support/directory";
import { PNG_FILE, pdfText } from "../support/refund-files";
import { managerWithStructure } from "../support/structures";

/** Issue 21, points 1 to 7. Today, for every date rule: 7 December 2026 (Paris). */
const NOW = new Date("2026-12-07T10:00:00Z");
const TODAY = "2026-12-07";

const farm = refundFarm;
const draft = async (world: RefundFarm, year: number, now = NOW) => refundDraft(world, year, now);

const line = (
  requestId: number,
  values: {
    invoiceNumber?: string;
    deliveryDate: string;
    product: string;
    volume: string;
    volumeUnit?: string;
    billedFullTariff?: string;
    confirmPlausible?: string;
  },
) => ({
  requestId,
  invoiceNumber: values.invoiceNumber ?? "FA-1",
  billedFullTariff: "",
  invoice: PNG_FILE,
  then: "stay" as const,
  ...values,
});

/** Intl writes narrow no-break spaces in figures. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

const context = (year: number, thresholds = true) => ({
  year,
  rates: rateTable(),
  deadlines: deadlineTable(),
  today: TODAY,
  ...(thresholds ? { thresholds: plausibilityTable() } : {}),
});

describe("point 1 — the 2024 advance as the décret and arrêté of 21 December 2024 say", () => {
  it("asks « Avez-vous perçu l'avance de 2024 ? » on the request and says the balance in plain words", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    expect(transmissionProblems(requestDetail(id, NOW)!)).toContain(`Répondez à la question « ${ADVANCE_QUESTION} ».`);
    expect(addLine(world.actor, line(id, { deliveryDate: "2024-03-01", product: "gnr", volume: "100" }), META, NOW)).toMatchObject({
      ok: true,
    }); // 2 095,00 €

    expect(declareAdvance(world.actor, { requestId: id, received: "oui", amount: "" }, META, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { amount: expect.stringMatching(/montant de l'avance/) },
    });
    expect(declareAdvance(world.actor, { requestId: id, received: "non", amount: "" }, META, NOW)).toMatchObject({ ok: true });
    let detail = requestDetail(id, NOW)!;
    expect(detail.request).toMatchObject({ advanceReceived: false, advanceCents: null });
    expect(plain(balanceWords(detail.balance, false))).toBe("L'administration vous versera 2 095,00 €.");
    // Not a holder: nothing is late.
    expect(detail.advanceLate).toBe(false);

    expect(declareAdvance(world.actor, { requestId: id, received: "oui", amount: "1 000" }, META, NOW)).toMatchObject({ ok: true });
    detail = requestDetail(id, NOW)!;
    expect(plain(balanceWords(detail.balance, true))).toBe(
      "L'administration vous versera 1 095,00 € (le montant des lignes moins l'avance perçue).",
    );
    expect(declareAdvance(world.actor, { requestId: id, received: "oui", amount: "2 500,50" }, META, NOW)).toMatchObject({ ok: true });
    detail = requestDetail(id, NOW)!;
    expect(plain(balanceWords(detail.balance, true))).toMatch(
      /^Trop-perçu de 405,50 € à reverser avec votre déclaration de TVA de décembre 2025 .* il ne se rembourse pas dans cette demande/,
    );
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.advance_declared")).all()).toHaveLength(3);

    // « Accueil » and the space list the balance, not only the lines' total.
    const listed = requestsOfStructure(world.structureId).find((r) => r.id === id)!;
    expect(plain(balanceCell(detail.balance, listed.advanceReceived))).toBe("trop-perçu 405,50 €");
    // The portfolio row carries what its balance cell needs.
    expect(detail.balance).toEqual({ totalCents: 209_500, advanceCents: 250_050, balanceCents: -40_550 });
  });

  it("says the regularisation deadline has passed for a holder filing after 31/12/2025, on the page and the receipt", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    declareAdvance(world.actor, { requestId: id, received: "oui", amount: "800" }, META, NOW);
    expect(requestDetail(id, NOW)!.advanceLate).toBe(true);
    expect(await transmitRequest(world.actor, id, META, NOW)).toMatchObject({ ok: true });
    const text = await pdfText(getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).get()!.content);
    expect(text.replace(/\s+/g, " ")).toContain(LATE_REGULARISATION.slice(0, 80));
    // Filed in time (created and first transmitted in 2025): not late, now or later.
    expect(regularisationLate({ year: 2024, advanceReceived: true }, "2025-06-10", "2025-11-02", TODAY)).toBe(false);
    expect(regularisationLate({ year: 2024, advanceReceived: true }, "2025-06-10", null, TODAY)).toBe(true);
    expect(regularisationLate({ year: 2024, advanceReceived: false }, "2026-01-10", null, TODAY)).toBe(false);
    expect(regularisationLate({ year: 2023, advanceReceived: true }, "2026-01-10", null, TODAY)).toBe(false);
  });

  it("holds the transmission until the question is answered; a holder transmits even with no line", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    expect(transmissionProblems(requestDetail(id, NOW)!)).toEqual([
      `Répondez à la question « ${ADVANCE_QUESTION} ».`,
      expect.stringMatching(/^Ajoutez au moins une ligne/),
    ]);
    declareAdvance(world.actor, { requestId: id, received: "oui", amount: "800" }, META, NOW);
    // A holder files even with nothing to claim.
    expect(transmissionProblems(requestDetail(id, NOW)!)).toEqual([]);
  });
});

describe("point 2 — sources", () => {
  it("cites the loi de finances 2025 for the GNR 2024 tariff, public pages for old rates, and the 2024 campaign for its deadline", () => {
    expect(rateFor("gnr", "2024-05-01")).toMatchObject({ ok: true, source: expect.stringContaining("loi n° 2025-127") });
    for (const rate of rateTable().filter((r) => r.validFrom >= "2018-01-01"))
      expect(rate.source, `${rate.product} ${rate.validFrom}`).not.toMatch(/repris de DOMAIN\.md, adresse non retrouvée/);
    const fuel = rateTable().find((r) => r.product === "heavyFuelOil" && r.validFrom === "2018-01-01")!;
    expect(fuel.sourceUrl).toMatch(/^https:\/\/www\.lafranceagricole\.fr\//);
    const deadlines = deadlineTable();
    const gnr2024 = getDb()
      .$client.prepare("SELECT source, source_url AS url FROM refund_deadlines WHERE product = 'gnr' AND valid_from = '2024-01-01'")
      .get() as { source: string; url: string };
    expect(gnr2024.source).toContain("1er juin 2025");
    expect(gnr2024.source).toContain("arrêté du 21 décembre 2024");
    for (const row of deadlines.filter((d) => d.validFrom >= "2024-01-01")) expect(row.source).not.toContain("2021, 2022 et 2023");
    const adr = readFileSync("docs/decisions/0015-rates-as-data.md", "utf8");
    expect(adr).not.toContain("Open question found on the way");
  });
});

describe("point 3 — gas from 1 August 2025 is provisional", () => {
  it("marks the rates « provisoire » with the base + surcharge figures (16,39, not 16,40) and says what it means on the receipt", async () => {
    expect(rateFor("naturalGasHeating", "2025-08-01")).toMatchObject({ ok: true, rateMilliEuros: 14_890, kind: "provisional" });
    expect(rateFor("naturalGasHeating", "2026-02-01")).toMatchObject({
      ok: true,
      rateMilliEuros: 15_850,
      kind: "provisional",
      source: expect.stringMatching(/10,73 €\/MWh \+ .* 5,66 €\/MWh = 16,39 €\/MWh/),
    });
    expect(rateFor("naturalGasHeating", "2025-07-31")).toMatchObject({ kind: "calculated" });
    expect(
      readRatesFile(
        "produit;du;au;taux;unite;nature;source;url\nGAZ_NATUREL_COMBUSTIBLE;01/02/2027;31/01/2028;15,00;MWh;provisoire;essai;\n",
      ),
    ).toMatchObject({ ok: false, problems: [{ row: 2, message: "un taux provisoire doit donner l'adresse de sa source" }] });

    const world = await farm();
    const id = await draft(world, 2025);
    expect(
      addLine(world.actor, line(id, { deliveryDate: "2025-09-01", product: "naturalGasHeating", volume: "10" }), META, NOW),
    ).toMatchObject({ ok: true });
    expect(getDb().select().from(refundLines).where(eq(refundLines.requestId, id)).get()).toMatchObject({
      rateKind: "provisional",
      amountCents: 14_890,
    });
    expect(await transmitRequest(world.actor, id, META, NOW)).toMatchObject({ ok: true });
    const text = (await pdfText(getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).get()!.content)).replace(
      /\s+/g,
      " ",
    );
    expect(text).toMatch(/14,89 provisoire/);
    expect(text).toContain(PROVISIONAL_RATE_SENTENCE.slice(0, 60));
  });
});

describe("point 5 — no dead-end line", () => {
  it("does not offer GNR for 2025 (no sourced rate); the refusal of such a line names the next step", () => {
    const { offered, missing } = offeredProducts(context(2025));
    expect(offered).not.toContain("gnr");
    expect(missing).toContain("gnr");
    expect(offeredProducts(context(2024)).offered).toContain("gnr");
    const refused = checkLine(
      { invoiceNumber: "G-1", deliveryDate: "2025-03-01", product: "GNR", volume: "10", billedFullTariff: "oui" },
      context(2025),
    );
    expect(refused).toMatchObject({
      ok: false,
      errors: { product: expect.stringMatching(/n'est pas proposé pour cette date\. Gardez la facture .* DDFiP de votre département/) },
    });
  });

  it("lists the products in alphabetical order: typing « Gaz » lands on a gas, not on « Gazole »", () => {
    const all = offeredProducts({ year: 2023, rates: rateTable() }).offered.map((p) => PRODUCTS[p].label);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, "fr")));
    expect(all.find((label) => label.toLowerCase().startsWith("gaz"))).toMatch(/^Gaz naturel/);
  });
});

describe("point 6 — the units of the invoice", () => {
  it("converts litres, kWh, kg and tonnes exactly, and refuses a unit that is not the product's", () => {
    const ok = (product: string, volume: string, volumeUnit: string, date = "2023-03-01") =>
      checkLine({ invoiceNumber: "F", deliveryDate: date, product, volume, volumeUnit }, context(2023, false));
    expect(ok("GNR", "2 500", "l")).toMatchObject({ ok: true, line: { volumeMilli: 25_000, amountCents: 37_400 } });
    expect(ok("GAZ_NATUREL_COMBUSTIBLE", "48 250", "kWh")).toMatchObject({ ok: true, line: { volumeMilli: 48_250, amountCents: 37_780 } });
    expect(ok("GPL", "1,5", "t")).toMatchObject({ ok: true, line: { volumeMilli: 15_000 } });
    expect(ok("FIOUL_LOURD", "1 234", "kg")).toMatchObject({ ok: true, line: { volumeMilli: 12_340 } });
    expect(ok("GNR", "10", "kWh")).toMatchObject({
      ok: false,
      errors: { volumeUnit: "« Gazole non routier » se saisit en hectolitres (hl) ou en litres (l)." },
    });
    expect(ok("GNR", "1,25", "l")).toMatchObject({ ok: false, errors: { volume: "En litres (l), le volume compte au plus 1 décimale." } });
  });

  it("warns before saving 48 250 MWh of gas (kWh on the bill): nothing written until confirmed", async () => {
    // Every product has its thresholds, explained, in the data.
    expect(
      plausibilityTable()
        .map((t) => t.product)
        .sort(),
    ).toEqual([...PRODUCT_VALUES].sort());
    for (const t of plausibilityTable()) expect(t.explanation.length).toBeGreaterThan(40);

    const world = await farm();
    const id = await draft(world, 2023);
    const typed = line(id, { deliveryDate: "2023-03-01", product: "naturalGasHeating", volume: "48 250" });
    const warned = addLine(world.actor, typed, META, NOW);
    expect(warned.ok).toBe(false);
    expect(plain(!warned.ok && warned.fieldErrors ? String(warned.fieldErrors.confirmPlausible) : "")).toMatch(
      /^Vérifiez l'unité : 48 250 MWh PCS, soit 377 797,50 €, est beaucoup pour une seule facture .*1 MWh = 1 000 kWh/,
    );
    expect(getDb().select().from(refundLines).all()).toEqual([]);
    // In the unit of the invoice, it is a plausible line.
    expect(addLine(world.actor, { ...typed, volumeUnit: "kWh" }, META, NOW)).toMatchObject({ ok: true });
    expect(getDb().select().from(refundLines).get()).toMatchObject({ volumeMilli: 48_250, amountCents: 37_780 });
    // Confirmed, an unusual volume is recorded.
    expect(addLine(world.actor, { ...typed, invoiceNumber: "FA-2", confirmPlausible: "on" }, META, NOW)).toMatchObject({ ok: true });
    expect(getDb().select().from(refundLines).where(eq(refundLines.invoiceNumber, "FA-2")).get()).toMatchObject({
      volumeMilli: 48_250_000,
    });
  });
});

describe("point 7 — last days", () => {
  it("announces a year whose last filing day is within 60 days, from the deadlines data", () => {
    expect(closingYears(NOW)).toEqual([{ year: 2023, fileBy: "2026-12-31", daysLeft: 24 }]);
    expect(closingSentence(closingYears(NOW)[0]!)).toBe("Livraisons 2023 : dernier jour le 31 décembre 2026 (dans 24 jours).");
    expect(closingYears(new Date("2026-10-15T10:00:00Z"))).toEqual([]);
    expect(closingYears(new Date("2026-11-01T10:00:00Z"))).toEqual([{ year: 2023, fileBy: "2026-12-31", daysLeft: 60 }]);
    // 2023 closed: nothing announced in January.
    expect(closingYears(new Date("2027-01-05T10:00:00Z"))).toEqual([]);
  });
});

describe("smaller items of issue 21", () => {
  it("says that « 31/09/2024 » does not exist, repeating the value", () => {
    expect(checkLine({ invoiceNumber: "F", deliveryDate: "31/09/2024", product: "GNR", volume: "1" }, context(2024, false))).toMatchObject({
      ok: false,
      errors: { deliveryDate: "La date « 31/09/2024 » n'existe pas : vérifiez le jour et le mois." },
    });
    expect(checkLine({ invoiceNumber: "F", deliveryDate: "hier", product: "GNR", volume: "1" }, context(2024, false))).toMatchObject({
      ok: false,
      errors: { deliveryDate: "Saisissez une date de livraison valide, au format JJ/MM/AAAA." },
    });
  });

  it("keeps the request rows unchanged when the advance is declared on a transmitted request", async () => {
    const world = await farm();
    const id = await draft(world, 2024);
    declareAdvance(world.actor, { requestId: id, received: "non", amount: "" }, META, NOW);
    addLine(world.actor, line(id, { deliveryDate: "2024-03-01", product: "gnr", volume: "1" }), META, NOW);
    expect(await transmitRequest(world.actor, id, META, NOW)).toMatchObject({ ok: true });
    expect(declareAdvance(world.actor, { requestId: id, received: "oui", amount: "5" }, META, NOW)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/transmise/),
    });
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()).toMatchObject({
      advanceReceived: false,
      advanceCents: null,
    });
  });
});

describe("point 4 — « Aide » says what the portal does", () => {
  it("no longer claims every rate is official nor that lines without one are refused; names mandates, the advance, units", async () => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { default: HelpPage } = await import("@/app/(public)/aide/page");
    const text = plain(
      renderToStaticMarkup(HelpPage())
        .replace(/<[^>]+>/g, " ")
        .replace(/&#x27;/g, "'")
        .replace(/\s+/g, " "),
    );
    expect(text).not.toContain("avec la source officielle du taux");
    expect(text).not.toContain("la ligne est refusée");
    expect(text).toMatch(/taux « calculé »/);
    expect(text).toMatch(/taux « provisoire »/);
    expect(text).toMatch(/Par un mandat/);
    expect(text).toContain("Avez-vous perçu l'avance de 2024 ?");
    expect(text).toContain("48 250 kWh = 48,25 MWh PCS");
  });
});

describe("smaller items of issue 21 — account and pages", () => {
  it("refuses « 06 12 34 56 7 » (nine digits); accepts a French or an international number", async () => {
    const { profileSchema } = await import("@/lib/accounts/schemas");
    const phone = (value: string) =>
      profileSchema.safeParse({ contactEmail: "a@b.fr", lastName: "Durand", firstName: "Claire", phone: value }).success;
    expect(phone("06 12 34 56 7")).toBe(false);
    expect(phone("06 12 34 56 789")).toBe(false);
    expect(phone("06 12 34 56 78")).toBe(true);
    expect(phone("+33 6 12 34 56 78")).toBe(true);
    expect(phone("0033 6 12 34 56 78")).toBe(true);
    expect(phone("")).toBe(true);
  });

  it("gives the portal's address in the verification letter", async () => {
    const { newestLetter } = await import("../support/verification");
    await importSample();
    const manager = await managerWithStructure();
    const letter = await newestLetter(manager.structureId);
    expect(letter.text.replace(/\s+/g, " ")).toContain("Adresse du portail : http://localhost:3000");
  });

  it("names the host in « Mentions légales » from the configuration", async () => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { resetConfig } = await import("@/lib/config");
    const { default: LegalNoticePage } = await import("@/app/(public)/mentions-legales/page");
    process.env.HOSTING_PROVIDER = "Hébergeur Exemple SAS, 1 rue de la Paix, 75002 Paris, 01 23 45 67 89";
    resetConfig();
    try {
      expect(renderToStaticMarkup(LegalNoticePage())).toContain(
        "Hébergeur : Hébergeur Exemple SAS, 1 rue de la Paix, 75002 Paris, 01 23 45 67 89.",
      );
    } finally {
      delete process.env.HOSTING_PROVIDER;
      resetConfig();
    }
    expect(renderToStaticMarkup(LegalNoticePage())).not.toContain("indiqués par l&#x27;exploitant");
  });
});
