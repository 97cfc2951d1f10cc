import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, refundLines, refundRequests } from "@/db/schema";
import { getDb } from "@/lib/db";
import { giveMandate } from "@/lib/mandates/mandates";
import { attachInvoicesAcrossFarms } from "@/lib/portfolio/invoices-across-farms";
import { importPortfolioLines } from "@/lib/refunds/bulk-import";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { csv, pdfFile } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

/** Mid-2024: 2023 deliveries can be filed. */
const NOW = new Date("2024-06-15T10:00:00Z");
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;

async function client(siret: string, rights: "consultation" | "modification") {
  const farm = await managerWithStructure(siret);
  openTicSpace(farm.actor, farm.structureId);
  const given = giveMandate(
    farm.actor,
    { farmStructureId: farm.structureId, agentSiret: CENTRE, rights, canTransmit: false, endDate: null },
    META,
  );
  if (!given.ok) throw new Error(JSON.stringify(given));
  return { ...farm, siret };
}

const invoiceOf = (structureId: number, invoiceNumber: string) =>
  getDb()
    .select({ fileId: refundLines.invoiceFileId })
    .from(refundLines)
    .innerJoin(refundRequests, eq(refundRequests.id, refundLines.requestId))
    .where(and(eq(refundRequests.structureId, structureId), eq(refundLines.invoiceNumber, invoiceNumber)))
    .get()!.fileId;

describe("joindre des factures pour plusieurs exploitations (issue 21, point 11)", () => {
  it("matches each file by the invoice number in its name, the SIRET settling a number two farms share; all or nothing", async () => {
    await importSample();
    const centre = await managerWithStructure(CENTRE, true);
    const user = (await attachedMember(centre.actor, centre.structureId)).actor;
    const gaec = await client(SAMPLE_FIXTURES.gaec.siret, "modification");
    const individual = await client(SAMPLE_FIXTURES.individual.siret, "modification");
    const cuma = await client(SAMPLE_FIXTURES.cuma.siret, "modification");
    const imported = importPortfolioLines(
      user,
      {
        file: csv(
          `siret;numero_facture;date_livraison;produit;volume;tarif_plein\n${gaec.siret};FA-1;15/03/2023;GNR;100;\n${individual.siret};FA-1;15/03/2023;GNR;100;\n${cuma.siret};FC-1;15/03/2023;GNR;10;\n${cuma.siret};FC-2;16/03/2023;GNR;10;\n`,
        ),
      },
      META,
      NOW,
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    const filesBefore = getDb().$client.prepare("SELECT count(*) AS n FROM stored_files WHERE kind = 'invoice'").get() as { n: number };

    // « FA-1 » is in two farms' requests: the SIRET must say which; one problem and nothing is joined.
    const ambiguous = attachInvoicesAcrossFarms(
      user,
      { invoices: [await pdfFile("facture-FC-1.pdf"), await pdfFile("FA-1.pdf")] },
      META,
      NOW,
    );
    expect(ambiguous).toMatchObject({
      ok: false,
      fieldErrors: {
        invoices: expect.stringMatching(
          /^« FA-1\.pdf » : la facture FA-1 existe dans plusieurs demandes .*ajoutez au nom du fichier le SIRET/,
        ),
      },
    });
    expect(invoiceOf(cuma.structureId, "FC-1")).toBeNull();
    expect(getDb().$client.prepare("SELECT count(*) AS n FROM stored_files WHERE kind = 'invoice'").get()).toEqual(filesBefore);

    const joined = attachInvoicesAcrossFarms(
      user,
      { invoices: [await pdfFile("facture-FC-1.pdf"), await pdfFile(`FA-1 ${gaec.siret}.pdf`), await pdfFile("FC-2.pdf")] },
      META,
      NOW,
    );
    expect(joined).toMatchObject({ ok: true, message: "3 factures jointes pour 2 exploitations." });
    expect(joined.ok && joined.data.joined.map((j) => [j.invoiceNumber, j.fileName]).sort()).toEqual([
      ["FA-1", `FA-1 ${gaec.siret}.pdf`],
      ["FC-1", "facture-FC-1.pdf"],
      ["FC-2", "FC-2.pdf"],
    ]);
    expect(invoiceOf(gaec.structureId, "FA-1")).not.toBeNull();
    expect(invoiceOf(individual.structureId, "FA-1")).toBeNull();
    expect(invoiceOf(cuma.structureId, "FC-1")).not.toBeNull();
    // One audit event per request, marked as joined across farms.
    const events = getDb()
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "refund.invoices_attached"))
      .all();
    expect(events.map((e) => JSON.parse(e.details!).acrossFarms)).toEqual([true, true]);
    // Now FA-1 is left in one request only: its number alone is enough.
    expect(attachInvoicesAcrossFarms(user, { invoices: [await pdfFile("FA-1.pdf")] }, META, NOW)).toMatchObject({
      ok: true,
      message: "1 facture jointe pour 1 exploitation.",
    });
    expect(getDb().select().from(refundLines).where(isNull(refundLines.invoiceFileId)).all()).toEqual([]);
  });

  it("never reaches a farm the user may not edit, nor a file that is not an invoice", async () => {
    await importSample();
    const centre = await managerWithStructure(CENTRE, true);
    const user = (await attachedMember(centre.actor, centre.structureId)).actor;
    const viewOnly = await client(SAMPLE_FIXTURES.gaec.siret, "consultation");
    const own = importPortfolioLines(
      viewOnly.actor,
      { file: csv(`siret;numero_facture;date_livraison;produit;volume;tarif_plein\n${viewOnly.siret};FX-9;15/03/2023;GNR;100;\n`) },
      META,
      NOW,
    );
    expect(own.ok).toBe(true);
    expect(attachInvoicesAcrossFarms(user, { invoices: [await pdfFile(`FX-9 ${viewOnly.siret}.pdf`)] }, META, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { invoices: expect.stringMatching(/numéro d'aucune facture/) },
    });
    expect(invoiceOf(viewOnly.structureId, "FX-9")).toBeNull();
    expect(attachInvoicesAcrossFarms(user, { invoices: [] }, META, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { invoices: expect.stringMatching(/^Choisissez les fichiers/) },
    });
    expect(
      attachInvoicesAcrossFarms(user, { invoices: [{ name: "FX-9.pdf", bytes: new Uint8Array([1, 2, 3]) }] }, META, NOW),
    ).toMatchObject({ ok: false, fieldErrors: { invoices: expect.stringMatching(/PDF, PNG et JPEG/) } });
  });
});
