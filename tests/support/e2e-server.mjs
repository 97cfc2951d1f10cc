// Starts the production build for the e2e run on a database of its own, created fresh each run.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { SERVER_NODE_FLAGS } from "../../scripts/lib/serve.mjs";

rmSync("data/e2e", { recursive: true, force: true });
// The bundled SIRENE sample, through the real import command.
const imported = spawnSync(
  process.execPath,
  [
    "node_modules/tsx/dist/cli.mjs",
    "--import",
    "./scripts/lib/server-only-off.mjs",
    "scripts/directory-import.ts",
    "db/fixtures/sirene/StockEtablissement_sample.csv",
    "db/fixtures/sirene/StockUniteLegale_sample.csv",
  ],
  { stdio: "inherit" },
);
if (imported.status !== 0) process.exit(imported.status ?? 1);

// No invented rate here: the refund tests use the shipped, sourced rates (db/rates/).
const server = spawn(
  process.execPath,
  [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", process.env.PORT ?? "3210", "-H", "127.0.0.1"],
  {
    stdio: "inherit",
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
