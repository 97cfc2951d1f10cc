// A verified farm with its TIC space open and default bank details, built through the real services.
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { createRequest } from "@/lib/refunds/requests";
import { META } from "./accounts";
import { importSample } from "./directory";
import { pdfFile } from "./refund-files";
import { managerWithStructure, openTicSpace } from "./structures";

export async function refundFarm() {
  await importSample();
  const manager = await managerWithStructure(undefined, false, { verified: true });
  openTicSpace(manager.actor, manager.structureId);
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
  return { actor: manager.actor, structureId: manager.structureId, bankAccountId: account.data.bankAccountId };
}

export type RefundFarm = Awaited<ReturnType<typeof refundFarm>>;

/** The farm's draft for that year, created on its bank details with the sworn statement, at `now`. */
export function refundDraft(world: RefundFarm, year: number, now: Date): number {
  const created = createRequest(
    world.actor,
    { structureId: world.structureId, year, bankAccountId: world.bankAccountId, notInDifficulty: true },
    META,
    now,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.data.requestId;
}
