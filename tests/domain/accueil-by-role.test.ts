import { beforeEach, describe, expect, it } from "vitest";
import { onboardingChecklist } from "@/lib/onboarding/checklist";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { importSample } from "../support/directory";
import { openTicSpace as openTicSpaceOf } from "@/lib/spaces/tic-space";
import { managerWithStructure, openTicSpace, subscribedMember } from "../support/structures";

const openTicSpaceOnceFor = (structureId: number) => openTicSpaceOf(structureId)!.id;

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
    // Straight to the form « Ajouter des espaces », not the top of a long page (issue 21, point 9).
    expect(next).toMatchObject({ label: "Ouvrir l'espace", href: `/gestionnaire/structures/${farm.structureId}#ajouter-espaces` });
  });

  it("an unverified centre is not told that nothing can be transmitted in its name: it never files for itself", async () => {
    const centre = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
    const { verification } = onboardingChecklist(centre.actor);
    expect(verification).toMatchObject({
      title: "Structure non vérifiée",
      href: `/gestionnaire/structures/${centre.structureId}#verification`,
    });
    expect(verification!.text).not.toMatch(/aucune demande/);
    expect(verification!.text).toContain("ne dépendent que de la vérification de leur propre structure");
    // A farm's notice still says it.
    const farm = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret);
    expect(onboardingChecklist(farm.actor).verification!.text).toContain(
      "aucune demande de remboursement ne peut être transmise en son nom",
    );
  });
});

describe("« Accueil » leads each task to its form (issue 21, point 9)", () => {
  it("with the space open and no request yet: « Saisir une demande de remboursement », at its anchor", async () => {
    const farm = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret);
    openTicSpace(farm.actor, farm.structureId);
    expect(onboardingChecklist(farm.actor).next).toMatchObject({
      href: "/remboursement-tic#creer-demande",
      label: "Saisir une demande de remboursement",
    });
    // A member with « Consultation » only is led to the space itself, where there is no form for them.
    const member = await subscribedMember(farm.actor, farm.structureId, openTicSpaceOnceFor(farm.structureId), {
      canView: true,
      canEdit: false,
    });
    expect(onboardingChecklist(member.actor).next).toMatchObject({ href: "/remboursement-tic", label: "Demande de remboursement TIC" });
  });
});
