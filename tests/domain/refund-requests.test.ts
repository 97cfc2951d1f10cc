import { NO_RATE_NEXT_STEP } from "@/lib/refunds/rate-table";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, bankAccounts, outbox, refundLines, refundRequests, storedFiles } from "@/db/schema";
import { AccessDenied } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { addBankAccount, makeDefaultBankAccount } from "@/lib/refunds/bank-accounts";
import {
  addLine,
  attachInvoice,
  createRequest,
  deleteRequest,
  importLines,
  NOT_EDITABLE,
  removeLine,
  updateLine,
  updateRequestHeader,
} from "@/lib/refunds/requests";
import { addBankAccountSchema } from "@/lib/refunds/schemas";
import { fileForDownload } from "@/lib/refunds/stored-files";
import { transmitRequest } from "@/lib/refunds/transmission";
import { askComplement } from "@/lib/instruction/complement";
import { acceptRequest, rejectRequest } from "@/lib/instruction/decision";
import { takeCharge } from "@/lib/instruction/take-charge";
import { administrator, agentWith } from "../support/agents";
import { updateSpace } from "@/lib/spaces/open-spaces";
import { META, activeUser, actorFor } from "../support/accounts";
import { importSample } from "../support/directory";
import { DISGUISED_EXECUTABLE, PNG_FILE, csv, pdfFile, pdfText } from "../support/refund-files";
import { managerWithStructure, openTicSpace, subscribedMember } from "../support/structures";

const run = promisify(execFile);

/** Mid-2024: the years open for a request are 2021, 2022 and 2023, all with sourced rates. */
const NOW = new Date("2024-06-15T10:00:00Z");
const IBAN = "FR76 3000 6000 0112 3456 7890 189";

