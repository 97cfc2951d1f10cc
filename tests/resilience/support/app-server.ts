// A real `next start` of the production build, on a database file of its own, that a test can kill.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import { createResendStub } from "../../support/resend-stub.mjs";
import { addTestRatesForLastYear } from "../../support/test-rates.mjs";
import { SERVER_NODE_FLAGS } from "../../../scripts/lib/serve.mjs";

export const AUTH_SECRET = "resilience-secret-0123456789-abcdefghijklmnop";

/** A fresh database with the bundled SIRENE sample, through the real import command. */
export function freshDatabase(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "portail-tic-resilience-")), "portail-tic.db");
  const imported = spawnSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--import",
      "./scripts/lib/server-only-off.mjs",
      "scripts/directory-import.ts",
      "db/fixtures/sirene/StockEtablissement_sample.csv",
      "db/fixtures/sirene/StockUniteLegale_sample.csv",
    ],
    { env: { ...process.env, DATABASE_FILE: file }, encoding: "utf8" },
  );
  if (imported.status !== 0) throw new Error(`import SIRENE : ${imported.stderr}`);
  addTestRatesForLastYear(file);
  return file;
}

/** The database's temporary folder, removed after the test. */
export function removeDatabase(file: string | undefined) {
  if (file) rmSync(path.dirname(file), { recursive: true, force: true });
}

export type AppServer = { url: string; process: ChildProcess; stop(signal?: NodeJS.Signals): Promise<void> };

/**
 * `host`: the interface to listen on (loopback by default); `env`: variables to add or override;
 * `workers`: run `npm start`'s multi-process server (scripts/lib/workers.mjs) with that many workers
 * instead of one `next start`.
 */
export type ServerOptions = { host?: string; env?: Record<string, string | undefined>; workers?: number };

export async function startApp(
  options: { port: number; databaseFile: string; stubPort: number; log: string } & ServerOptions,
): Promise<AppServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const command = options.workers
    ? ["scripts/lib/workers.mjs"]
    : [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", String(options.port), "-H", options.host ?? "127.0.0.1"];
  const child = spawn(process.execPath, command, {
    env: {
      ...(options.workers
        ? { WEB_CONCURRENCY: String(options.workers), PORT: String(options.port), HOST: options.host ?? "127.0.0.1" }
        : {}),
      ...process.env,
      NODE_ENV: "production",
      APP_URL: url,
      DATABASE_FILE: options.databaseFile,
      AUTH_SECRET,
      MAIL_TRANSPORT: "resend",
      RESEND_API_KEY: "re_resilience_stub",
      RESEND_BASE_URL: `http://127.0.0.1:${options.stubPort}`,
      MAIL_FROM: "Portail TIC <ne-pas-repondre@portail-tic.test>",
      MAIL_RETRY_INTERVAL_SECONDS: "1",
      MAIL_RETRY_BASE_SECONDS: "1",
      // Every simulated person comes from 127.0.0.1.
      RATE_LIMIT_IP_FACTOR: "1000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(options.log, { flags: "a" });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté au démarrage (voir ${options.log})`);
    try {
      if ((await fetch(`${url}/sante`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** The processes a server process started (the workers of scripts/lib/workers.mjs), from /proc. */
export function childPids(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Reads the database the server writes (WAL: readers do not block it). */
export function query<T>(databaseFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * One server per test file: a Resend stub in this process, a fresh database, `next start` on
 * `port`; all stopped and removed after the file. `restart()` starts the server again on the same
 * database (after a crash).
 */
export function serverForThisFile(port: number, log: string, serverOptions: ServerOptions = {}) {
  const stub = createResendStub();
  let stubPort = 0;
  const context = { stub, mailbox: () => stub.mails, app: undefined as unknown as AppServer, databaseFile: "" };
  const start = async () => {
    context.app = await startApp({ port, databaseFile: context.databaseFile, stubPort, log, ...serverOptions });
  };
  port += Number(process.env.TEST_PORT_OFFSET ?? 0);
  beforeAll(async () => {
    stubPort = await stub.listen(0);
    context.databaseFile = freshDatabase();
    rmSync(log, { force: true });
    await start();
  });
  afterAll(async () => {
    await context.app?.stop();
    await stub.close();
    removeDatabase(context.databaseFile);
  });
  return Object.assign(context, { restart: start });
}
