// Modules marked `import "server-only"` (ADR 0019) are loaded by the tests too: map the marker to its empty entry.
import "./scripts/lib/server-only-off.cjs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { defineConfig } from "@playwright/test";
import { install, offsetFor } from "./tests/support/fixed-clock.cjs";

/**
 * The e2e run's day (ADR 0031): the rates and deadlines (db/rates/) open 2023 (in its last days),
 * 2024 and 2025 on it, so no date rule depends on the day the suite runs. E2E_TODAY=AAAA-MM-JJ
 * overrides it. NODE_OPTIONS carries the clock to every Node process of the run: the workers, the
 * e2e server, the command-line tools the specs start.
 */
export const E2E_DEFAULT_TODAY = "2026-12-07";
process.env.E2E_TODAY ||= E2E_DEFAULT_TODAY;
const CLOCK_PRELOAD = `--require ${JSON.stringify(resolve(__dirname, "tests/support/fixed-clock.cjs"))}`;
if (!process.env.NODE_OPTIONS?.includes(CLOCK_PRELOAD))
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${CLOCK_PRELOAD}`.trim();
install(offsetFor(process.env.E2E_TODAY, Date.now()));
export const E2E_TODAY = process.env.E2E_TODAY;

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
  E2E_TODAY,
};

/**
 * Cores that other work leaves idle, measured over a quarter of a second when the run starts: each
 * worker drives a browser that the server must answer, so a worker per busy core only makes every
 * test slower (and nearer its timeout) without finishing sooner. Measured in the main process only;
 * `--workers` or E2E_WORKERS still decide when given.
 */
function workersFromIdleCpu(): number {
  const sample = () =>
    cpus().reduce(
      (sum, cpu) => ({ idle: sum.idle + cpu.times.idle, total: sum.total + Object.values(cpu.times).reduce((a, b) => a + b, 0) }),
      { idle: 0, total: 0 },
    );
  const before = sample();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  const after = sample();
  const idleShare = (after.idle - before.idle) / Math.max(1, after.total - before.total);
  return Math.max(1, Math.min(cpus().length, Math.round(idleShare * cpus().length)));
}

const WORKERS = process.env.E2E_WORKERS
  ? Number(process.env.E2E_WORKERS)
  : process.env.TEST_WORKER_INDEX === undefined
    ? workersFromIdleCpu()
    : 1;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: WORKERS,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"], ["./tests/support/headroom-reporter.ts"], ["html", { open: "never" }]]
    : [["list"], ["./tests/support/headroom-reporter.ts"]],
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
