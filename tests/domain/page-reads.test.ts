import { describe, expect, it } from "vitest";
import { authorize, rightsOn } from "@/lib/access";
import { parisToday } from "@/lib/dates";
import { giveMandate } from "@/lib/mandates/mandates";
import { mandateInForceSql, isInForce } from "@/lib/mandates/in-force";
import { getDb } from "@/lib/db";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { createRequest } from "@/lib/refunds/requests";
import { selectStructure } from "@/lib/structures/attachments";
import { currentStructure } from "@/lib/structures/queries";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { countStatements } from "../support/statement-count";
import { attachedMember, managerWithStructure, openTicSpace, subscribedMember } from "../support/structures";

/**
 * The statements the policy runs for a page, counted rather than timed (the machine is shared).
 * Before ADR 0019 the request page asked `can()` three times (view, edit, transmit: 12 statements
 * for the manager and a subscribed member, 15 for a mandated accountant) and the layout read the
 * current structure, the managed structures and the space rights (6, 6 and 8).
 */
const BEFORE = { requestPage: { manager: 12, member: 12, accountant: 15 }, layout: { manager: 6, member: 6, accountant: 8 } };

async function world() {
  await importSample();
  const farm = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret, false, { verified: true });
  const spaceId = openTicSpace(farm.actor, farm.structureId);
  const member = await subscribedMember(farm.actor, farm.structureId, spaceId, { canView: true, canEdit: true });
  const centre = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
  const accountant = await attachedMember(centre.actor, centre.structureId);
  giveMandate(
    farm.actor,
    {
      farmStructureId: farm.structureId,
      agentSiret: SAMPLE_FIXTURES.managementCentre.siret,
      rights: "modification",
      canTransmit: false,
      endDate: null,
    },
    META,
  );
  const rib = addBankAccount(
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
  if (!rib.ok) throw new Error("rib");
  const created = createRequest(
    farm.actor,
    { structureId: farm.structureId, year: 2025, bankAccountId: rib.data.bankAccountId, notInDifficulty: true },
    META,
    new Date("2026-03-01T10:00:00Z"),
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  selectStructure(accountant.actor, farm.structureId);
  return { farm, member, accountant, requestId: created.data.requestId };
}

describe("reads per page", () => {
  it("resolves a request page's rights once, and the layout's menu with no more statements than before", async () => {
    const w = await world();
    for (const name of ["manager", "member", "accountant"] as const) {
      const who = name === "manager" ? w.farm : w[name];
      const page = countStatements(() => authorize(who.actor, "refund.view", { requestId: w.requestId }));
      expect(page.result.ok, name).toBe(true);
      expect(page.count, `${name}: request page`).toBeLessThanOrEqual(BEFORE.requestPage[name] / 2);
      const layout = countStatements(() => {
        const { current } = currentStructure(who.actor.userId);
        return rightsOn(who.actor, { structureId: current!.id });
      });
      expect(layout.result?.rights.has("refund.view"), name).toBe(true);
      expect(layout.count, `${name}: layout`).toBeLessThanOrEqual(BEFORE.layout[name]);
    }
  });
});

describe("a mandate in force", () => {
  it("reads the same in SQL and in TypeScript", () => {
    const today = parisToday(new Date("2026-12-07T10:00:00Z"));
    const cases = ["pending", "active", "refused", "cancelled", "ended"].flatMap((status) =>
      [null, "2026-12-06", "2026-12-07", "2026-12-08"].map((endDate) => ({ status, endDate })),
    );
    const db = getDb().$client;
    for (const mandate of cases) {
      const inSql = db
        .prepare(`SELECT ${mandateInForceSql("m", "@today")} AS f FROM (SELECT @status AS status, @endDate AS end_date) m`)
        .get({ ...mandate, today }) as { f: number };
      expect(inSql.f === 1, JSON.stringify(mandate)).toBe(isInForce(mandate, today));
    }
    expect(isInForce({ status: "active", endDate: "2026-12-07" }, today)).toBe(true);
    expect(isInForce({ status: "active", endDate: "2026-12-06" }, today)).toBe(false);
  });
});
