/** `npm run rates:import -- <file.csv>`: checks a rates (or deadlines) file, then loads it in one transaction. */
import { readFileSync } from "node:fs";
import { ConfigError, getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { RatesFileError, importRatesText } from "@/lib/refunds/rates-file";

const file = process.argv[2];
if (!file) {
  console.error(
    "Usage : npm run rates:import -- <fichier.csv>\nColonnes : produit;du;au;taux;unite;nature;source;url (ou produit;du;au;date_limite;source;url pour des délais).",
  );
  process.exit(2);
}
try {
  getConfig();
  const result = importRatesText(getDb(), readFileSync(file, "utf8"), file);
  const s = (n: number) => (n > 1 ? "s" : "");
  console.log(
    `${result.kind === "rates" ? "Taux" : "Délais"} : ${result.rows} ligne${s(result.rows)} lue${s(result.rows)}, ${result.changed} ajoutée${s(result.changed)} ou modifiée${s(result.changed)}.`,
  );
} catch (error) {
  if (error instanceof RatesFileError) {
    console.error(`Rien n'a été importé :\n${error.message}`);
    process.exit(1);
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
