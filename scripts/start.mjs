// `npm start`: install when needed, migrate, seed the demo data, build when needed, serve.
import { spawn } from "node:child_process";
import { nextStartArgs, workerCount } from "./lib/serve.mjs";
import { ensureBuild, ensureDependencies, loadDotEnv, step, tsx } from "./lib/setup.mjs";

loadDotEnv();
// WEB_CONCURRENCY (default: one per core) > 1: one `next start` per worker behind node:cluster.
const workers = workerCount();
if (workers.error) {
  console.error(`\nConfiguration invalide :\n  - ${workers.error}\nLe portail ne démarre pas. Voir .env.example.\n`);
  process.exit(1);
}
ensureDependencies();
step("Migrations de la base de données");
tsx("scripts/migrate.ts");
step("Données de démonstration");
tsx("scripts/seed.ts");
ensureBuild();

const { port, host, nodeFlags, args } = nextStartArgs();
const shown = host === "127.0.0.1" || host === "localhost" ? "localhost" : host.includes(":") ? `[${host}]` : host;
step(`Démarrage sur http://${shown}:${port}${host === "127.0.0.1" ? " (cette machine seulement ; HOST=0.0.0.0 pour le réseau)" : ""}`);
const server = spawn(process.execPath, workers.count > 1 ? ["scripts/lib/workers.mjs"] : [...nodeFlags, ...args], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
