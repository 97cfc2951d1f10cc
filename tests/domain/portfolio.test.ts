import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refundRequests, userPreferences } from "@/db/schema";
import { AccessDenied, can } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { askMandate, decideMandate, endMandate, giveMandate } from "@/lib/mandates/mandates";
import { portfolioPage, portfolioSearch, type PortfolioFilters } from "@/lib/portfolio/queries";
import {
  actOnPortfolioRow,
  createFromPortfolio,
  createTarget,
  openFromPortfolio,
  openTarget,
  portfolioTargetSchema,
} from "@/lib/portfolio/portfolio";
import { parseForm } from "@/lib/forms";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { requestDetail } from "@/lib/refunds/queries";
import { addLine, createRequest } from "@/lib/refunds/requests";
import { transmissionProblems } from "@/lib/refunds/transmission";
import { openYears } from "@/lib/refunds/years";
import { currentStructure } from "@/lib/structures/queries";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

/** Mid-2024: the open years are 2021, 2022 and 2023, all with sourced rates. */
const NOW = new Date("2024-06-15T10:00:00Z");
const YEARS = openYears(NOW);
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;

/** Farms of the bundled SIRENE sample that no structure uses, by SIRET order. */
function farmSirets(count: number): string[] {
  const used = Object.values(SAMPLE_FIXTURES).map((f) => f.siret);
  const rows = getDb()
    .$client.prepare(
      `SELECT e.siret FROM directory_establishments e JOIN directory_legal_units u USING (siren)
       WHERE e.is_active = 1 AND e.is_diffusible = 1 AND e.naf_code LIKE '01%' AND u.name IS NOT NULL ORDER BY e.siret`,
    )
    .all() as { siret: string }[];
  return rows
    .map((r) => r.siret)
    .filter((s) => !used.includes(s))
    .slice(0, count);
}

type Farm = Awaited<ReturnType<typeof managerWithStructure>> & { name: string };

async function farmWithSpace(siret: string, options: { verified?: boolean } = {}): Promise<Farm> {
  const farm = await managerWithStructure(siret, false, options);
  openTicSpace(farm.actor, farm.structureId);
  const { name } = getDb().$client.prepare("SELECT name FROM structures WHERE id = ?").get(farm.structureId) as { name: string };
  return { ...farm, name };
}

function give(farm: Farm, rights: "consultation" | "modification", agentSiret = CENTRE, endDate: string | null = null) {
  const given = giveMandate(farm.actor, { farmStructureId: farm.structureId, agentSiret, rights, canTransmit: false, endDate }, META, NOW);
  if (!given.ok) throw new Error(JSON.stringify(given));
  return given.data.mandateId;
}

async function centreWithMember() {
  await importSample();
  const centre = await managerWithStructure(CENTRE, true);
  const member = await attachedMember(centre.actor, centre.structureId);
  return { centre, member: member.actor };
}

const page = (actor: Actor, filters: PortfolioFilters = {}, number = 1, pageSize = 50) =>
  portfolioPage(actor.userId, YEARS, filters, number, NOW, pageSize);
const farmsOf = (rows: { name: string }[]) => [...new Set(rows.map((r) => r.name))];

