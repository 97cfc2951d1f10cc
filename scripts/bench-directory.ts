/**
 * npm run bench:directory [-- <rows>]: generates a stock file in the official format (1,000,000
 * establishments by default, with their legal units), imports it into a fresh database, then looks
 * up 100,000 random SIRETs. Prints rows/s, database size and lookup p50/p99. Not a test.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { setDatabase } from "@/lib/db";
import { importStockFiles } from "@/lib/directory/import";
import { lookupLocal } from "@/lib/directory/local";
import { ESTABLISHMENT_COLUMNS, LEGAL_UNIT_COLUMNS, csvLine } from "./sirene/format";
import { random, siretOf, withLuhnKey } from "./sirene/generator";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const LOOKUPS = 100_000;
const folder = mkdtempSync(path.join(tmpdir(), "bench-directory-"));

async function write(file: string, lines: Iterable<string>) {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(line)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

function* establishments(sirets: string[]) {
  yield ESTABLISHMENT_COLUMNS.join(",") + "\n";
  const rng = random(7);
  for (let i = 0; i < ROWS; i++) {
    const siren = withLuhnKey(String(10_000_000 + i));
    const siret = siretOf(siren, "0001");
    sirets.push(siret);
    yield csvLine(ESTABLISHMENT_COLUMNS, {
      siren,
      nic: siret.slice(9),
      siret,
      statutDiffusionEtablissement: "O",
      dateCreationEtablissement: "2010-05-01",
      etablissementSiege: "true",
      nombrePeriodesEtablissement: "1",
      numeroVoieEtablissement: String(1 + rng.int(99)),
      typeVoieEtablissement: "RTE",
      libelleVoieEtablissement: "DE LA FERME",
      codePostalEtablissement: "31450",
      libelleCommuneEtablissement: "MONTGISCARD",
      codeCommuneEtablissement: "31381",
      dateDebut: "2010-05-01",
      etatAdministratifEtablissement: rng.next() < 0.1 ? "F" : "A",
      activitePrincipaleEtablissement: rng.next() < 0.7 ? "01.11Z" : "47.11F",
      nomenclatureActivitePrincipaleEtablissement: "NAFRev2",
      caractereEmployeurEtablissement: "N",
    });
  }
}

function* legalUnits() {
  yield LEGAL_UNIT_COLUMNS.join(",") + "\n";
  for (let i = 0; i < ROWS; i++) {
    const siren = withLuhnKey(String(10_000_000 + i));
    yield csvLine(LEGAL_UNIT_COLUMNS, {
      siren,
      statutDiffusionUniteLegale: "O",
      dateCreationUniteLegale: "2010-05-01",
      denominationUniteLegale: `EARL NUMERO ${i}`,
      categorieJuridiqueUniteLegale: "6598",
      activitePrincipaleUniteLegale: "01.11Z",
      etatAdministratifUniteLegale: "A",
      nicSiegeUniteLegale: "00010",
      dateDebut: "2010-05-01",
    });
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const establishmentsFile = path.join(folder, "StockEtablissement_bench.csv");
  const legalUnitsFile = path.join(folder, "StockUniteLegale_bench.csv");
  const sirets: string[] = [];
  let t = Date.now();
  await write(establishmentsFile, establishments(sirets));
  await write(legalUnitsFile, legalUnits());
  console.log(
    `Fichiers générés (${ROWS.toLocaleString("fr-FR")} lignes chacun, ${(statSync(establishmentsFile).size / 1e6).toFixed(0)} Mo + ${(statSync(legalUnitsFile).size / 1e6).toFixed(0)} Mo) en ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );

  const databaseFile = path.join(folder, "bench.db");
  const db = openDatabase(databaseFile);
  setDatabase(db);
  t = Date.now();
  const report = await importStockFiles(db, { establishmentsFile, legalUnitsFile });
  const seconds = (Date.now() - t) / 1000;
  const totalRows = report.establishments.read + (report.legalUnits?.read ?? 0);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const size = statSync(databaseFile).size;

  const rng = random(11);
  const durations: number[] = [];
  let found = 0;
  for (let i = 0; i < LOOKUPS; i++) {
    // One lookup in ten asks for a SIRET that does not exist.
    const siret =
      rng.next() < 0.9 ? sirets[rng.int(sirets.length)]! : siretOf(withLuhnKey(String(90_000_000 + rng.int(9_999_999))), "0001");
    const start = process.hrtime.bigint();
    const result = lookupLocal(siret);
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status === "found") found++;
  }
  durations.sort((a, b) => a - b);
  console.table({
    "import établissements + unités légales": {
      lignes: totalRows,
      "lignes/s": Math.round(totalRows / seconds),
      secondes: Number(seconds.toFixed(1)),
      "base (Mo)": Number((size / 1e6).toFixed(0)),
    },
    "recherche par SIRET": {
      lignes: LOOKUPS,
      trouvés: found,
      "p50 (ms)": Number(percentile(durations, 50).toFixed(4)),
      "p99 (ms)": Number(percentile(durations, 99).toFixed(4)),
    },
  });
  setDatabase(undefined);
  rmSync(folder, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  rmSync(folder, { recursive: true, force: true });
  process.exit(1);
});