async function farm() {
  await importSample();
  const manager = await managerWithStructure(undefined, false, { verified: true });
  const spaceId = openTicSpace(manager.actor, manager.structureId);
  const editor = await subscribedMember(manager.actor, manager.structureId, spaceId, { canView: true, canEdit: true });
  const viewer = await subscribedMember(manager.actor, manager.structureId, spaceId, { canView: true, canEdit: false });
  const outsider = await actorFor(await activeUser());
  const account = addBankAccount(
    manager.actor,
    {
      structureId: manager.structureId,
      holder: "GAEC des Tilleuls",
      iban: IBAN.replace(/ /g, ""),
      bic: "AGRIFRPPXXX",
      makeDefault: false,
      rib: await pdfFile("rib.pdf"),
    },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  return {
    manager,
    spaceId,
    editor: editor.actor,
    viewer: viewer.actor,
    outsider,
    bankAccountId: account.data.bankAccountId,
    structureId: manager.structureId,
  };
}

async function draft(world: Awaited<ReturnType<typeof farm>>, year = 2023, actor: Actor = world.editor) {
  const created = createRequest(
    actor,
    { structureId: world.structureId, year, bankAccountId: world.bankAccountId, notInDifficulty: true },
    META,
    NOW,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.data.requestId;
}

const line = (
  requestId: number,
  overrides: Partial<Record<"invoiceNumber" | "deliveryDate" | "product" | "volume" | "billedFullTariff", string>> = {},
) => ({
  requestId,
  invoiceNumber: "FA-1",
  deliveryDate: "2023-03-15",
  product: "gnr",
  volume: "1 250,5",
  billedFullTariff: "",
  invoice: null,
  then: "stay" as const,
  ...overrides,
});

const linesOf = (requestId: number) =>
  getDb().select().from(refundLines).where(eq(refundLines.requestId, requestId)).orderBy(refundLines.id).all();

describe("références bancaires", () => {
  it("checks the IBAN and BIC on the server, in French", () => {
    const parsed = parseForm(addBankAccountSchema, {
      structureId: "1",
      holder: "GAEC",
      iban: "FR76 3000 6000 0112 3456 7890 188",
      bic: "AGRI",
      rib: null,
    });
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        iban: "Cet IBAN n'est pas valide : vérifiez les caractères saisis.",
        bic: expect.stringMatching(/8 ou 11 caractères/),
      },
    });
    const good = parseForm(addBankAccountSchema, {
      structureId: "1",
      holder: "GAEC",
      iban: "fr76 3000 6000 0112 3456 7890 189",
      bic: "agrifrpp",
      rib: null,
    });
    expect(good).toMatchObject({ ok: true, data: { iban: "FR7630006000011234567890189", bic: "AGRIFRPP" } });
  });

  it("refuses a RIB that is not really a PDF, PNG or JPEG, and writes nothing", async () => {
    const world = await farm();
    const before = getDb().select().from(bankAccounts).all().length;
    const refused = addBankAccount(
      world.manager.actor,
      {
        structureId: world.structureId,
        holder: "GAEC",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPPXXX",
        makeDefault: true,
        rib: DISGUISED_EXECUTABLE,
      },
      META,
    );
    expect(refused).toEqual({ ok: false, fieldErrors: { rib: expect.stringMatching(/PDF, PNG et JPEG/) } });
    expect(getDb().select().from(bankAccounts).all()).toHaveLength(before);
  });

  it("keeps one default account, audits each change, and is the manager's alone", async () => {
    const world = await farm();
    const second = addBankAccount(
      world.manager.actor,
      {
        structureId: world.structureId,
        holder: "GAEC",
        iban: "FR1420041010050500013M02606",
        bic: "PSSTFRPPXXX",
        makeDefault: false,
        rib: PNG_FILE,
      },
      META,
    );
    expect(second.ok).toBe(true);
    const defaults = () =>
      getDb()
        .select({ id: bankAccounts.id })
        .from(bankAccounts)
        .where(and(eq(bankAccounts.structureId, world.structureId), eq(bankAccounts.isDefault, true)))
        .all();
    expect(defaults()).toEqual([{ id: world.bankAccountId }]);
    makeDefaultBankAccount(world.manager.actor, second.ok ? second.data.bankAccountId : 0, META);
    expect(defaults()).toEqual([{ id: second.ok ? second.data.bankAccountId : 0 }]);
    const audited = getDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, String(world.structureId)))
      .all()
      .map((e) => e.action);
    expect(audited).toEqual(expect.arrayContaining(["bank_account.added", "bank_account.made_default"]));
    expect(() => makeDefaultBankAccount(world.editor, world.bankAccountId, META)).toThrow(AccessDenied);
  });
});

describe("creating a request", () => {
  it("accepts only a delivery year still open and over", async () => {
    const world = await farm();
    const attempt = (year: number) =>
      createRequest(world.editor, { structureId: world.structureId, year, bankAccountId: null, notInDifficulty: false }, META, NOW);
    expect(attempt(2024)).toEqual({ ok: false, fieldErrors: { year: expect.stringMatching(/ne sont pas terminées/) } });
    expect(attempt(2020)).toEqual({ ok: false, fieldErrors: { year: expect.stringMatching(/jusqu'au 31\/12\/2023/) } });
    expect(attempt(2021)).toMatchObject({ ok: true, data: { existed: false } });
  });

  it("pre-fills PACAGE and category from the space", async () => {
    const world = await farm();
    const id = await draft(world);
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()).toMatchObject({
      pacage: "031123456",
      beneficiaryCategory: "company",
      status: "draft",
      reference: null,
    });
  });

  it("keeps one request per structure and year: a second attempt leads to the first", async () => {
    const world = await farm();
    const first = await draft(world);
    expect(
      createRequest(
        world.manager.actor,
        { structureId: world.structureId, year: 2023, bankAccountId: null, notInDifficulty: false },
        META,
        NOW,
      ),
    ).toEqual({
      ok: true,
      data: { requestId: first, existed: true },
      message: "Une demande pour 2023 existe déjà : la voici.",
    });
  });

  it("keeps one request per structure and year when four processes create it at the same instant", async () => {
    const world = await farm();
    const race = JSON.stringify({
      actor: world.editor,
      input: { structureId: world.structureId, year: 2022, bankAccountId: null, notInDifficulty: false },
      startAt: Date.now() + 4000,
      now: NOW.toISOString(),
    });
    const outputs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        run(
          process.execPath,
          ["--import", "./scripts/lib/server-only-off.mjs", "--import", "tsx", "tests/support/create-request-child.ts"],
          { env: { ...process.env, RACE: race } },
        ),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.data.existed === false)).toHaveLength(1);
    expect(new Set(results.map((r) => r.data.requestId)).size).toBe(1);
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.year, 2022)).all()).toHaveLength(1);
  }, 40_000);
});

