import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** `npm run test:resilience`: load and fault tests against the served production build. */
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `import "server-only"` (ADR 0019) is Next.js's marker; outside Next its default entry throws.
      "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["tests/resilience/**/*.test.ts"],
    setupFiles: ["tests/support/fuzz-seed.ts"],
    pool: "forks",
    // One server at a time: the figures and the timings are the server's, not the neighbours'.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
