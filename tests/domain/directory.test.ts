import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { importStockFiles } from "@/lib/directory/import";
import { lookup } from "@/lib/directory/lookup";
import { ESTABLISHMENT_COLUMNS, csvLine } from "@/scripts/sirene/format";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { INSEE_ANSWER, SAMPLE, importSample, json, stubServer } from "../support/directory";

afterEach(() => {
  for (const key of ["DIRECTORY_SOURCE", "INSEE_API_URL", "INSEE_API_KEY", "RECHERCHE_ENTREPRISES_URL", "DIRECTORY_TIMEOUT_MS"])
    delete process.env[key];
  resetConfig();
});

function useSource(source: string, env: Record<string, string>) {
  Object.assign(process.env, { DIRECTORY_SOURCE: source, DIRECTORY_TIMEOUT_MS: "300", ...env });
  resetConfig();
}

describe("local directory (bundled sample)", () => {
  it("finds establishments with their legal unit's name, and says unknown otherwise", async () => {
    await importSample();
    const found = await lookup(SAMPLE_FIXTURES.earlDemo.siret);
    expect(found).toEqual({
      status: "found",
      establishment: {
        siret: "73282932000074",
        siren: "732829320",
        name: "EARL DES TROIS CHENES",
        street: "12 CHE DES VIGNES",
        complement: "LIEU-DIT LES GRANGES",
        postalCode: "31450",
        city: "MONTGISCARD",
        nafCode: "01.50Z",
        legalCategory: "6598",
        isHeadOffice: true,
        isActive: true,
      },
    });
    expect(await lookup("73282932000082")).toEqual({ status: "unknown" });
    expect(await lookup(SAMPLE_FIXTURES.closed.siret)).toMatchObject({ status: "found", establishment: { isActive: false } });
    expect(await lookup(SAMPLE_FIXTURES.individual.siret)).toMatchObject({
      establishment: { name: "CLAIRE DURAND", legalCategory: "1000" },
    });
    expect(await lookup(SAMPLE_FIXTURES.managementCentre.siret)).toMatchObject({ establishment: { nafCode: "69.20Z" } });
    expect(await lookup(SAMPLE_FIXTURES.laPoste.siret)).toMatchObject({ status: "found" });
  });

  it("holds 300+ establishments of every kind, and hides non-public persons' names", async () => {
    const report = await importSample();
    expect(report.establishments.kept).toBeGreaterThanOrEqual(300);
    const rows = getDb()
      .$client.prepare(
        "SELECT e.siret, e.is_diffusible, e.is_active, u.legal_category, e.naf_code FROM directory_establishments e JOIN directory_legal_units u USING (siren)",
      )
      .all() as { siret: string; is_diffusible: number; is_active: number; legal_category: string; naf_code: string }[];
    const categories = new Set(rows.map((r) => r.legal_category));
    for (const code of ["1000", "6598", "6533", "6597", "6317", "9220"]) expect(categories).toContain(code);
    expect(rows.filter((r) => r.naf_code === "69.20Z").length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.is_active === 0).length).toBeGreaterThanOrEqual(5);
    const hidden = rows.find((r) => r.is_diffusible === 0)!;
    expect(await lookup(hidden.siret)).toMatchObject({ status: "found", establishment: { name: null, street: null } });
  });
});

describe("import of the stock files", () => {
  it("rejects and counts malformed rows, keeps the good ones, and a re-import changes nothing", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "sirene-"));
    const file = path.join(folder, "StockEtablissement.csv");
    const good = {
      siren: "732829320",
      nic: "00074",
      siret: "73282932000074",
      etatAdministratifEtablissement: "A",
      etablissementSiege: "true",
      activitePrincipaleEtablissement: "01.50Z",
      statutDiffusionEtablissement: "O",
    };
    writeFileSync(
      file,
      // Header names with a trailing space, as in the real files.
      ESTABLISHMENT_COLUMNS.map((c, i) => (i % 7 === 0 ? `${c} ` : c)).join(",") +
        "\n" +
        csvLine(ESTABLISHMENT_COLUMNS, good) +
        csvLine(ESTABLISHMENT_COLUMNS, { ...good, siret: "7328293200007", nic: "0007" }) +
        csvLine(ESTABLISHMENT_COLUMNS, { ...good, siret: "73282932000075" }) +
        csvLine(ESTABLISHMENT_COLUMNS, { ...good, siren: "412345670" }) +
        csvLine(ESTABLISHMENT_COLUMNS, { ...good, siret: "35600000001235", siren: "356000000", etatAdministratifEtablissement: "X" }) +
        "732829320,00082,too,few,columns\n" +
        csvLine(ESTABLISHMENT_COLUMNS, { ...good, siret: "41234567000019", siren: "412345670", activitePrincipaleEtablissement: "47.11F" }),
    );
    const first = await importStockFiles(getDb(), { establishmentsFile: file });
    expect(first.establishments).toEqual({
      read: 7,
      kept: 2,
      filtered: 0,
      rejected: 5,
      reasons: {
        "SIRET absent ou mal formé": 1,
        "clé de contrôle du SIRET incorrecte": 1,
        "SIREN différent du début du SIRET": 1,
        "état administratif inconnu": 1,
        "nombre de colonnes incorrect": 1,
      },
    });
    const again = await importStockFiles(getDb(), { establishmentsFile: file, nafPrefixes: ["01", "69.20Z"] });
    expect(again.establishments).toMatchObject({ kept: 1, filtered: 1, rejected: 5 });
    expect(getDb().$client.prepare("SELECT count(*) AS n FROM directory_establishments").get()).toEqual({ n: 2 });
  });

  it("is idempotent on the sample, and filters by NAF prefix", async () => {
    await importSample();
    const count = () =>
      getDb()
        .$client.prepare("SELECT (SELECT count(*) FROM directory_establishments) AS e, (SELECT count(*) FROM directory_legal_units) AS u")
        .get();
    const before = count();
    await importSample();
    expect(count()).toEqual(before);

    getDb().$client.exec("DELETE FROM directory_establishments; DELETE FROM directory_legal_units;");
    const filtered = await importStockFiles(getDb(), { ...SAMPLE, nafPrefixes: ["69.20Z"] });
    expect(filtered.establishments.kept).toBeGreaterThanOrEqual(3);
    expect(filtered.legalUnits?.kept).toBe(filtered.establishments.kept);
  });
});

