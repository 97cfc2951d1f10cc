import { beforeEach, describe, expect, it } from "vitest";
import { onboardingChecklist } from "@/lib/onboarding/checklist";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { importSample } from "../support/directory";
import { managerWithStructure } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

describe("« Accueil » of a centre de gestion agricole", () => {
  it("leads to its clients' mandates, never to opening the TIC space for itself", async () => {
    const centre = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
    const { steps, next, managementCentre } = onboardingChecklist(centre.actor);
    expect(managementCentre).toBe(true);
    expect(next).toMatchObject({ href: "/mandats/nouveau", label: "Demander un mandat à vos clients" });
    expect(steps.map((step) => step.number)).toEqual([1, 2]);
    expect(JSON.stringify({ steps, next })).not.toMatch(/Ouvr(ez|ir) l'espace/);
  });

  it("a farm's manager is still asked to open the space", async () => {
    const farm = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret);
    const { next, managementCentre } = onboardingChecklist(farm.actor);
    expect(managementCentre).toBeUndefined();
    expect(next).toMatchObject({ label: "Ouvrir l'espace", href: `/gestionnaire/structures/${farm.structureId}` });
  });
});
