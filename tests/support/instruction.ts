// A farm of the Haute-Garonne (31) with a transmitted request, and instructors, built through the
// real services (issue 20).
import { eq } from "drizzle-orm";
import { bankAccounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { CHECKS, type Check } from "@/lib/instruction/checks";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { addLine } from "@/lib/refunds/requests";
import { transmitRequest } from "@/lib/refunds/transmission";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "./accounts";
import { administrator, agentWith } from "./agents";
import { PNG_FILE } from "./refund-files";
import { refundDraft, refundFarm, type RefundFarm } from "./refund-farm";
import { managerWithStructure, openTicSpace } from "./structures";

/** Lines are written and transmitted on this day; 2023 is open (N+3) with sourced rates. */
export const T0 = new Date("2026-12-07T09:00:00Z");

export type LineSpec = { invoiceNumber: string; product?: string; volume: string; deliveryDate?: string; invoice?: boolean };

export function addLines(actor: Actor, requestId: number, lines: LineSpec[], now = T0) {
  for (const spec of lines) {
    const added = addLine(
      actor,
      {
        requestId,
        invoiceNumber: spec.invoiceNumber,
        deliveryDate: spec.deliveryDate ?? "2023-03-15",
        product: spec.product ?? "gnr",
        volume: spec.volume,
        billedFullTariff: "",
        invoice: spec.invoice === false ? null : PNG_FILE,
        then: "stay",
      },
      META,
      now,
    );
    if (!added.ok) throw new Error(JSON.stringify(added));
  }
}

/** Bank details dated well before the transmission: the « récentes » check stays quiet. */
export function ageBankDetails(world: RefundFarm, days = 90, now = T0) {
  getDb()
    .update(bankAccounts)
    .set({ createdAt: new Date(now.getTime() - days * 86_400_000) })
    .where(eq(bankAccounts.id, world.bankAccountId))
    .run();
}

export async function transmitted(world: RefundFarm, year: number, lines: LineSpec[], now = T0) {
  const requestId = refundDraft(world, year, now);
  addLines(world.actor, requestId, lines, now);
  const result = await transmitRequest(world.actor, requestId, META, now);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return requestId;
}

/** The GAEC (31) with a 2023 request of two GNR lines (100 hl and 50 hl), transmitted; old bank details. */
export async function instructionWorld() {
  const world = await refundFarm();
  ageBankDetails(world);
  const requestId = await transmitted(world, 2023, [
    { invoiceNumber: "FA-1", volume: "100" },
    { invoiceNumber: "FA-2", volume: "50", deliveryDate: "2023-04-02" },
  ]);
  const admin = await administrator();
  const instructor = await agentWith(admin, ["instructor"], ["31"]);
  const colleague = await agentWith(admin, ["instructor"], ["31"]);
  const elsewhere = await agentWith(admin, ["instructor"], ["12"]);
  return { world, requestId, admin, instructor, colleague, elsewhere };
}

export const GAEC_SIRET = SAMPLE_FIXTURES.gaec.siret;

/** The checks stored on the request by the triggers (refund_requests.checks_fired, bit i: CHECKS[i]). */
export function storedChecks(requestId: number): Check[] {
  const row = getDb().$client.prepare("SELECT checks_fired AS mask FROM refund_requests WHERE id = ?").get(requestId) as { mask: number };
  return CHECKS.filter((_, i) => (row.mask & (1 << i)) !== 0);
}

/** Farms of the sample directory in a département, other than the named fixtures. */
export function farmSiretsIn(departement: string, count: number): string[] {
  const used = Object.values(SAMPLE_FIXTURES).map((f) => f.siret);
  const rows = getDb()
    .$client.prepare(
      `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
       WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL AND e.postal_code LIKE ? ORDER BY e.siret`,
    )
    .all(`${departement}%`) as { siret: string }[];
  return rows
    .map((r) => r.siret)
    .filter((s) => !used.includes(s))
    .slice(0, count);
}

/** Another verified farm with its space and default bank details (this IBAN). */
export async function otherFarm(siret: string, iban = "FR1420041010050500013M02606"): Promise<RefundFarm> {
  const farm = await managerWithStructure(siret, false, { verified: true });
  openTicSpace(farm.actor, farm.structureId);
  const account = addBankAccount(
    farm.actor,
    { structureId: farm.structureId, holder: "Exploitation", iban, bic: "PSSTFRPPXXX", makeDefault: true, rib: PNG_FILE },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  return { actor: farm.actor, structureId: farm.structureId, bankAccountId: account.data.bankAccountId };
}
