// `import "server-only"` (ADR 0019) marks the modules that read the database, files, headers or
// secrets. Next.js resolves the marker to an empty module on the server and fails a client bundle
// that reaches it. Outside Next.js (the `tsx` scripts, Playwright's TypeScript loader, the child
// processes of tests) Node resolves the package's default entry, which throws: this preload maps
// the marker to the package's own empty entry, for `require` (tsx's CommonJS, server-only-off.cjs)
// and `import` (an ESM resolve hook, server-only-hooks.mjs), without `--conditions=react-server`
// (which would also give React's server build to React Email's rendering). Load it with
// `tsx --import ./scripts/lib/server-only-off.mjs …` (the `tsx()` helper of scripts/lib/setup.mjs,
// package.json's scripts) or `node --import ./scripts/lib/server-only-off.mjs --import tsx …`.
import { createRequire, register } from "node:module";

createRequire(import.meta.url)("./server-only-off.cjs");
register("./server-only-hooks.mjs", import.meta.url);
