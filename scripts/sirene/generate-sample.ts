/** Writes the bundled sample: db/fixtures/sirene/StockEtablissement_sample.csv and StockUniteLegale_sample.csv. */
import { writeFileSync } from "node:fs";
import { ESTABLISHMENT_COLUMNS, LEGAL_UNIT_COLUMNS, csvLine } from "./format";
import { generateSample } from "./generator";

const { establishments, legalUnits } = generateSample();
writeFileSync(
  "db/fixtures/sirene/StockEtablissement_sample.csv",
  ESTABLISHMENT_COLUMNS.join(",") + "\n" + establishments.map((row) => csvLine(ESTABLISHMENT_COLUMNS, row)).join(""),
);
writeFileSync(
  "db/fixtures/sirene/StockUniteLegale_sample.csv",
  LEGAL_UNIT_COLUMNS.join(",") + "\n" + legalUnits.map((row) => csvLine(LEGAL_UNIT_COLUMNS, row)).join(""),
);
console.log(`${establishments.length} établissements, ${legalUnits.length} unités légales`);