describe("lines", () => {
  it("fills in the rate and computes the amount to the cent", async () => {
    const world = await farm();
    const id = await draft(world);
    expect(addLine(world.editor, line(id), META, NOW)).toMatchObject({ ok: true });
    expect(linesOf(id)).toEqual([
      expect.objectContaining({
        invoiceNumber: "FA-1",
        product: "gnr",
        volumeMilli: 1_250_500,
        rateMilliEuros: 14_960,
        amountCents: 1_870_748,
      }),
    ]);
  });

  it("refuses a date outside the year, a duplicate line (invoice, product, date), a disguised file; writes nothing", async () => {
    const world = await farm();
    const id = await draft(world, 2022);
    expect(addLine(world.editor, line(id, { deliveryDate: "2022-05-01", product: "naturalGasHeating" }), META, NOW)).toMatchObject({
      ok: true,
    });
    expect(addLine(world.editor, line(id, { invoiceNumber: "FA-3", deliveryDate: "2023-01-02" }), META, NOW)).toEqual({
      ok: false,
      fieldErrors: { deliveryDate: "La date de livraison doit être en 2022, l'année de la demande." },
    });
    expect(addLine(world.editor, line(id, { deliveryDate: "2022-05-01", product: "naturalGasHeating", volume: "3" }), META, NOW)).toEqual({
      ok: false,
      fieldErrors: {
        invoiceNumber: "Une ligne porte déjà la facture n° FA-1 pour « Gaz naturel combustible » livré à cette date dans cette demande.",
      },
    });
    expect(
      addLine(
        world.editor,
        { ...line(id, { invoiceNumber: "FA-9", deliveryDate: "2022-05-01" }), invoice: DISGUISED_EXECUTABLE },
        META,
        NOW,
      ),
    ).toEqual({
      ok: false,
      fieldErrors: { invoice: expect.stringMatching(/PDF, PNG et JPEG/) },
    });
    expect(linesOf(id).map((l) => l.invoiceNumber)).toEqual(["FA-1"]);
  });

  it("takes one invoice with two products (or two deliveries) as two lines", async () => {
    const world = await farm();
    const id = await draft(world);
    expect(addLine(world.editor, line(id), META, NOW)).toMatchObject({ ok: true });
    expect(addLine(world.editor, line(id, { product: "lpg", volume: "42" }), META, NOW)).toMatchObject({ ok: true });
    expect(addLine(world.editor, line(id, { deliveryDate: "2023-03-16" }), META, NOW)).toMatchObject({ ok: true });
    expect(linesOf(id).map((l) => [l.invoiceNumber, l.product, l.deliveryDate])).toEqual([
      ["FA-1", "gnr", "2023-03-15"],
      ["FA-1", "lpg", "2023-03-15"],
      ["FA-1", "gnr", "2023-03-16"],
    ]);
    // The same invoice, product and date twice is one delivery entered twice.
    expect(addLine(world.editor, line(id, { product: "lpg", volume: "1" }), META, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { invoiceNumber: expect.stringMatching(/déjà la facture n° FA-1 pour « GPL combustible »/) },
    });
  });

  it("says why when a product and year have no sourced rate", async () => {
    const world = await farm();
    // In mid-2021 the open years are 2018–2020; natural gas for heating is sourced for 2018 only.
    const mid2021 = new Date("2021-06-15T10:00:00Z");
    const created = createRequest(
      world.editor,
      { structureId: world.structureId, year: 2019, bankAccountId: null, notInDifficulty: false },
      META,
      mid2021,
    );
    const id = created.ok ? created.data.requestId : 0;
    expect(addLine(world.editor, line(id, { deliveryDate: "2019-05-01", product: "naturalGasHeating" }), META, mid2021)).toEqual({
      ok: false,
      fieldErrors: {
        product: `Aucun taux sourcé n'est connu du portail pour « Gaz naturel combustible » livré le 01/05/2019 : ce carburant n'est pas proposé pour cette date. ${NO_RATE_NEXT_STEP}`,
      },
    });
    expect(linesOf(id)).toEqual([]);
    expect(addLine(world.editor, line(id, { deliveryDate: "2019-05-01", product: "gnr" }), META, mid2021)).toMatchObject({ ok: true });
  });
});

