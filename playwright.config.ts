import { defineConfig } from "@playwright/test";

/** E2E against the production build (`next build` first), in Debian's Chromium. */
// TEST_PORT_OFFSET lets two checkouts on one machine run their suites side by side.
const PORT_OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);
export const E2E_PORT = 3210 + PORT_OFFSET;
export const STUB_PORT = 4010 + PORT_OFFSET;

/** The e2e server's environment; the refund test runs the status command-line tool with it too. */
export const E2E_SERVER_ENV = {
  PORT: String(E2E_PORT),
  NODE_ENV: "production" as const,
  APP_URL: `http://127.0.0.1:${E2E_PORT}`,
  DATABASE_FILE: "data/e2e/portail-tic.db",
  AUTH_SECRET: "e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
  MAIL_TRANSPORT: "resend",
  RESEND_API_KEY: "re_e2e_stub_key",
  RESEND_BASE_URL: `http://127.0.0.1:${STUB_PORT}`,
  MAIL_FROM: "Portail TIC <ne-pas-repondre@portail-tic.test>",
  MAIL_RETRY_INTERVAL_SECONDS: "1",
  // Every e2e test signs up from 127.0.0.1: per-IP limits would count the whole suite as one person.
  RATE_LIMIT_IP_FACTOR: "20",
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    locale: "fr-FR",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "node tests/support/resend-stub.mjs",
      url: `http://127.0.0.1:${STUB_PORT}/health`,
      env: { STUB_PORT: String(STUB_PORT) },
      reuseExistingServer: false,
    },
    {
      command: "node tests/support/e2e-server.mjs",
      url: `http://127.0.0.1:${E2E_PORT}/connexion`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: E2E_SERVER_ENV,
    },
  ],
});
