// Steps shared by `npm start` and `npm test`. Node built-ins only: they run before dependencies exist.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`\n✗ Échec : ${command} ${args.join(" ")}`);
    process.exit(result.status ?? 1);
  }
}

export function step(title) {
  console.log(`\n▶ ${title}`);
}

function hashFiles(paths) {
  const hash = createHash("sha256");
  const visit = (entry) => {
    if (!existsSync(entry)) return;
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry);
      hash.update(readFileSync(entry));
    }
  };
  paths.forEach(visit);
  return hash.digest("hex");
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const marker = "node_modules/.portail-install";
  const wanted = hashFiles(["package-lock.json"]);
  if (existsSync(marker) && readFileSync(marker, "utf8") === wanted) return;
  step("Installation des dépendances (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  writeFileSync(marker, wanted);
}

const BUILD_INPUTS = [
  "app",
  "lib",
  "db",
  "emails",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

/** `next build` unless the last build was made from the same sources. */
export function ensureBuild() {
  const marker = ".next/.portail-build";
  const wanted = hashFiles(BUILD_INPUTS);
  if (existsSync(".next/BUILD_ID") && existsSync(marker) && readFileSync(marker, "utf8") === wanted) {
    console.log("\n✓ Build à jour, réutilisé.");
    return;
  }
  step("Construction de l'application (next build)");
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
  writeFileSync(marker, wanted);
}

/** Loads .env when present, so that every step sees the same configuration. */
export function loadDotEnv() {
  if (existsSync(".env")) process.loadEnvFile(".env");
}

export function tsx(script) {
  run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--import", "./scripts/lib/server-only-off.mjs", script]);
}