describe("CSV import", () => {
  const HEADER = "numero_facture;date_livraison;produit;volume";

  it("imports nothing when one row is wrong, and lists each error by row and column", async () => {
    const world = await farm();
    const id = await draft(world);
    const result = importLines(
      world.editor,
      {
        requestId: id,
        file: csv(`${HEADER}\nFA-1;15/03/2023;GNR;100\nFA-2;31/02/2023;GNR;-4\nFA-3;01/04/2023;Fioul lourd;12,5\nFA-1;15/03/2023;GNR;3\n`),
      },
      META,
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      formError: expect.stringMatching(/Aucune ligne n'a été importée : le fichier contient 3 erreurs/),
      errorList: [
        "Ligne 3, colonne « date_livraison » : La date « 31/02/2023 » n'existe pas : vérifiez le jour et le mois.",
        "Ligne 3, colonne « volume » : Le volume est un nombre positif, avec au plus 3 décimales (ex. 1 250,5).",
        "Ligne 5, colonne « numero_facture » : Même facture, même produit et même date de livraison qu'à la ligne 2 du fichier.",
      ],
    });
    expect(linesOf(id)).toEqual([]);
  });

  it("imports every row of a valid file in one go, labels and codes alike", async () => {
    const world = await farm();
    const id = await draft(world);
    addLine(world.editor, line(id, { invoiceNumber: "A-0" }), META, NOW);
    const result = importLines(
      world.editor,
      { requestId: id, file: csv(`\uFEFF${HEADER}\r\nFA-1;15/03/2023;GNR;100\r\nFA-2;2023-10-02;gaz naturel combustible;3,25\r\n`) },
      META,
      NOW,
    );
    expect(result).toMatchObject({ ok: true, data: { count: 2 } });
    expect(linesOf(id).map((l) => [l.invoiceNumber, l.amountCents])).toEqual([
      ["A-0", 1_870_748],
      ["FA-1", 149_600],
      ["FA-2", 2_545],
    ]);
  });

  it("refuses the whole file when a row repeats an invoice already in the request", async () => {
    const world = await farm();
    const id = await draft(world);
    addLine(world.editor, line(id), META, NOW);
    const result = importLines(
      world.editor,
      { requestId: id, file: csv(`${HEADER}\nFA-7;15/03/2023;GNR;100\nFA-1;15/03/2023;GNR;100\n`) },
      META,
      NOW,
    );
    expect(result).toMatchObject({
      ok: false,
      errorList: [
        "Ligne 3, colonne « numero_facture » : Une ligne porte déjà la facture n° FA-1 pour « Gazole non routier » livré à cette date dans cette demande.",
      ],
    });
    expect(linesOf(id)).toHaveLength(1);
  });

  it("explains a wrong header", async () => {
    const world = await farm();
    const id = await draft(world);
    expect(importLines(world.editor, { requestId: id, file: csv("facture,date\nA,B\n") }, META, NOW)).toMatchObject({
      ok: false,
      errorList: [expect.stringMatching(/^Ligne 1 : La première ligne doit être exactement/)],
    });
  });
});