describe("INSEE Sirene 3.11 driver", () => {
  it("maps the answer, sends the key header, and says unknown on 404", async () => {
    const stub = await stubServer((req, res) =>
      req.url === "/siret/73282932000074" ? json(res, 200, INSEE_ANSWER) : json(res, 404, { header: { statut: 404 } }),
    );
    useSource("insee", { INSEE_API_URL: stub.url, INSEE_API_KEY: "cle-test" });
    expect(await lookup("73282932000074")).toEqual({
      status: "found",
      establishment: {
        siret: "73282932000074",
        siren: "732829320",
        name: "CLAIRE DURAND",
        street: "3 RTE DE LAVAUR",
        complement: null,
        postalCode: "31500",
        city: "TOULOUSE",
        nafCode: "01.11Z",
        legalCategory: "1000",
        isHeadOffice: true,
        isActive: true,
      },
    });
    expect(stub.requests[0]!.headers["x-insee-api-key-integration"]).toBe("cle-test");
    expect(await lookup("41234567000019")).toEqual({ status: "unknown" });
    await stub.close();
  });

  it("retries once on 429 and 5xx, then gives a clear French message", async () => {
    let calls = 0;
    const flaky = await stubServer((_req, res) => (++calls === 1 ? json(res, 429, {}) : json(res, 200, INSEE_ANSWER)));
    useSource("insee", { INSEE_API_URL: flaky.url, INSEE_API_KEY: "k" });
    expect(await lookup("73282932000074")).toMatchObject({ status: "found" });
    expect(calls).toBe(2);
    await flaky.close();

    const down = await stubServer((_req, res) => json(res, 500, {}));
    useSource("insee", { INSEE_API_URL: down.url, INSEE_API_KEY: "k" });
    expect(await lookup("73282932000074")).toEqual({
      status: "unavailable",
      message: expect.stringMatching(/La base INSEE ne répond pas/),
    });
    expect(down.requests).toHaveLength(2);
    await down.close();
  });

  it("gives up after the timeout when the service never answers", async () => {
    const silent = await stubServer(() => undefined);
    useSource("insee", { INSEE_API_URL: silent.url, INSEE_API_KEY: "k" });
    const started = Date.now();
    expect(await lookup("73282932000074")).toMatchObject({ status: "unavailable" });
    expect(Date.now() - started).toBeLessThan(2000);
    await silent.close();
  });
});

describe("Recherche d'entreprises driver", () => {
  const answer = {
    results: [
      {
        siren: "412345670",
        nom_complet: "GAEC DU MOULIN",
        nature_juridique: "6533",
        siege: {
          siret: "41234567000019",
          adresse: "12 CHEMIN DES VIGNES 31450 MONTGISCARD",
          code_postal: "31450",
          libelle_commune: "MONTGISCARD",
          etat_administratif: "A",
          est_siege: true,
          activite_principale: "01.41Z",
        },
        matching_etablissements: [
          {
            siret: "41234567000027",
            adresse: "LIEU-DIT LA COMBE 32000 AUCH",
            code_postal: "32000",
            libelle_commune: "AUCH",
            etat_administratif: "F",
            est_siege: false,
            activite_principale: "01.41Z",
          },
        ],
      },
    ],
    total_results: 1,
  };

  it("maps the head office and matching establishments; unknown when absent", async () => {
    const stub = await stubServer((req, res) => json(res, 200, req.url?.includes("41234567") ? answer : { results: [], total_results: 0 }));
    useSource("recherche-entreprises", { RECHERCHE_ENTREPRISES_URL: stub.url });
    expect(await lookup("41234567000019")).toMatchObject({
      status: "found",
      establishment: {
        name: "GAEC DU MOULIN",
        street: "12 CHEMIN DES VIGNES",
        postalCode: "31450",
        city: "MONTGISCARD",
        isActive: true,
        isHeadOffice: true,
        legalCategory: "6533",
      },
    });
    expect(await lookup("41234567000027")).toMatchObject({ establishment: { isActive: false, isHeadOffice: false, city: "AUCH" } });
    expect(await lookup("73282932000074")).toEqual({ status: "unknown" });
    expect(stub.requests[0]!.url).toBe("/search?q=41234567000019");
    await stub.close();
  });

  it("retries once on 500 and reports the outage", async () => {
    const down = await stubServer((_req, res) => json(res, 503, {}));
    useSource("recherche-entreprises", { RECHERCHE_ENTREPRISES_URL: down.url });
    expect(await lookup("41234567000019")).toMatchObject({ status: "unavailable" });
    expect(down.requests).toHaveLength(2);
    await down.close();
  });
});
