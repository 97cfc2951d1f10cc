/**
 * npm run directory:import -- <StockEtablissement.csv> [<StockUniteLegale.csv>] [--naf 01,02,03,69.20Z]
 * Migrates the database first when needed; can run while the app is serving.
 */
import { openDatabase } from "@/db/client";
import { ConfigError, getConfig } from "@/lib/config";
import { importStockFiles, type FileReport } from "@/lib/directory/import";

function usage(): never {
  console.error("Usage : npm run directory:import -- <StockEtablissement.csv> [<StockUniteLegale.csv>] [--naf 01,02,03,69.20Z]");
  process.exit(2);
}

const args = process.argv.slice(2);
const files: string[] = [];
let naf: string[] | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--naf") naf = (args[++i] ?? usage()).split(",").map((p) => p.trim());
  else if (args[i]?.startsWith("--naf="))
    naf = args[i]!.slice(6)
      .split(",")
      .map((p) => p.trim());
  else files.push(args[i]!);
}
if (files.length < 1 || files.length > 2) usage();

function describe(label: string, report: FileReport) {
  console.log(
    `${label} : ${report.read} lues, ${report.kept} gardées, ${report.filtered} écartées par le filtre NAF, ${report.rejected} rejetées`,
  );
  for (const [reason, count] of Object.entries(report.reasons)) console.log(`  - ${count} × ${reason}`);
}

async function main() {
  let databaseFile: string;
  try {
    databaseFile = getConfig().databaseFile;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const db = openDatabase(databaseFile);
  const report = await importStockFiles(db, {
    establishmentsFile: files[0]!,
    legalUnitsFile: files[1],
    nafPrefixes: naf,
    onProgress: ({ file, read, elapsedMs }) =>
      console.log(
        `  ${file} : ${read.toLocaleString("fr-FR")} lignes, ${Math.round(read / (elapsedMs / 1000)).toLocaleString("fr-FR")} lignes/s, ${(elapsedMs / 1000).toFixed(1)} s`,
      ),
  });
  db.$client.close();
  describe("Établissements", report.establishments);
  if (report.legalUnits) describe("Unités légales", report.legalUnits);
  console.log(`Import terminé en ${report.seconds.toFixed(1)} s dans ${databaseFile}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