describe("transmission", () => {
  it("lists what is missing, then transmits a complete request with a reference, a receipt and mails", async () => {
    const world = await farm();
    const created = createRequest(
      world.editor,
      { structureId: world.structureId, year: 2023, bankAccountId: null, notInDifficulty: false },
      META,
      NOW,
    );
    const id = created.ok ? created.data.requestId : 0;
    const incomplete = await transmitRequest(world.editor, id, META, NOW);
    expect(incomplete).toEqual({
      ok: false,
      formError: "La demande ne peut pas encore être transmise :",
      errorList: [
        "Choisissez les références bancaires sur lesquelles verser le remboursement.",
        "Cochez l'attestation sur l'honneur : l'entreprise n'est pas « en difficulté ».",
        "Ajoutez au moins une ligne (une par facture).",
      ],
    });
    updateRequestHeader(world.editor, { requestId: id, bankAccountId: world.bankAccountId, notInDifficulty: true }, META, NOW);
    addLine(world.editor, line(id), META, NOW);
    addLine(
      world.editor,
      { ...line(id, { invoiceNumber: "FA-2", product: "lpg", volume: "12,345", deliveryDate: "2023-07-01" }), invoice: PNG_FILE },
      META,
      NOW,
    );
    expect(await transmitRequest(world.editor, id, META, NOW)).toMatchObject({
      ok: false,
      errorList: ["Joignez la copie de la facture : FA-1."],
    });
    const fa1 = linesOf(id).find((l) => l.invoiceNumber === "FA-1")!;
    expect(attachInvoice(world.editor, { lineId: fa1.id, invoice: await pdfFile("fa1.pdf") }, META, NOW).ok).toBe(true);

    // The manager corrects the PACAGE on the space while the request is a draft: the transmission takes it.
    expect(updateSpace(world.manager.actor, { spaceId: world.spaceId, pacage: "031654321", beneficiaryCategory: "company" }, META).ok).toBe(
      true,
    );
    const sent = await transmitRequest(world.editor, id, META, NOW);
    expect(sent).toEqual({
      ok: true,
      data: { reference: `TIC-2023-${String(id).padStart(6, "0")}` },
      message: expect.stringMatching(/transmise sous la référence/),
    });
    const request = getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()!;
    expect(request).toMatchObject({ status: "submitted", pacage: "031654321" });
    const receipt = getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).get()!;
    const text = await pdfText(receipt.content);
    expect(text).toContain(`Référence : ${request.reference}`);
    expect(text).toContain("Année de la demande (livraisons) : 2023");
    expect(text).toContain("Numéro PACAGE : 031654321");
    // 1 250,5 hl × 14,96 = 18 707,48 € ; 12,345 × 100 kg × 5,72 = 70,6134 → 70,61 €
    expect(text).toMatch(/FA-2\s+01\/07\/2023\s+GPL combustible\s+12,345 × 100 kg\s+5,72\s+officiel\s+70,61 €/);
    expect(text).toContain("Montant des lignes : 18 778,09 €");
    const to = getDb()
      .select({ to: outbox.to, template: outbox.template })
      .from(outbox)
      .where(eq(outbox.template, "refund-transmitted"))
      .all();
    expect(to.map((m) => m.to).sort()).toEqual([world.editor.contactEmail, world.manager.user.contactEmail].sort());
    expect(addLine(world.editor, line(id, { invoiceNumber: "LATE" }), META, NOW)).toEqual({ ok: false, formError: NOT_EDITABLE });
    expect(removeLine(world.editor, fa1.id, META, NOW)).toEqual({ ok: false, formError: NOT_EDITABLE });
  });

  it("follows the administration's steps (an instructor's services, issue 20); « à compléter » opens the request again", async () => {
    const world = await farm();
    const id = await draft(world);
    addLine(world.editor, { ...line(id), invoice: PNG_FILE }, META, NOW);
    const sent = await transmitRequest(world.editor, id, META, NOW);
    const reference = sent.ok ? sent.data.reference : "";
    const instructor = await agentWith(await administrator(), ["instructor"], ["31"]);
    expect(acceptRequest(instructor, { requestId: id, mode: "whole" }, META, NOW)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Prenez d'abord/),
    });
    expect(takeCharge(instructor, { requestId: id }, META, NOW)).toMatchObject({ ok: true });
    expect(askComplement(instructor, { requestId: id, body: "Facture FA-1 illisible", lineIds: [] }, META, NOW)).toMatchObject({
      ok: true,
    });
    expect(addLine(world.editor, { ...line(id, { invoiceNumber: "FA-2" }), invoice: PNG_FILE }, META, NOW)).toMatchObject({ ok: true });
    const again = await transmitRequest(world.editor, id, META, NOW);
    expect(again).toMatchObject({ ok: true, data: { reference } });
    expect(getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).all()).toHaveLength(2);
    expect(acceptRequest(instructor, { requestId: id, mode: "whole" }, META, NOW)).toMatchObject({ ok: true });
    expect(rejectRequest(instructor, { requestId: id, reason: "late", text: "trop tard" }, META, NOW)).toMatchObject({ ok: false });
    const mails = getDb()
      .select({ template: outbox.template })
      .from(outbox)
      .where(and(eq(outbox.to, world.editor.contactEmail), eq(outbox.template, "refund-status-changed")))
      .all();
    // « En instruction », « À compléter », « Accordée » (the return to « En instruction » goes with the transmission's own mail).
    expect(mails).toHaveLength(3);
    const audit = getDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "refund_request"), eq(auditEvents.targetId, String(id))))
      .all();
    expect(audit.map((a) => a.action).filter((a) => a !== "refund.line_added" && a !== "refund.created")).toEqual(
      expect.arrayContaining(["refund.taken_in_charge", "refund.complement_asked", "refund.accepted"]),
    );
  });
});