describe("portefeuille", () => {
  it("lists only the farms with a mandate in force held by one of the user's structures", async () => {
    const { centre, member } = await centreWithMember();
    const [inForce, consultation, ended, refused, pending, expired, otherCentres] = farmSirets(7);
    const kept = await farmWithSpace(inForce!);
    give(kept, "modification");
    const viewOnly = await farmWithSpace(consultation!);
    give(viewOnly, "consultation", CENTRE, "2024-06-15");
    const endedFarm = await farmWithSpace(ended!);
    endMandate(endedFarm.actor, give(endedFarm, "modification"), META, NOW);
    const refusedFarm = await farmWithSpace(refused!);
    const asked = askMandate(
      centre.actor,
      { agentStructureId: centre.structureId, farmSiret: refused!, rights: "modification", canTransmit: false, endDate: null },
      META,
      NOW,
    );
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    decideMandate(refusedFarm.actor, { mandateId: asked.data.mandateId, decision: "refuse", reason: null }, META, NOW);
    await farmWithSpace(pending!);
    expect(
      askMandate(
        centre.actor,
        { agentStructureId: centre.structureId, farmSiret: pending!, rights: "modification", canTransmit: false, endDate: null },
        META,
        NOW,
      ).ok,
    ).toBe(true);
    const expiredFarm = await farmWithSpace(expired!);
    give(expiredFarm, "modification", CENTRE, "2024-06-15");
    // Given while still running; its end date has passed since.
    getDb().$client.prepare("UPDATE mandates SET end_date = '2024-06-14' WHERE farm_structure_id = ?").run(expiredFarm.structureId);
    // Another centre's client.
    const otherCentre = await managerWithStructure(SAMPLE_FIXTURES.cuma.siret, true);
    const theirs = await farmWithSpace(otherCentres!);
    give(theirs, "modification", SAMPLE_FIXTURES.cuma.siret);

    const { rows, total } = page(member);
    expect(farmsOf(rows).sort()).toEqual([kept.name, viewOnly.name].sort());
    // One row per farm and open year.
    expect(total).toBe(2 * YEARS.length);
    expect(rows.filter((r) => r.name === kept.name).map((r) => r.year)).toEqual([...YEARS].reverse());
    // The centre's gestionnaire principal sees the same; the other centre only its own client.
    expect(farmsOf(page(centre.actor).rows).sort()).toEqual([kept.name, viewOnly.name].sort());
    expect(farmsOf(page(otherCentre.actor).rows)).toEqual([theirs.name]);
    // The day after its end date, the consultation mandate is out too.
    expect(farmsOf(portfolioPage(member.userId, YEARS, {}, 1, new Date("2024-06-16T10:00:00Z")).rows)).toEqual([kept.name]);
    // A farm's own manager has no client: the access policy still lets them see the (empty) page.
    expect(page(kept.actor).total).toBe(0);
    expect(can(member, "portfolio.view", { structureId: centre.structureId })).toBe(true);
  });

  it("says what is missing before transmission, like the request page", async () => {
    const { member } = await centreWithMember();
    const [a, b] = farmSirets(2);
    const verified = await farmWithSpace(a!, { verified: true });
    give(verified, "modification");
    const unverified = await farmWithSpace(b!);
    give(unverified, "modification");
    const account = addBankAccount(
      verified.actor,
      {
        structureId: verified.structureId,
        holder: "GAEC",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPPXXX",
        makeDefault: true,
        rib: PNG_FILE,
      },
      META,
    );
    if (!account.ok) throw new Error(JSON.stringify(account));
    // 2023: bank details and attestation given, one line without its invoice.
    const full = createRequest(
      verified.actor,
      { structureId: verified.structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
      META,
      NOW,
    );
    if (!full.ok) throw new Error(JSON.stringify(full));
    const added = addLine(
      verified.actor,
      {
        requestId: full.data.requestId,
        invoiceNumber: "FA-1",
        deliveryDate: "2023-03-15",
        product: "gnr",
        volume: "1 000",
        billedFullTariff: "",
        invoice: null,
        then: "stay",
      },
      META,
      NOW,
    );
    if (!added.ok) throw new Error(JSON.stringify(added));
    // 2022: nothing given; 2021: transmitted (nothing more to give).
    const empty = createRequest(
      verified.actor,
      { structureId: verified.structureId, year: 2022, bankAccountId: null, notInDifficulty: false },
      META,
      NOW,
    );
    const sent = createRequest(
      verified.actor,
      { structureId: verified.structureId, year: 2021, bankAccountId: null, notInDifficulty: false },
      META,
      NOW,
    );
    if (!empty.ok || !sent.ok) throw new Error("creation failed");
    getDb().update(refundRequests).set({ status: "submitted" }).where(eq(refundRequests.id, sent.data.requestId)).run();
    // The unverified farm: a 2023 request with everything but the verification.
    const blocked = createRequest(
      unverified.actor,
      { structureId: unverified.structureId, year: 2023, bankAccountId: null, notInDifficulty: true },
      META,
      NOW,
    );
    if (!blocked.ok) throw new Error(JSON.stringify(blocked));

    const rows = page(member).rows;
    const row = (name: string, year: number) => rows.find((r) => r.name === name && r.year === year)!;
    expect(row(verified.name, 2023)).toMatchObject({
      status: "draft",
      requestId: full.data.requestId,
      lineCount: 1,
      missing: ["invoices"],
      pacage: "031123456",
    });
    expect(row(verified.name, 2023).totalCents).toBeGreaterThan(0);
    expect(row(verified.name, 2022)).toMatchObject({ status: "draft", totalCents: 0, missing: ["bank", "attestation", "lines"] });
    expect(row(verified.name, 2021)).toMatchObject({ status: "submitted", missing: [] });
    expect(row(unverified.name, 2023)).toMatchObject({ missing: ["verification", "bank", "lines"] });
    expect(row(unverified.name, 2022)).toMatchObject({ requestId: null, status: null, missing: ["verification"] });

    // The farm closes its TIC space: the mandate gives access to nothing, its requests are no longer shown.
    getDb().$client.prepare("UPDATE spaces SET closed_at = ? WHERE structure_id = ?").run(NOW.getTime(), verified.structureId);
    expect(page(member).rows.filter((r) => r.name === verified.name)).toEqual(
      YEARS.map(() => expect.objectContaining({ spaceOpen: false, pacage: null, requestId: null, status: null, mayEdit: false })),
    );
    getDb().$client.prepare("UPDATE spaces SET closed_at = NULL WHERE structure_id = ?").run(verified.structureId);

    // The same verdict as the request page, for every request still being written.
    for (const r of rows.filter((r) => r.status === "draft")) {
      expect(r.missing.length > 0, `${r.name} ${r.year}`).toBe(transmissionProblems(requestDetail(r.requestId!)!).length > 0);
    }

    // Filters: by missing item, by status, by year, « ready » and « no request ».
    expect(page(member, { missing: "invoices" }).rows.map((r) => [r.name, r.year])).toEqual([[verified.name, 2023]]);
    expect(page(member, { missing: "bank" }).total).toBe(2);
    expect(
      page(member, { missing: "any", year: 2022 })
        .rows.map((r) => r.name)
        .sort(),
    ).toEqual([verified.name, unverified.name].sort());
    expect(page(member, { status: "submitted" }).rows.map((r) => r.requestId)).toEqual([sent.data.requestId]);
    expect(page(member, { status: "none" }).rows.map((r) => [r.name, r.year])).toEqual([
      [unverified.name, 2022],
      [unverified.name, 2021],
    ]);
    expect(page(member, { missing: "ready" }).total).toBe(0);
    expect(page(member, { year: 2023 }).rows.every((r) => r.year === 2023)).toBe(true);
    expect(page(member, { year: 2023 }).total).toBe(2);
  });

  it("sorts and pages in SQL", async () => {
    const { member } = await centreWithMember();
    const farms: Farm[] = [];
    for (const siret of farmSirets(3)) {
      const farm = await farmWithSpace(siret);
      give(farm, "modification");
      farms.push(farm);
    }
    const byName = [...farms].sort((x, y) => x.name.localeCompare(y.name, "fr"));
    // The last farm by name has the largest total and the latest change.
    const last = byName.at(-1)!;
    const created = createRequest(
      last.actor,
      { structureId: last.structureId, year: 2023, bankAccountId: null, notInDifficulty: false },
      META,
      NOW,
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    addLine(
      last.actor,
      {
        requestId: created.data.requestId,
        invoiceNumber: "FA-9",
        deliveryDate: "2023-05-02",
        product: "gnr",
        volume: "500",
        billedFullTariff: "",
        invoice: null,
        then: "stay",
      },
      META,
      NOW,
    );

    expect(farmsOf(page(member, { sort: "name" }).rows)).toEqual(byName.map((f) => f.name));
    expect(farmsOf(page(member, { sort: "-name" }).rows)).toEqual(byName.map((f) => f.name).reverse());
    // farmSirets() gives them in SIRET order.
    expect(farmsOf(page(member, { sort: "siret" }).rows)).toEqual(farms.map((f) => f.name));
    expect(page(member, { sort: "-total" }).rows[0]).toMatchObject({ name: last.name, year: 2023 });
    expect(page(member, { sort: "-updated" }).rows[0]).toMatchObject({ name: last.name, year: 2023 });
    expect(page(member, { sort: "total" }).rows.at(-1)).toMatchObject({ name: last.name, year: 2023 });
    // Rows without a request come after the others whatever the direction of « dernière modification ».
    expect(page(member, { sort: "updated" }).rows[0]).toMatchObject({ name: last.name, year: 2023 });

    // Pages of 4 rows over 3 farms × 3 years.
    const first = page(member, {}, 1, 4);
    expect(first).toMatchObject({ total: 9, page: 1, pages: 3 });
    expect(first.rows).toHaveLength(4);
    const third = page(member, {}, 3, 4);
    expect(third.rows).toHaveLength(1);
    const all = [1, 2, 3].flatMap((n) => page(member, {}, n, 4).rows.map((r) => `${r.farmId}-${r.year}`));
    expect(new Set(all).size).toBe(9);
    // Past the end: the last page.
    expect(page(member, {}, 99, 4)).toMatchObject({ page: 3, rows: third.rows });
    // Read farm by farm (sorted by name): each farm's years in a run, the newest first.
    const byFarm = [1, 2, 3].flatMap((n) => page(member, { sort: "-name" }, n, 4).rows.map((r) => `${r.farmId}-${r.year}`));
    expect(byFarm).toEqual([...byName].reverse().flatMap((f) => [...YEARS].reverse().map((y) => `${f.structureId}-${y}`)));
    // Read row by row (sorted by a request's date).
    const byUpdate = [1, 2, 3].flatMap((n) => page(member, { sort: "-updated" }, n, 4).rows.map((r) => `${r.farmId}-${r.year}`));
    expect(new Set(byUpdate).size).toBe(9);
    expect(page(member, { sort: "-updated" }, 1, 4).total).toBe(9);
  });

  it("finds a farm by part of its name, its SIRET or its PACAGE (issue 21, point 10)", async () => {
    const { member } = await centreWithMember();
    const sirets = farmSirets(3);
    const farms: Farm[] = [];
    for (const siret of sirets) {
      const farm = await farmWithSpace(siret);
      give(farm, "modification");
      farms.push(farm);
    }
    const [a, b, c] = farms as [Farm, Farm, Farm];
    const siretA = sirets[0]!;
    getDb().$client.prepare("UPDATE spaces SET pacage = '097612345' WHERE structure_id = ?").run(b.structureId);
    // A name with an accent, as a farm named by hand could be.
    getDb().$client.prepare("UPDATE structures SET name = 'EARL DU PRÉ 50%_FLEURI' WHERE id = ?").run(c.structureId);
    const found = (search: string, filters: PortfolioFilters = {}) => farmsOf(page(member, { ...filters, search }).rows);

    // A word of the name, in any case.
    const word = a.name.split(" ").sort((x, y) => y.length - x.length)[0]!;
    expect(found(word.toLowerCase())).toContain(a.name);
    expect(found(word.toLowerCase())).not.toContain("EARL DU PRÉ 50%_FLEURI");
    // With or without its accent; « % » and « _ » are plain characters.
    expect(found("pré")).toEqual(["EARL DU PRÉ 50%_FLEURI"]);
    expect(found("earl du pre")).toEqual(["EARL DU PRÉ 50%_FLEURI"]);
    expect(found("50%_f")).toEqual(["EARL DU PRÉ 50%_FLEURI"]);
    expect(found("5%")).toEqual([]);
    // The SIRET as shown (« 732 829 320 00074 ») or part of it.
    const spaced = `${siretA.slice(0, 3)} ${siretA.slice(3, 6)} ${siretA.slice(6, 9)} ${siretA.slice(9)}`;
    expect(found(spaced)).toEqual([a.name]);
    expect(found(siretA.slice(5, 12))).toEqual([a.name]);
    // The PACAGE.
    expect(found("097612345")).toEqual([b.name]);
    expect(found("0976 12")).toEqual([b.name]);
    expect(found("031123456").sort()).toEqual([a.name, "EARL DU PRÉ 50%_FLEURI"].sort());
    // Nothing found; and combined with the other filters, counted and paged over the farms found.
    expect(page(member, { search: "introuvable" })).toMatchObject({ total: 0, rows: [] });
    expect(page(member, { search: "097612345", year: YEARS[0] })).toMatchObject({ total: 1 });
    expect(page(member, { search: "097612345" }, 1, 2)).toMatchObject({ total: YEARS.length, pages: Math.ceil(YEARS.length / 2) });
    expect(page(member, { search: "097612345", status: "none" }).total).toBe(YEARS.length);
  });

  it("keeps a search parameter harmless: no control character, spaces folded, bounded", () => {
    expect(portfolioSearch("  trois\u0000  chênes\u202e ")).toBe("trois chênes");
    expect(portfolioSearch(["a", "b"])).toBe("a");
    expect(portfolioSearch(undefined)).toBe("");
    expect(portfolioSearch("x".repeat(500))).toHaveLength(120);
  });

  it("creates and opens a client's request in one click, never beyond the mandate", async () => {
    const { centre, member } = await centreWithMember();
    const [a, b] = farmSirets(2);
    const editable = await farmWithSpace(a!);
    give(editable, "modification");
    const account = addBankAccount(
      editable.actor,
      {
        structureId: editable.structureId,
        holder: "EARL",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPPXXX",
        makeDefault: true,
        rib: PNG_FILE,
      },
      META,
    );
    if (!account.ok) throw new Error(JSON.stringify(account));
    const viewOnly = await farmWithSpace(b!);
    give(viewOnly, "consultation");
    const existing = createRequest(
      viewOnly.actor,
      { structureId: viewOnly.structureId, year: 2023, bankAccountId: null, notInDifficulty: false },
      META,
      NOW,
    );
    if (!existing.ok) throw new Error(JSON.stringify(existing));

    const rows = page(member).rows;
    // A consultation-only mandate: no « Créer ».
    expect(rows.filter((r) => r.name === viewOnly.name).every((r) => !r.mayEdit)).toBe(true);
    expect(rows.filter((r) => r.name === editable.name).every((r) => r.mayEdit)).toBe(true);
    expect(() => createFromPortfolio(member, { structureId: viewOnly.structureId, year: 2022 }, META, NOW)).toThrow(AccessDenied);

    const created = createFromPortfolio(member, { structureId: editable.structureId, year: 2023 }, META, NOW);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const request = getDb().select().from(refundRequests).where(eq(refundRequests.id, created.data.requestId)).get()!;
    expect(request).toMatchObject({
      structureId: editable.structureId,
      year: 2023,
      status: "draft",
      bankAccountId: account.data.bankAccountId,
      notInDifficulty: false,
      createdBy: member.userId,
    });
    // The farm is now the structure the member works on.
    expect(currentStructure(member.userId).current?.id).toBe(editable.structureId);
    // A second click opens the same request.
    const again = createFromPortfolio(member, { structureId: editable.structureId, year: 2023 }, META, NOW);
    expect(again).toMatchObject({ ok: true, data: { requestId: created.data.requestId } });
    // A closed year is refused in words.
    expect(createFromPortfolio(member, { structureId: editable.structureId, year: 2019 }, META, NOW)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/2019/),
    });

    // « Ouvrir » with consultation rights switches to the farm; the row's button posts its target.
    const posted = parseForm(portfolioTargetSchema, { cible: openTarget(existing.data.requestId) });
    if (!posted.ok) throw new Error(JSON.stringify(posted));
    expect(actOnPortfolioRow(member, posted.data, META, NOW)).toEqual({ ok: true, data: { requestId: existing.data.requestId } });
    expect(parseForm(portfolioTargetSchema, { cible: createTarget(viewOnly.structureId, 2022) })).toEqual({
      ok: true,
      data: { cible: { kind: "create", structureId: viewOnly.structureId, year: 2022 } },
    });
    expect(parseForm(portfolioTargetSchema, { cible: "delete:1" }).ok).toBe(false);
    expect(getDb().select().from(userPreferences).where(eq(userPreferences.userId, member.userId)).get()?.currentStructureId).toBe(
      viewOnly.structureId,
    );
    // Someone without a mandate cannot open it.
    const stranger = await managerWithStructure(SAMPLE_FIXTURES.individual.siret);
    expect(() => openFromPortfolio(stranger.actor, { requestId: existing.data.requestId })).toThrow(AccessDenied);

    // The menu and the page, one right: a member with clients, the centre's manager (a centre de gestion), not the stranger.
    const menu = (actor: Actor) => can(actor, "portfolio.view");
    expect(menu(member)).toBe(true);
    expect(menu(centre.actor)).toBe(true);
    expect(menu(stranger.actor)).toBe(false);
  });
});
