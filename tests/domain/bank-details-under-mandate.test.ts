// Issue 22, point 7: a mandated structure sees a farm's IBAN masked and never its RIB (0018).
import { beforeEach, describe, expect, it } from "vitest";
import { can } from "@/lib/access";
import { giveMandate } from "@/lib/mandates/mandates";
import { addBankAccount, bankAccountsOf } from "@/lib/refunds/bank-accounts";
import { maskedIban } from "@/lib/refunds/iban";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { requestDetail } from "@/lib/refunds/queries";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE, pdfText } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace, subscribedMember } from "../support/structures";
import { getDb } from "@/lib/db";
import { storedFiles } from "@/db/schema";
import { eq } from "drizzle-orm";

beforeEach(async () => {
  await importSample();
});

const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;

describe("bank details under a mandate", () => {
  it("« FR76 •••• •••• 0189 »", () => {
    expect(maskedIban("FR76 3000 6000 0112 3456 7890 189")).toBe("FR76 •••• •••• 0189");
  });

  for (const rights of ["consultation", "modification"] as const) {
    it(`« ${rights} »: the centre sees the IBAN masked, cannot download the RIB; the farm's own members can`, async () => {
      const farm = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret, false, { verified: true });
      const spaceId = openTicSpace(farm.actor, farm.structureId);
      const account = addBankAccount(
        farm.actor,
        {
          structureId: farm.structureId,
          holder: "GAEC",
          iban: "FR7630006000011234567890189",
          bic: "AGRIFRPPXXX",
          makeDefault: true,
          rib: PNG_FILE,
        },
        META,
      );
      if (!account.ok) throw new Error(JSON.stringify(account));
      const ribFileId = bankAccountsOf(farm.structureId)[0]!.ribFileId;
      const centre = await managerWithStructure(CENTRE, true);
      const accountant = await attachedMember(centre.actor, centre.structureId);
      const given = giveMandate(
        farm.actor,
        { farmStructureId: farm.structureId, agentSiret: CENTRE, rights, canTransmit: false, endDate: null },
        META,
      );
      if (!given.ok) throw new Error(JSON.stringify(given));
      const viewer = await subscribedMember(farm.actor, farm.structureId, spaceId, { canView: true, canEdit: false });

      expect(can(accountant.actor, "refund.view", { structureId: farm.structureId })).toBe(true);
      expect(can(accountant.actor, "bankDetails.view", { structureId: farm.structureId })).toBe(false);
      expect(can(accountant.actor, "file.download", { fileId: ribFileId })).toBe(false);
      expect(can(centre.actor, "file.download", { fileId: ribFileId })).toBe(false);
      expect(can(viewer.actor, "bankDetails.view", { structureId: farm.structureId })).toBe(true);
      expect(can(viewer.actor, "file.download", { fileId: ribFileId })).toBe(true);
      expect(can(farm.actor, "file.download", { fileId: ribFileId })).toBe(true);
    });
  }

  it("the receipt, which the centre may download, shows the IBAN masked", async () => {
    const farm = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret, false, { verified: true });
    openTicSpace(farm.actor, farm.structureId);
    const account = addBankAccount(
      farm.actor,
      {
        structureId: farm.structureId,
        holder: "GAEC",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPPXXX",
        makeDefault: true,
        rib: PNG_FILE,
      },
      META,
    );
    if (!account.ok) throw new Error(JSON.stringify(account));
    const now = new Date("2025-06-15T10:00:00Z");
    const created = createRequest(
      farm.actor,
      { structureId: farm.structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
      META,
      now,
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    addLine(
      farm.actor,
      {
        requestId: created.data.requestId,
        invoiceNumber: "FA-1",
        deliveryDate: "2023-03-15",
        product: "gnr",
        volume: "10",
        billedFullTariff: "",
        invoice: PNG_FILE,
        then: "stay",
      },
      META,
      now,
    );
    expect(await transmitRequest(farm.actor, created.data.requestId, META, now)).toMatchObject({ ok: true });
    const receipt = getDb().select().from(storedFiles).where(eq(storedFiles.kind, "receipt")).get()!;
    const text = await pdfText(receipt.content);
    expect(text).toContain("IBAN FR76 •••• •••• 0189");
    expect(text).not.toContain("0112 3456");
    expect(requestDetail(created.data.requestId)!.bankAccount!.iban).toBe("FR7630006000011234567890189");
  });
});