describe("rights", () => {
  it("lets « Consultation » see and download, never edit; refuses outsiders everything", async () => {
    const world = await farm();
    const id = await draft(world);
    addLine(world.editor, { ...line(id), invoice: PNG_FILE }, META, NOW);
    const invoiceFileId = linesOf(id)[0]!.invoiceFileId!;
    expect(fileForDownload(world.viewer, invoiceFileId)?.mediaType).toBe("image/png");
    expect(fileForDownload(world.outsider, invoiceFileId)).toBeNull();
    expect(fileForDownload(null, invoiceFileId)).toBeNull();
    for (const actor of [world.viewer, world.outsider]) {
      expect(() =>
        createRequest(actor, { structureId: world.structureId, year: 2022, bankAccountId: null, notInDifficulty: false }, META, NOW),
      ).toThrow(AccessDenied);
      expect(() => addLine(actor, line(id, { invoiceNumber: "X" }), META, NOW)).toThrow(AccessDenied);
      expect(() => importLines(actor, { requestId: id, file: csv("x") }, META, NOW)).toThrow(AccessDenied);
      expect(() => removeLine(actor, linesOf(id)[0]!.id, META, NOW)).toThrow(AccessDenied);
      await expect(transmitRequest(actor, id, META, NOW)).rejects.toThrow(AccessDenied);
      const lineId = linesOf(id)[0]!.id;
      expect(() =>
        updateLine(
          actor,
          { lineId, invoiceNumber: "X", deliveryDate: "2023-03-15", product: "gnr", volume: "1", billedFullTariff: "" },
          META,
          NOW,
        ),
      ).toThrow(AccessDenied);
      expect(() => deleteRequest(actor, id, META, NOW)).toThrow(AccessDenied);
    }
    expect(linesOf(id)).toHaveLength(1);
    expect(getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()!.status).toBe("draft");
  });
});
