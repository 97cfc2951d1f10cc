// Starts the production build for the e2e run on a database of its own, created fresh each run.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import Database from "better-sqlite3";

rmSync("data/e2e", { recursive: true, force: true });
// The bundled SIRENE sample, through the real import command.
const imported = spawnSync(
  process.execPath,
  ["node_modules/tsx/dist/cli.mjs", "scripts/directory-import.ts", "db/fixtures/sirene/StockEtablissement_sample.csv", "db/fixtures/sirene/StockUniteLegale_sample.csv"],
  { stdio: "inherit" },
);
if (imported.status !== 0) process.exit(imported.status ?? 1);

// The sourced rates stop at 2023 deliveries (DOMAIN.md). So that the refund e2e test does not
// depend on the calendar, this test database alone gets a rate for last year's deliveries when no
// sourced one exists, labelled as such. Never done outside the e2e database.
const lastYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric" }).format(new Date())) - 1;
const db = new Database("data/e2e/portail-tic.db");
for (const [product, rate] of [["gnr", 14960], ["lpg", 5720]]) {
  db.prepare(
    `INSERT INTO refund_rates (product, valid_from, valid_to, rate_milli_euros, source)
     SELECT @product, @from, @to, @rate, 'Taux fictif : base de test e2e uniquement'
     WHERE NOT EXISTS (SELECT 1 FROM refund_rates WHERE product = @product AND valid_to >= @from AND valid_from <= @to)`,
  ).run({ product, rate, from: `${lastYear}-01-01`, to: `${lastYear}-12-31` });
}
db.close();
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", process.env.PORT ?? "3210", "-H", "127.0.0.1"], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
