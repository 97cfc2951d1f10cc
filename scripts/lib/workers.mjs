// `npm start` with WEB_CONCURRENCY > 1: this process (node:cluster's primary) runs one `next start`
// per worker; they share the listening socket (the primary accepts and hands each connection to a
// worker in turn) and the SQLite file (WAL). A worker that dies is replaced; exactly one of them at
// a time runs the background work, through the lease in the database (lib/background/worker.ts).
// See docs/decisions/0025-workers.md.
import cluster from "node:cluster";
import { nextStartArgs, workerCount } from "./serve.mjs";

const { count, error } = workerCount();
if (error) {
  console.error(`\nConfiguration invalide :\n  - ${error}\nLe portail ne démarre pas. Voir .env.example.\n`);
  process.exit(1);
}
const { nodeFlags, args } = nextStartArgs();
// Round-robin by the primary (Node's default on Linux) spreads connections evenly, unlike the kernel.
cluster.schedulingPolicy = cluster.SCHED_RR;
cluster.setupPrimary({ exec: args[0], args: args.slice(1), execArgv: [...process.execArgv, ...nodeFlags] });

/**
 * Node's round-robin hands one connection at a time to a worker and closes its own copy of it only
 * when the worker acknowledges it: a worker killed in between leaves that connection open and
 * silent for good (the client waits forever). Note the connection being handed to each worker and
 * close it if the worker dies first: the client sees a closed connection and tries again. Relies on
 * the shape of cluster's internal messages (Node 20–24); if it changes, nothing is intercepted.
 */
function closeHandoffsOnDeath(worker) {
  const child = worker.process;
  const pending = new Map();
  const send = child.send;
  child.send = function sendTracked(message, handle, ...rest) {
    if (message?.cmd === "NODE_CLUSTER" && message.act === "newconn" && handle) pending.set(message.seq, handle);
    return send.call(this, message, handle, ...rest);
  };
  child.on("internalMessage", (message) => {
    if (message?.cmd === "NODE_CLUSTER" && message.ack !== undefined) pending.delete(message.ack);
  });
  worker.once("exit", () => {
    for (const handle of pending.values()) handle.close();
    pending.clear();
  });
}
cluster.on("fork", closeHandoffsOnDeath);

let stopping = false;
let listening = false;
/** Recent unexpected exits: workers dying in a loop are not restarted forever. */
const recentDeaths = [];

function stopAll(exitCode) {
  stopping = true;
  process.exitCode = exitCode;
  const workers = Object.values(cluster.workers ?? {});
  if (workers.length === 0) process.exit(exitCode);
  for (const worker of workers) worker?.process.kill("SIGTERM");
  // Whatever happens, do not hang: a worker that ignores the signal is killed after 10 s.
  setTimeout(() => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    process.exit(exitCode || 1);
  }, 10_000).unref();
}

// The first worker alone until it listens: it applies the migrations, which two processes must not
// run at once; the others then find the schema up to date.
cluster.fork();
cluster.on("listening", () => {
  if (listening) return;
  listening = true;
  for (let i = 1; i < count; i++) cluster.fork();
  console.log(`[processus] ${count} processus serveur (WEB_CONCURRENCY=${count}), répartiteur ${process.pid}.`);
});

cluster.on("exit", (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
    return;
  }
  if (!listening) {
    console.error("[processus] le premier processus serveur s'est arrêté avant d'écouter : arrêt (voir les messages ci-dessus).");
    return stopAll(1);
  }
  const now = Date.now();
  recentDeaths.push(now);
  while (recentDeaths.length && recentDeaths[0] < now - 60_000) recentDeaths.shift();
  if (recentDeaths.length > 2 * count + 3) {
    console.error("[processus] les processus serveur s'arrêtent en boucle : arrêt (voir les messages ci-dessus).");
    return stopAll(1);
  }
  console.error(`[processus] le processus serveur ${worker.process.pid} s'est arrêté (${signal ?? `code ${code}`}) ; remplacement.`);
  cluster.fork();
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));
