import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `import "server-only"` (ADR 0019) is Next.js's marker; outside Next its default entry throws.
      "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["tests/domain/**/*.test.ts"],
    setupFiles: ["tests/support/fuzz-seed.ts", "tests/support/fresh-db.ts"],
    pool: "forks",
    testTimeout: 20_000,
    env: {
      NODE_ENV: "test",
      APP_URL: "http://localhost:3000",
      AUTH_SECRET: "vitest-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
      MAIL_TRANSPORT: "outbox",
    },
  },
});
