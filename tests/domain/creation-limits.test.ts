// Issue 22, point 2: one account claimed 12 SIRETs in 2 s. Creations are limited per person and per
// address; operators see the letters by requester and stop a burst.
import { and, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, directoryEstablishments, directoryLegalUnits, structures, verificationLetters } from "@/db/schema";
import { getDb } from "@/lib/db";
import { createStructure } from "@/lib/structures/create-structure";
import { pendingLetters, pendingLettersByRequester, stopLettersOf } from "@/lib/structures/operator";
import { META, activeUser, actorFor } from "../support/accounts";
import { importSample } from "../support/directory";

beforeEach(async () => {
  await importSample();
});

function activeSirets(n: number): string[] {
  return getDb()
    .select({ siret: directoryEstablishments.siret })
    .from(directoryEstablishments)
    .innerJoin(directoryLegalUnits, eq(directoryLegalUnits.siren, directoryEstablishments.siren))
    .where(
      and(eq(directoryEstablishments.isActive, true), eq(directoryLegalUnits.isActive, true), like(directoryEstablishments.nafCode, "01%")),
    )
    .limit(n)
    .all()
    .map((row) => row.siret);
}

describe("structure creation limits", () => {
  it("three a day per person, then a French refusal that points to mandates; nothing written, the refusal audited", async () => {
    const actor = await actorFor(await activeUser());
    const sirets = activeSirets(5);
    const now = new Date("2026-12-07T09:00:00Z");
    for (const siret of sirets.slice(0, 3))
      expect(await createStructure(actor, { siret, rcs: null, isManagementCentre: false }, META, now)).toMatchObject({ ok: true });
    const fourth = await createStructure(actor, { siret: sirets[3]!, rcs: null, isManagementCentre: false }, META, now);
    expect(fourth).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^Vous avez déjà inscrit 3 structures aujourd'hui.*mandat.*Réessayez dans 24 heures\.$/),
    });
    expect(getDb().select().from(structures).all()).toHaveLength(3);
    expect(getDb().select().from(verificationLetters).all()).toHaveLength(3);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "structure.create_limited")).all()).toHaveLength(1);
    // The next day, again.
    expect(
      await createStructure(actor, { siret: sirets[3]!, rcs: null, isManagementCentre: false }, META, new Date(now.getTime() + 86_400_000)),
    ).toMatchObject({ ok: true });
  });

  it("ten a day per address, whoever signs in", async () => {
    const sirets = activeSirets(12);
    expect(sirets).toHaveLength(12);
    const now = new Date("2026-12-07T09:00:00Z");
    const results = [];
    for (let i = 0; i < 11; i++) {
      const actor = await actorFor(await activeUser());
      results.push(await createStructure(actor, { siret: sirets[i]!, rcs: null, isManagementCentre: false }, { ip: "203.0.113.9" }, now));
    }
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results[10]).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^Trop de structures ont été inscrites depuis votre connexion/),
    });
  });
});

describe("letters by requester", () => {
  it("shows who asked each letter, groups the busiest first, and stops a burst (audited)", async () => {
    const sirets = activeSirets(4);
    const busyUser = await activeUser();
    const busy = await actorFor(busyUser);
    const quiet = await actorFor(await activeUser());
    for (const siret of sirets.slice(0, 3)) await createStructure(busy, { siret, rcs: null, isManagementCentre: false }, META);
    await createStructure(quiet, { siret: sirets[3]!, rcs: null, isManagementCentre: false }, META);
    expect(pendingLetters()[0]).toMatchObject({ requesterId: busy.userId, requesterEmail: busyUser.loginEmail });
    const groups = pendingLettersByRequester();
    expect(groups.map((g) => [g.requesterId, g.letters.length])).toEqual([
      [busy.userId, 3],
      [quiet.userId, 1],
    ]);
    expect(groups[0]!.requester).toContain(busyUser.loginEmail);

    expect(stopLettersOf(busy.userId, { operator: "", motif: "rafale" })).toMatchObject({ ok: false });
    const stopped = stopLettersOf(busy.userId, { operator: "Alice Opératrice", motif: "12 SIRET en 2 secondes" });
    expect(stopped).toMatchObject({ ok: true, data: { stopped: [1, 2, 3] } });
    expect(pendingLetters().map((l) => l.requesterId)).toEqual([quiet.userId]);
    expect(
      getDb()
        .select({ pdf: verificationLetters.pdf })
        .from(verificationLetters)
        .where(eq(verificationLetters.requestedBy, busy.userId))
        .all()
        .every((l) => l.pdf === null),
    ).toBe(true);
    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.action, "operator.letters_stopped")).get()!;
    expect(JSON.parse(audit.details!)).toMatchObject({ operator: "Alice Opératrice", letterIds: [1, 2, 3] });
  });
});
