import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, spaces } from "@/db/schema";
import { AccessDenied } from "@/lib/access";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { pacageError } from "@/lib/spaces/catalogue";
import { MANAGEMENT_CENTRE_REFUSAL, openSpaces, updateSpace } from "@/lib/spaces/open-spaces";
import { spaceAccesses } from "@/lib/spaces/rights";
import { openSpacesSchema } from "@/lib/spaces/schemas";
import { addService, setServiceActive } from "@/lib/spaces/services";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

const form = (structureId: number, overrides: Record<string, unknown> = {}) => ({
  structureId: String(structureId),
  kinds: ["ticRefund"],
  canView: "on",
  canEdit: "on",
  pacage: "031 123 456",
  beneficiaryCategory: "company",
  ...overrides,
});

describe("opening the TIC space", () => {
  it("checks the PACAGE format and requires the catégorie de bénéficiaire", () => {
    for (const ok of ["031123456", "02A123456", "02B000001", "971123456", "976000000"]) expect(pacageError(ok), ok).toBeNull();
    for (const bad of ["131123456", "03112345", "0311234567", "000123456", "977123456", "ABCDEFGHI"])
      expect(pacageError(bad), bad).not.toBeNull();
    const parsed = parseForm(openSpacesSchema, form(1, { pacage: "13 112 3456", beneficiaryCategory: "", canView: "", canEdit: "" }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && Object.keys(parsed.fieldErrors).sort()).toEqual(["beneficiaryCategory", "canView", "pacage"]);
    const noPacage = parseForm(openSpacesSchema, form(1, { pacage: "" }));
    expect(noPacage.ok && noPacage.data.pacage).toBeNull();
  });

  it("opens the space for the main manager, who gets the rights at once, and audits it", async () => {
    const { actor, structureId } = await managerWithStructure();
    const spaceId = openTicSpace(actor, structureId);
    expect(getDb().select().from(spaces).where(eq(spaces.id, spaceId)).get()).toMatchObject({
      kind: "ticRefund",
      pacage: "031123456",
      beneficiaryCategory: "company",
      canView: true,
      canEdit: true,
    });
    expect(spaceAccesses(actor.userId, structureId)).toEqual([
      { spaceId, structureId, kind: "ticRefund", canView: true, canEdit: true, canTransmit: true, via: "mainManager" },
    ]);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "space.opened")).all()).toHaveLength(1);
    // Twice is refused.
    expect(
      openSpaces(
        actor,
        { structureId, kinds: ["ticRefund"], serviceIds: [], canView: true, canEdit: true, pacage: null, beneficiaryCategory: "company" },
        META,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { kinds: expect.stringMatching(/déjà ouvert/) } });
  });

  it("refuses the TIC space to a centre de gestion agricole, which may open « Sollicitations émises »", async () => {
    const { actor, structureId } = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
    const input = { structureId, serviceIds: [], canView: true, canEdit: true, pacage: null, beneficiaryCategory: "company" };
    expect(openSpaces(actor, { ...input, kinds: ["ticRefund"] }, META)).toEqual({
      ok: false,
      fieldErrors: { kinds: MANAGEMENT_CENTRE_REFUSAL },
    });
    expect(openSpaces(actor, { ...input, kinds: ["supportRequests", "ticRefund"] }, META).ok).toBe(false);
    expect(getDb().select().from(spaces).all()).toHaveLength(0);
    expect(openSpaces(actor, { ...input, kinds: ["supportRequests"] }, META).ok).toBe(true);
  });

  it("is refused to anyone but the main manager", async () => {
    const { actor, structureId } = await managerWithStructure();
    const { actor: member } = await attachedMember(actor, structureId);
    expect(() => openTicSpace(member, structureId)).toThrow(AccessDenied);
  });

  it("lets the manager correct PACAGE and category later, with an audit of before and after", async () => {
    const { actor, structureId } = await managerWithStructure();
    const spaceId = openTicSpace(actor, structureId);
    expect(updateSpace(actor, { spaceId, pacage: "032654321", beneficiaryCategory: "individual" }, META).ok).toBe(true);
    expect(updateSpace(actor, { spaceId, pacage: null }, META)).toMatchObject({
      ok: false,
      fieldErrors: { beneficiaryCategory: expect.any(String) },
    });
    const event = getDb().select().from(auditEvents).where(eq(auditEvents.action, "space.updated")).get()!;
    expect(JSON.parse(event.details!)).toMatchObject({
      before: { pacage: "031123456", beneficiaryCategory: "company" },
      after: { pacage: "032654321", beneficiaryCategory: "individual" },
    });
  });

  it("opens a space for chosen active services only", async () => {
    const { actor, structureId } = await managerWithStructure();
    expect(addService(actor, { structureId, code: "cult", label: "Cultures" }, META).ok).toBe(true);
    expect(addService(actor, { structureId, code: "CULT", label: "Autre" }, META)).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.stringMatching(/déjà utilisé/) },
    });
    addService(actor, { structureId, code: "ELEV", label: "Élevage" }, META);
    const rows = getDb().$client.prepare("SELECT id, code FROM services ORDER BY code").all() as { id: number; code: string }[];
    setServiceActive(actor, { serviceId: rows[1]!.id, active: false }, META);
    const input = { structureId, kinds: ["ticRefund"], canView: true, canEdit: true, pacage: null, beneficiaryCategory: "company" };
    expect(openSpaces(actor, { ...input, serviceIds: [rows[1]!.id] }, META)).toMatchObject({
      ok: false,
      fieldErrors: { serviceIds: expect.any(String) },
    });
    expect(openSpaces(actor, { ...input, serviceIds: [rows[0]!.id] }, META).ok).toBe(true);
  });
});
