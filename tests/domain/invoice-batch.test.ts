import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, refundLines, storedFiles } from "@/db/schema";
import { AccessDenied } from "@/lib/access";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { attachInvoices, invoiceNumberInFileName } from "@/lib/refunds/invoice-batch";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { invoiceBatchSchema } from "@/lib/refunds/schemas";
import { META, activeUser, actorFor } from "../support/accounts";
import { importSample } from "../support/directory";
import { DISGUISED_EXECUTABLE, pdfFile } from "../support/refund-files";
import { managerWithStructure, openTicSpace, subscribedMember } from "../support/structures";

/** Mid-2024: 2023 is open and has sourced rates. */
const NOW = new Date("2024-06-15T10:00:00Z");

async function requestWithLines(invoices: { number: string; product?: string }[]) {
  await importSample();
  const manager = await managerWithStructure();
  const spaceId = openTicSpace(manager.actor, manager.structureId);
  const editor = (await subscribedMember(manager.actor, manager.structureId, spaceId, { canView: true, canEdit: true })).actor;
  const account = addBankAccount(
    manager.actor,
    {
      structureId: manager.structureId,
      holder: "GAEC",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: true,
      rib: await pdfFile("rib.pdf"),
    },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  const created = createRequest(
    editor,
    { structureId: manager.structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
    META,
    NOW,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const requestId = created.data.requestId;
  for (const invoice of invoices) {
    const added = addLine(
      editor,
      {
        requestId,
        invoiceNumber: invoice.number,
        deliveryDate: "2023-03-15",
        product: invoice.product ?? "gnr",
        volume: "100",
        billedFullTariff: "",
        invoice: null,
        then: "stay",
      },
      META,
      NOW,
    );
    if (!added.ok) throw new Error(JSON.stringify(added));
  }
  return { editor, requestId };
}

const invoiceFileOf = (requestId: number) =>
  Object.fromEntries(
    getDb()
      .select({ invoiceNumber: refundLines.invoiceNumber, product: refundLines.product, fileId: refundLines.invoiceFileId })
      .from(refundLines)
      .where(eq(refundLines.requestId, requestId))
      .all()
      .map((l) => [`${l.invoiceNumber}/${l.product}`, l.fileId]),
  );

describe("the invoice number in a file name", () => {
  const numbers = ["FA-1", "FA-12", "2023/045", "B7"];
  it.each([
    ["FA-12.pdf", "FA-12"],
    ["scan fa 1.PDF", "FA-1"],
    ["facture_2023-045.jpeg", "2023/045"],
    ["Facture FA12 du 3 mars.pdf", "FA-12"],
  ])("« %s » is invoice %s", (name, expected) => {
    expect(invoiceNumberInFileName(name, numbers)).toBe(expected);
  });

  it.each(["scan.pdf", "FA-1 et B7.pdf", ".pdf"])("« %s » names no single invoice", (name) => {
    expect(invoiceNumberInFileName(name, numbers)).toBeNull();
  });
});

describe("joining several invoices at once", () => {
  it("joins each file to every line of its invoice, in one audited transaction", async () => {
    const { editor, requestId } = await requestWithLines([
      { number: "FA-1" },
      { number: "FA-1", product: "lpg" },
      { number: "FA-12" },
      { number: "FA-3" },
    ]);
    const result = attachInvoices(editor, { requestId, invoices: [await pdfFile("FA-1.pdf"), await pdfFile("scan FA12.pdf")] }, META, NOW);
    expect(result).toMatchObject({ ok: true, data: { count: 2 }, message: "2 factures jointes : FA-1, FA-12." });
    const files = invoiceFileOf(requestId);
    expect(files["FA-1/gnr"]).not.toBeNull();
    expect(files["FA-1/lpg"]).toBe(files["FA-1/gnr"]);
    expect(files["FA-12/gnr"]).not.toBeNull();
    expect(files["FA-12/gnr"]).not.toBe(files["FA-1/gnr"]);
    expect(files["FA-3/gnr"]).toBeNull();
    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.invoices_attached")).all();
    expect(audit).toHaveLength(1);
  });

  it("joins nothing when one file is unmatched, duplicated or not a real PDF, and names each", async () => {
    const { editor, requestId } = await requestWithLines([{ number: "FA-1" }, { number: "FA-2" }]);
    const filesBefore = getDb().select().from(storedFiles).all().length;
    const unmatched = attachInvoices(editor, { requestId, invoices: [await pdfFile("FA-1.pdf"), await pdfFile("scan.pdf")] }, META, NOW);
    expect(unmatched).toMatchObject({
      ok: false,
      formError: expect.stringContaining("« scan.pdf » : son nom ne contient le numéro d'aucune facture"),
    });
    const twice = attachInvoices(editor, { requestId, invoices: [await pdfFile("FA-2.pdf"), await pdfFile("FA 2 bis.pdf")] }, META, NOW);
    expect(twice).toMatchObject({ ok: false, formError: expect.stringContaining("la facture FA-2 a déjà un fichier dans cet envoi") });
    const disguised = attachInvoices(editor, { requestId, invoices: [{ ...DISGUISED_EXECUTABLE, name: "FA-2.pdf" }] }, META, NOW);
    expect(disguised).toMatchObject({
      ok: false,
      formError: expect.stringContaining("« FA-2.pdf » : Seuls les fichiers PDF, PNG et JPEG"),
    });
    expect(getDb().select().from(storedFiles).all()).toHaveLength(filesBefore);
    expect(Object.values(invoiceFileOf(requestId))).toEqual([null, null]);
  });

  it("reads every file of a multiple input, and is refused to those who may not edit", async () => {
    const { requestId } = await requestWithLines([{ number: "FA-1" }]);
    const parsed = parseForm(invoiceBatchSchema, {
      requestId: String(requestId),
      invoices: [await pdfFile("a.pdf"), await pdfFile("b.pdf")],
    });
    expect(parsed.ok && parsed.data.invoices.map((f) => f.name)).toEqual(["a.pdf", "b.pdf"]);
    expect(parseForm(invoiceBatchSchema, { requestId: String(requestId) })).toMatchObject({ ok: true, data: { invoices: [] } });
    const outsider = await actorFor(await activeUser());
    expect(() => attachInvoices(outsider, { requestId, invoices: [] }, META, NOW)).toThrow(AccessDenied);
  });
});
