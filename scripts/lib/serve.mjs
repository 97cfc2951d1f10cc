// How `npm start` runs `next start`: shared with the resilience test that checks its defaults.
import { availableParallelism } from "node:os";

/**
 * Node options of every server process. A signed-in page allocates a few hundred kilobytes that die
 * young; with V8's default 16 MiB nursery, 32 pages at once had it scavenged several times per
 * page. 64 MiB cut the server's CPU per answer by a sixth at 4 connections and a third at 32 (A/B in
 * one bench run; docs/decisions/0030-layout-cost.md), for about 150 MiB more memory per process.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

/** Loopback only unless HOST says otherwise (validated by lib/config.ts at server start). */
export function nextStartArgs(env = process.env) {
  const port = env.PORT || "3000";
  const host = env.HOST || "127.0.0.1";
  return { port, host, nodeFlags: SERVER_NODE_FLAGS, args: ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host] };
}

/**
 * WEB_CONCURRENCY: how many server processes `npm start` runs (default: one per core); 1 is a
 * single `next start`. Returns a French message instead when the value is not a whole number 1–64.
 */
export function workerCount(env = process.env, cores = availableParallelism()) {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return { count: Math.max(1, Math.min(cores, 64)) };
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) {
    return { error: `WEB_CONCURRENCY : un nombre entier de processus entre 1 et 64 est attendu (reçu « ${raw} »).` };
  }
  return { count: Number(raw) };
}
