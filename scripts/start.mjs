// `npm start`: install when needed, migrate, seed the demo data, build when needed, serve.
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, loadDotEnv, step, tsx } from "./lib/setup.mjs";

loadDotEnv();
ensureDependencies();
step("Migrations de la base de données");
tsx("scripts/migrate.ts");
step("Données de démonstration");
tsx("scripts/seed.ts");
ensureBuild();

const port = process.env.PORT ?? "3000";
step(`Démarrage sur http://localhost:${port}`);
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
