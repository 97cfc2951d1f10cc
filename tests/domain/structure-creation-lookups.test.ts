import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { structures } from "@/db/schema";
import { resetConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { SEAL_MINUTES, openSeal } from "@/lib/structures/directory-seal";
import { createStructure, prepareStructure } from "@/lib/structures/create-structure";
import { META, activeUser, actorFor } from "../support/accounts";
import { INSEE_ANSWER, json, stubServer } from "../support/directory";

const SIRET = "73282932000074";
const NOW = new Date("2026-12-07T10:00:00Z");

/** The INSEE API, stubbed over real HTTP: every lookup is one request it counts. */
async function inseeDirectory() {
  const stub = await stubServer((req, res) =>
    req.url === `/siret/${SIRET}` ? json(res, 200, INSEE_ANSWER) : json(res, 404, { header: { statut: 404 } }),
  );
  Object.assign(process.env, {
    DIRECTORY_SOURCE: "insee",
    INSEE_API_URL: stub.url,
    INSEE_API_KEY: "cle-test",
    DIRECTORY_TIMEOUT_MS: "2000",
  });
  resetConfig();
  return stub;
}

afterEach(() => {
  for (const key of ["DIRECTORY_SOURCE", "INSEE_API_URL", "INSEE_API_KEY", "DIRECTORY_TIMEOUT_MS"]) delete process.env[key];
  resetConfig();
});

async function draftOf(actor: Awaited<ReturnType<typeof actorFor>>, seal: string | null = null, now = NOW) {
  const draft = await prepareStructure(actor, SIRET, seal, now);
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  return draft.data;
}

/** The same seal with another establishment in it, its signature kept. */
function tampered(seal: string): string {
  const [version, payload, signature] = seal.split(".");
  const content = JSON.parse(Buffer.from(payload!, "base64url").toString());
  content.establishment.name = "SOCIÉTÉ INVENTÉE";
  return `${version}.${Buffer.from(JSON.stringify(content)).toString("base64url")}.${signature}`;
}

describe("one directory lookup per structure creation", () => {
  it("asks the directory at « Continuer » only: the validation page and « Enregistrer » reuse its sealed answer", async () => {
    const stub = await inseeDirectory();
    try {
      const actor = await actorFor(await activeUser());
      const continued = await draftOf(actor); // « Continuer »
      expect(stub.requests).toHaveLength(1);
      const shown = await draftOf(actor, continued.seal); // the validation page
      expect(shown.establishment).toEqual(continued.establishment);
      // « Enregistrer et Valider »
      const created = await createStructure(actor, { siret: SIRET, rcs: null, isManagementCentre: false, seal: shown.seal }, META, NOW);
      expect(created.ok).toBe(true);
      expect(stub.requests).toHaveLength(1);
      expect(getDb().select().from(structures).where(eq(structures.siret, SIRET)).get()).toMatchObject({
        name: "CLAIRE DURAND",
        city: "TOULOUSE",
        postalCode: "31500",
      });
    } finally {
      await stub.close();
    }
  });

  it("never believes a seal it did not make for this user, this SIRET and the last half hour: it asks the directory again", async () => {
    const stub = await inseeDirectory();
    try {
      const actor = await actorFor(await activeUser());
      const other = await actorFor(await activeUser());
      const { seal } = await draftOf(actor);
      expect(stub.requests).toHaveLength(1);
      expect(openSeal(seal, actor.userId, SIRET, NOW)).toMatchObject({ siret: SIRET });
      expect(openSeal(tampered(seal), actor.userId, SIRET, NOW)).toBeNull();
      expect(openSeal(seal, other.userId, SIRET, NOW)).toBeNull();
      expect(openSeal(seal, actor.userId, "41234567000019", NOW)).toBeNull();
      expect(openSeal(seal, actor.userId, SIRET, new Date(NOW.getTime() + (SEAL_MINUTES + 1) * 60_000))).toBeNull();
      expect(openSeal("v1.e30.AAAA", actor.userId, SIRET, NOW)).toBeNull();

      // Someone else's seal, or one past its half hour: the directory is asked again.
      const others = await draftOf(other, seal);
      expect(stub.requests).toHaveLength(2);
      expect(openSeal(others.seal, other.userId, SIRET, NOW)).toMatchObject({ siret: SIRET });
      await draftOf(actor, seal, new Date(NOW.getTime() + (SEAL_MINUTES + 1) * 60_000));
      expect(stub.requests).toHaveLength(3);
      await draftOf(actor, seal, new Date(NOW.getTime() + 5 * 60_000));
      expect(stub.requests).toHaveLength(3);
      // Altered: the directory is asked and its answer, not the seal's, is what the structure gets.
      const created = await createStructure(actor, { siret: SIRET, rcs: null, isManagementCentre: false, seal: tampered(seal) }, META, NOW);
      expect(created.ok).toBe(true);
      expect(stub.requests).toHaveLength(4);
      expect(getDb().select({ name: structures.name }).from(structures).where(eq(structures.siret, SIRET)).get()).toEqual({
        name: "CLAIRE DURAND",
      });
    } finally {
      await stub.close();
    }
  });
});
