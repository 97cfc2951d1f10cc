// Accepted requests as the instructors' « Accepter » leaves them (issue 20's contract with the
// `instruct` work): a request built and transmitted through the real services, then exactly the
// acceptance rows — status « accepted », acceptedCents, decidedAt, decidedByAgentId, a status event
// and the audit event `refund.accepted` with the agent's id.
import { eq } from "drizzle-orm";
import { refundRequests, refundStatusEvents } from "@/db/schema";
import { REQUEST_ACCEPTED_ACTION } from "@/lib/access/agents";
import { recordAudit } from "@/lib/audit/record";
import { inTransaction } from "@/lib/db";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { META } from "./accounts";
import { pdfFile, PNG_FILE } from "./refund-files";
import { managerWithStructure, openTicSpace } from "./structures";

/** The acceptance rows, written as « Accepter » writes them. */
export function acceptAs(agentId: number, requestId: number, acceptedCents: number, now: Date): void {
  inTransaction((tx) => {
    tx.update(refundRequests)
      .set({ status: "accepted", acceptedCents, decidedAt: now, decidedByAgentId: agentId, updatedAt: now })
      .where(eq(refundRequests.id, requestId))
      .run();
    tx.insert(refundStatusEvents).values({ requestId, status: "accepted", at: now, actorAgentId: agentId }).run();
    recordAudit(
      tx,
      {
        action: REQUEST_ACCEPTED_ACTION,
        actorAgentId: agentId,
        targetType: "refund_request",
        targetId: requestId,
        details: { acceptedCents },
      },
      now,
    );
  });
}

/**
 * A verified farm (département 31 in the SIRENE sample) with its TIC space and bank details, one
 * 2023 request of one GNR line (100 hl × 14,96 € = 1 496,00 €), transmitted at `now`.
 */
export async function transmittedRequest(siret: string, now: Date, holder = "GAEC DU MOULIN") {
  const manager = await managerWithStructure(siret, false, { verified: true });
  openTicSpace(manager.actor, manager.structureId);
  const account = addBankAccount(
    manager.actor,
    {
      structureId: manager.structureId,
      holder,
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: true,
      rib: await pdfFile("rib.pdf"),
    },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  const created = createRequest(
    manager.actor,
    { structureId: manager.structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
    META,
    now,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  const requestId = created.data.requestId;
  const line = addLine(
    manager.actor,
    {
      requestId,
      invoiceNumber: "FA-2023-1",
      deliveryDate: "2023-03-01",
      product: "gnr",
      volume: "100",
      billedFullTariff: "",
      invoice: PNG_FILE,
      then: "stay",
    },
    META,
    now,
  );
  if (!line.ok) throw new Error(JSON.stringify(line));
  const transmitted = await transmitRequest(manager.actor, requestId, META, now);
  if (!transmitted.ok) throw new Error(JSON.stringify(transmitted));
  return { ...manager, requestId, bankAccountId: account.data.bankAccountId, reference: transmitted.data.reference };
}
