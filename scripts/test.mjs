// `npm test`: install what the tests need (Debian's Chromium included), then lint, type-check,
// Vitest, build and Playwright. Stops at the first failing stage.
import { existsSync } from "node:fs";
import { ensureBuild, ensureDependencies, run, step } from "./lib/setup.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0) {
    step("Installation de Chromium (paquet Debian)");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return;
  }
  console.error(
    `\n✗ Chromium est introuvable (${CHROMIUM}). Les tests de bout en bout en ont besoin.\n` +
      "  Installez-le en tant qu'administrateur : sudo apt-get install -y chromium\n" +
      "  ou indiquez son chemin dans CHROMIUM_PATH.\n",
  );
  process.exit(1);
}

const started = Date.now();
ensureDependencies();
ensureChromium();
step("Lint (ESLint)");
run(process.execPath, ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."]);
step("Mise en forme (Prettier)");
run(process.execPath, ["node_modules/prettier/bin/prettier.cjs", "--check", "."]);
step("Vérification des types (tsc)");
run(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"]);
step("Tests du domaine (Vitest)");
run(process.execPath, ["node_modules/vitest/vitest.mjs", "run"]);
ensureBuild();
step("Tests de bout en bout (Playwright, Chromium)");
run(process.execPath, ["node_modules/@playwright/test/cli.js", "test"]);
console.log(`\n✓ Tous les tests sont passés en ${Math.round((Date.now() - started) / 1000)} s.`);
