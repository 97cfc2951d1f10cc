// `npm run test:resilience`: load and fault tests against the production build (built if needed),
// each with its own server, database and Resend stub. Not part of `npm test`; `.ci/run` runs it after.
import { ensureBuild, ensureDependencies, run, step } from "./lib/setup.mjs";

const started = Date.now();
ensureDependencies();
ensureBuild();
step("Tests de charge et de pannes (Vitest, serveur Next.js réel)");
run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "vitest.resilience.config.mts", ...process.argv.slice(2)]);
console.log(`\n✓ Tests de résilience passés en ${Math.round((Date.now() - started) / 1000)} s.`);
