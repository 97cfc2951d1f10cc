// Reproducible fuzzing: every fast-check draw of a test run (fc.assert, fc.property, fc.sample)
// comes from one seed, printed with every failure and settable by FUZZ_SEED. A red run is then
// always repeatable: `FUZZ_SEED=<printed seed> npx vitest run <file>` draws the same inputs again.
// An input that once failed is kept as a fixed case next to the test that found it.
import fc from "fast-check";
import { beforeEach } from "vitest";

function chosenSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given === undefined || given === "") return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED doit être un entier (reçu « ${given} »).`);
  return seed | 0;
}

export const FUZZ_SEED = chosenSeed();
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });

/** « FUZZ_SEED=… » to paste in front of the command that failed. */
export const seedHint = () => `FUZZ_SEED=${FUZZ_SEED}`;

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    console.error(`\n${task.name} a échoué ; pour rejouer les mêmes tirages aléatoires : ${seedHint()}\n`);
  });
});
