// npm run bench: builds the app, seeds a fresh database (10,000 users, 3,000 structures, 20,000
// attachments and subscriptions; a centre de gestion with 500 client farms under mandate), serves it
// with `next start` and drives it over loopback with autocannon at 1, 4 and 32 connections; then the
// signed-in pages again with 2 server processes (BENCH_WORKERS). `npm run bench:national`
// (BENCH_NATIONAL=1): the signed-in pages on that database, then on one of national size
// (scripts/lib/national-seed.mjs). Prints the tables and writes bench/results/<date>.json.
// Not part of npm test: it measures, it does not judge.
import { hash } from "@node-rs/argon2";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { encode } from "next-auth/jwt";
import { NATIONAL, seedNational } from "./lib/national-seed.mjs";
import { seedInstruction } from "./lib/bench-instruction.mjs";
import { SERVER_NODE_FLAGS } from "./lib/serve.mjs";
import { ensureBuild, ensureDependencies, step, tsx } from "./lib/setup.mjs";

// TEST_PORT_OFFSET lets two checkouts on one machine run it side by side (as the test servers do).
const PORT = 3400 + Number(process.env.TEST_PORT_OFFSET ?? 0);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 4, 32];
const SECRET = randomBytes(32).toString("base64url");
const COUNTS = { users: 10_000, structures: 3_000, attachments: 14_000, subscriptions: 6_000, managerPending: 200, clientFarms: 500 };

ensureDependencies();
ensureBuild();

const folder = mkdtempSync(path.join(tmpdir(), "portail-bench-"));
const databaseFile = path.join(folder, "bench.db");
process.env.DATABASE_FILE = databaseFile;
step("Base de données de mesure");
tsx("scripts/migrate.ts");

function withLuhnKey(digits) {
  for (let key = 0; key <= 9; key++) {
    const candidate = digits + key;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = candidate.charCodeAt(candidate.length - 1 - i) - 48;
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable");
}

const PASSWORD = "Cheval batterie agrafe 42";
const passwordHash = await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });

function seed() {
  const db = new Database(databaseFile);
  db.pragma("journal_mode = WAL");
  const now = Date.now();
  const insertUser =
    db.prepare(`INSERT INTO users (login_email, contact_email, last_name, first_name, siret, address_street, postal_code, city,
    terms_accepted_at, status, password_hash, secret_question, secret_answer_hash, created_at, activated_at, password_changed_at)
    VALUES (?, ?, ?, ?, '73282932000074', '1 rue du Bench', '31450', 'MONTGISCARD', ?, 'active', ?, 'Question ?', ?, ?, ?, ?)`);
  const insertStructure =
    db.prepare(`INSERT INTO structures (siret, siren, name, street, postal_code, city, naf_code, legal_category, status,
    is_management_centre, main_manager_id, created_at, created_by) VALUES (?, ?, ?, '1 CHE DU BENCH', '31450', 'MONTGISCARD', '01.50Z', '6598', 'active', 0, ?, ?, ?)`);
  const insertAttachment = db.prepare(
    `INSERT INTO attachments (user_id, structure_id, status, requested_at, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertSpace =
    db.prepare(`INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by)
    VALUES (?, 'ticRefund', 1, 1, '031123456', 'company', ?, ?)`);
  const insertSubscription =
    db.prepare(`INSERT INTO subscriptions (user_id, space_id, can_view, can_edit, start_date, status, requested_at, decided_at, decided_by)
    VALUES (?, ?, 1, ?, '2026-01-01', ?, ?, ?, ?)`);
  const insertDirectory =
    db.prepare(`INSERT INTO directory_establishments (siret, siren, street, postal_code, city, naf_code, is_head_office, is_active, is_diffusible)
    VALUES (?, ?, '1 CHE DU BENCH', '31450', 'MONTGISCARD', '01.50Z', 1, 1, 1)`);
  const structureSirets = [];
  db.transaction(() => {
    for (let i = 1; i <= COUNTS.users; i++) {
      insertUser.run(
        `bench.${i}@exemple.fr`,
        `bench.${i}@exemple.fr`,
        `Nom${i}`,
        `Prénom${i}`,
        now,
        passwordHash,
        passwordHash,
        now,
        now,
        now,
      );
    }
    for (let s = 1; s <= COUNTS.structures; s++) {
      const siren = withLuhnKey(String(20_000_000 + s));
      const siret = withLuhnKey(`${siren}0001`);
      structureSirets.push(siret);
      insertDirectory.run(siret, siren);
      // User s manages structure s; it is attached to it.
      insertStructure.run(siret, siren, `EARL BENCH ${s}`, s, now, s);
      insertAttachment.run(s, s, "approved", now, now, s);
      insertSpace.run(s, now, s);
    }
    // Structure 1's manager has 200 pending attachment requests.
    let attachments = COUNTS.structures;
    for (let i = 0; i < COUNTS.managerPending; i++, attachments++)
      insertAttachment.run(COUNTS.structures + 1 + i, 1, "pending", now, null, null);
    // The other members: one attachment each, spread over the structures, approved.
    let user = COUNTS.structures + COUNTS.managerPending + 1;
    while (attachments < COUNTS.attachments) {
      insertAttachment.run(user, 2 + (attachments % (COUNTS.structures - 1)), "approved", now, now, 1);
      attachments++;
      user = user >= COUNTS.users ? COUNTS.structures + COUNTS.managerPending + 1 : user + 1;
    }
    // Subscriptions of those members to their structure's TIC space.
    const members = db
      .prepare("SELECT user_id, structure_id FROM attachments WHERE status = 'approved' AND user_id > ? LIMIT ?")
      .all(COUNTS.structures, COUNTS.subscriptions);
    for (const m of members) insertSubscription.run(m.user_id, m.structure_id, 1, "approved", now, now, 1);
  })();
  const centreUserId = seedPortfolio(db, now, insertUser, insertStructure, insertAttachment);
  const instruction = seedInstruction(db, now, COUNTS.structures);
  const sessionFor = db.prepare("INSERT INTO sessions (id, user_id, created_at, expires_at, bound_at) VALUES (?, ?, ?, ?, ?)");
  const sessions = {};
  for (const [name, userId] of [
    ["manager", 1],
    ["member", COUNTS.structures + COUNTS.managerPending + 1],
    ["centre", centreUserId],
  ]) {
    const id = randomBytes(32).toString("base64url");
    sessionFor.run(id, userId, now, now + 8 * 3_600_000, now);
    sessions[name] = id;
  }
  db.close();
  return { structureSirets, sessions, instruction };
}

/**
 * « Portefeuille »: a centre de gestion (a structure of its own, its user a member) holds an active
 * mandate on farms 2…501 (their TIC spaces are open). For the three years before this one: a
 * realistic mix of no request, drafts more or less complete, transmitted and processed ones, 0 to
 * 12 lines each, some invoices not joined yet, some bank details and sworn statements missing.
 */
function seedPortfolio(db, now, insertUser, insertStructure, insertAttachment) {
  let random = 42;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const centreUser = insertUser.run(
    "bench.centre@exemple.fr",
    "bench.centre@exemple.fr",
    "Centre",
    "Comptable",
    now,
    passwordHash,
    passwordHash,
    now,
    now,
    now,
  ).lastInsertRowid;
  const siren = withLuhnKey("29999999");
  const centre = insertStructure.run(
    withLuhnKey(`${siren}0001`),
    siren,
    "CENTRE DE GESTION BENCH",
    centreUser,
    now,
    centreUser,
  ).lastInsertRowid;
  db.prepare("UPDATE structures SET is_management_centre = 1, verification_status = 'verified' WHERE id = ?").run(centre);
  insertAttachment.run(centreUser, centre, "approved", now, now, centreUser);
  const insertMandate =
    db.prepare(`INSERT INTO mandates (farm_structure_id, agent_structure_id, can_edit, can_transmit, end_date, origin, status, requested_at, requested_by, decided_at, decided_by)
    VALUES (?, ?, 1, ?, NULL, 'given', 'active', ?, ?, ?, ?)`);
  const insertFile =
    db.prepare(`INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by)
    VALUES (?, ?, 'application/pdf', ?, 4, 'bench', X'25504446', ?, ?)`);
  const insertAccount =
    db.prepare(`INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by)
    VALUES (?, 'EARL BENCH', 'FR7630006000011234567890189', 'AGRIFRPPXXX', ?, 1, ?, ?)`);
  const insertRequest =
    db.prepare(`INSERT INTO refund_requests (structure_id, year, status, reference, bank_account_id, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at, transmitted_at)
    VALUES (?, ?, ?, ?, ?, ?, '031123456', 'company', ?, ?, ?, ?)`);
  const insertLine =
    db.prepare(`INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, rate_kind, amount_cents, invoice_file_id, created_at, created_by)
    VALUES (?, ?, ?, 'gnr', ?, 38600, 'official', ?, ?, ?, ?)`);
  const year = new Date().getFullYear();
  const years = [year - 3, year - 2, year - 1];
  const statuses = ["draft", "draft", "draft", "submitted", "processing", "payment", "incomplete"];
  db.transaction(() => {
    for (let farm = 2; farm < 2 + COUNTS.clientFarms; farm++) {
      insertMandate.run(farm, centre, next() < 0.3 ? 1 : 0, now, farm, now, farm);
      if (next() < 0.7) db.prepare("UPDATE structures SET verification_status = 'verified' WHERE id = ?").run(farm);
      const rib = insertFile.run(farm, "rib", "rib.pdf", now, farm).lastInsertRowid;
      const account = next() < 0.8 ? insertAccount.run(farm, rib, now, farm).lastInsertRowid : null;
      const invoice = insertFile.run(farm, "invoice", "facture.pdf", now, farm).lastInsertRowid;
      for (const [index, y] of years.entries()) {
        // Older years have fewer requests left to write.
        if (next() > 0.35 + 0.25 * index) continue;
        const status = statuses[Math.floor(next() * statuses.length)];
        const changed = now - Math.floor(next() * 200 * 86_400_000);
        const request = insertRequest.run(
          farm,
          y,
          status,
          status === "draft" ? null : `TIC-${y}-${String(farm).padStart(6, "0")}`,
          next() < 0.85 ? account : null,
          next() < 0.7 ? 1 : 0,
          changed,
          farm,
          changed,
          // Every request past « Brouillon » was transmitted (the instructors' list sorts on it).
          status === "draft" ? null : changed,
        ).lastInsertRowid;
        const lines = Math.floor(next() * 13);
        for (let n = 1; n <= lines; n++) {
          const volume = 500_000 + Math.floor(next() * 5_000_000);
          insertLine.run(
            request,
            `FA-${y}-${n}`,
            `${y}-${String(1 + (n % 12)).padStart(2, "0")}-15`,
            volume,
            Math.round((volume * 38_600) / 10_000),
            next() < 0.8 ? invoice : null,
            changed,
            farm,
          );
        }
      }
    }
  })();
  return centreUser;
}

step(
  "Jeu de données : 10 000 utilisateurs, 3 000 structures, 20 000 rattachements et abonnements, 500 exploitations clientes d'un centre de gestion",
);
const seeded = seed();

async function cookieFor(sessionId) {
  const name = "authjs.session-token";
  const token = await encode({ token: { sid: sessionId, sub: "bench" }, secret: SECRET, salt: name, maxAge: 8 * 3600 });
  return `${name}=${token}`;
}
const cookies = {
  manager: await cookieFor(seeded.sessions.manager),
  member: await cookieFor(seeded.sessions.member),
  centre: await cookieFor(seeded.sessions.centre),
};

// BENCH_NATIONAL=1 (npm run bench:national): the pages on this database, then on the national one.
const national = process.env.BENCH_NATIONAL === "1";
const sqlLogFile = path.join(folder, "sql.log");
// BENCH_PROFILE=<dir>: the (single) server writes a V8 CPU profile there when it stops (to find hot paths).
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
/** `next start` (1 worker) or `npm start`'s multi-process server (scripts/lib/workers.mjs) on the bench's database. */
async function startServer(workers, port = PORT, file = databaseFile, cwd = process.cwd()) {
  const base = `http://127.0.0.1:${port}`;
  step(`Serveur de mesure sur ${base} (${workers} processus)`);
  // A server left over by an interrupted run would answer instead, with another secret: every
  // signed-in scenario would measure the sign-in page.
  if (
    await fetch(`${base}/sante`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`Le port ${port} est déjà pris : arrêtez le serveur qui l'occupe.`);
  // National run: the server logs the SQL it prepares (scripts/lib/sql-log.cjs), for the query plans.
  const sqlLog = national && workers === 1 ? ["-r", "./scripts/lib/sql-log.cjs"] : [];
  // BENCH_NODE_FLAGS: Node options for this checkout's servers only (with BENCH_AGAINST=. an A/B of a flag).
  // The flags `npm start` gives its servers (scripts/lib/serve.mjs) apply to both.
  const flags = [...SERVER_NODE_FLAGS, ...(cwd === process.cwd() ? (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean) : [])];
  const command =
    workers > 1
      ? [...flags, "scripts/lib/workers.mjs"]
      : [...flags, ...profile, ...sqlLog, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, command, {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_FILE: file,
      AUTH_SECRET: SECRET,
      APP_URL: base,
      MAIL_TRANSPORT: "outbox",
      RATE_LIMIT_IP_FACTOR: "10000",
      WEB_CONCURRENCY: String(workers),
      BENCH_SQL_LOG: sqlLogFile,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // Every worker up: the multi-process server answers once its first worker listens.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/sante`)).ok && (workers === 1 || (await workerPids(child.pid)).length === workers)) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  running.add(child);
  serverPids.set(base, child.pid);
  return async () => {
    child.kill("SIGTERM");
    await exited;
    running.delete(child);
  };
}
/** The workers of a multi-process server (its children), from /proc. */
async function workerPids(pid) {
  const { readdirSync, readFileSync } = await import("node:fs");
  return readdirSync("/proc").filter((entry) => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      return /^\d+$/.test(entry) && Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
    } catch {
      return false;
    }
  });
}
const running = new Set();
/** Each server's process, by its address: the CPU it spends per request is read from /proc. */
const serverPids = new Map();
/** CPU time (ms) used so far by a server and its workers: user + system, from /proc (clock ticks of 10 ms). */
async function cpuMs(base) {
  const pid = serverPids.get(base);
  if (pid === undefined) return NaN;
  const { readFileSync } = await import("node:fs");
  let ticks = 0;
  for (const id of [pid, ...(await workerPids(pid))]) {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // a worker that just exited
    }
  }
  return ticks * 10;
}
const cleanUp = () => {
  // BENCH_KEEP=1: the seeded database stays, to time a query in process (its path is printed).
  if (process.env.BENCH_KEEP) console.log(`Base conservée : ${databaseFile}`);
  else rmSync(folder, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  for (const child of running) child.kill("SIGTERM");
  cleanUp();
  process.exit(130);
});
let stopServer = await startServer(1);

/** The hidden fields that a no-JS browser posts with a server-action form. */
async function actionFields(pathname, cookie, formIndex = 0) {
  const html = await (await fetch(`${BASE}${pathname}`, { headers: cookie ? { cookie } : {} })).text();
  const forms = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].filter((m) => m[1].includes("$ACTION"));
  const form = forms[formIndex]?.[1] ?? "";
  return [...form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)]
    .map((m) => [
      /name="([^"]+)"/.exec(m[0])?.[1],
      (/value="([^"]*)"/.exec(m[0])?.[1] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"),
    ])
    .filter(([name]) => name?.startsWith("$ACTION"));
}

function multipart(fields) {
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const body =
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

let signUps = 0;
const signUpFields = await actionFields("/inscription");
const decisionFields = await actionFields("/gestionnaire", cookies.manager, 0);
const pendingIds = new Database(databaseFile, { readonly: true })
  .prepare("SELECT id FROM attachments WHERE status = 'pending' AND structure_id = 1")
  .all()
  .map((r) => r.id);
let decisions = 0;

const scenarios = [
  { name: "Page minimale (référence)", path: "/sante" },
  { name: "Se connecter (page)", path: "/connexion" },
  { name: "Accueil, connecté", path: "/accueil", cookie: cookies.member },
  { name: "Activités du gestionnaire (200 demandes)", path: "/gestionnaire", cookie: cookies.manager },
  // BENCH_ONLY=centre: these two. The centre's user has 500 client farms.
  { name: "Accueil, utilisateur d'un centre de gestion", path: "/accueil", cookie: cookies.centre },
  { name: "Portefeuille d'un centre de gestion (500 exploitations, 1re page)", path: "/portefeuille", cookie: cookies.centre },
  // BENCH_ONLY=Demandes: an instructor whose départements hold 20,000 transmitted requests (issue 20).
  {
    name: "Demandes d'un instructeur (20 000 demandes, 1re page)",
    path: "/administration/demandes?onglet=toutes",
    cookie: seeded.instruction.cookie,
    agent: true,
  },
  {
    name: "Demandes d'un instructeur, signalées",
    path: "/administration/demandes?onglet=toutes&signalees=1",
    cookie: seeded.instruction.cookie,
    agent: true,
  },
  {
    name: "Dossier d'une demande (instructeur)",
    path: `/administration/demandes/${seeded.instruction.requestId}`,
    cookie: seeded.instruction.cookie,
    agent: true,
  },
  {
    name: "Recherche par SIRET",
    path: () => `/structures/rattachement?identifiant=${seeded.structureSirets[Math.floor(Math.random() * seeded.structureSirets.length)]}`,
    cookie: cookies.member,
  },
  {
    name: "Action : inscription",
    path: "/inscription",
    post: () =>
      multipart([
        ...signUpFields,
        ["loginEmail", `nouveau.${process.pid}.${++signUps}@exemple.fr`],
        ["contactEmail", ""],
        ["lastName", "Durand"],
        ["firstName", "Claire"],
        ["phone", ""],
        ["siret", "73282932000074"],
        ["addressStreet", "3 route de Lavaur"],
        ["addressComplement", ""],
        ["postalCode", "31500"],
        ["city", "Toulouse"],
        ["acceptTerms", "on"],
        ["website", ""],
      ]),
  },
  {
    name: "Action : décision de rattachement",
    path: "/gestionnaire",
    cookie: cookies.manager,
    post: () => multipart([...decisionFields, ["single", `approve:${pendingIds[decisions++ % pendingIds.length]}`], ["reason", ""]]),
  },
];

function runLoad(scenario, connections, duration = DURATION, base = BASE) {
  return new Promise((resolve, reject) => {
    const headers = scenario.cookie ? { cookie: scenario.cookie } : {};
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        requests: [
          {
            method: scenario.post ? "POST" : "GET",
            setupRequest: (request) => {
              request.path = typeof scenario.path === "function" ? scenario.path() : scenario.path;
              request.headers = { ...headers };
              if (scenario.post) {
                const { body, contentType } = scenario.post();
                request.body = body;
                request.headers["content-type"] = contentType;
                request.headers.origin = base;
              }
              return request;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

// BENCH_ONLY=<text>: only the scenarios whose name contains it (the baseline always runs).
const only = process.env.BENCH_ONLY;
const chosen = only ? scenarios.filter((scenario, i) => i === 0 || scenario.name.includes(only)) : scenarios;
/** The signed-in pages (and the baseline): what the multi-process and national runs measure again. */
// The agents' pages are measured on the first server only (the national database has no agent).
const pages = chosen.filter((scenario, i) => i === 0 || (scenario.cookie && !scenario.post && !scenario.agent));
// BENCH_WORKERS: the process counts compared in the same run (default "1,2"; "1" skips the comparison).
const workerCounts = (process.env.BENCH_WORKERS ?? "1,2")
  .split(",")
  .map(Number)
  .filter((n) => n >= 1);

/**
 * Measures each scenario at each connection count on each target in turn (1 process, then 2, for
 * the same scenario and count back to back: the machine's load drifts less between the two than
 * between two whole runs). Scenarios outside `pages` (the actions) run on the first target only.
 */
async function measure(list, connectionsList, targets) {
  // Every route once, unmeasured, before the first measure: otherwise the baseline, measured first,
  // pays for the server's cold start (JIT, module loading) and every ratio looks better than it is.
  step(`Mise en température (2 s par route, non mesurée) : ${targets.map((t) => t.label).join(", ")}`);
  for (const scenario of list)
    for (const target of targets) if (target === targets[0] || pages.includes(scenario)) await runLoad(scenario, 4, 2, target.base);
  step(`Mesure : ${targets.map((t) => t.label).join(", ")}`);
  const measured = [];
  for (const scenario of list) {
    for (const connections of connectionsList) {
      for (const target of targets) {
        if (target !== targets[0] && (!pages.includes(scenario) || connections === 1)) continue;
        const cpuBefore = await cpuMs(target.base);
        const result = await runLoad(scenario, connections, DURATION, target.base);
        const cpu = (await cpuMs(target.base)) - cpuBefore;
        // A server action answers 303 (redirect after success) or 200 (form with its message).
        const bad = Object.entries(result.statusCodeStats ?? {})
          .filter(([code]) => !["200", "303", "307"].includes(code))
          .reduce((total, [, stats]) => total + stats.count, 0);
        measured.push({
          run: target.label,
          route: scenario.name,
          connections,
          "req/s": Math.round(result.requests.average),
          "p50 ms": result.latency.p50,
          "p99 ms": result.latency.p99,
          errors: result.errors + result.timeouts + bad,
          // The server's CPU per answer: hardly moved by other work on the machine, unlike req/s.
          "CPU ms/req": Number((cpu / Math.max(1, result.requests.total)).toFixed(2)),
        });
      }
    }
  }
  for (const target of targets) {
    const own = measured.filter((r) => r.run === target.label);
    const baseline = Object.fromEntries(own.filter((r) => r.route === scenarios[0].name).map((r) => [r.connections, r["req/s"]]));
    const baselineCpu = Object.fromEntries(own.filter((r) => r.route === scenarios[0].name).map((r) => [r.connections, r["CPU ms/req"]]));
    for (const row of own) {
      row["vs réf."] = `${Math.round((100 * row["req/s"]) / baseline[row.connections])} %`;
      // The same ratio from CPU time: the baseline's CPU per answer over this route's.
      row["CPU vs réf."] = `${Math.round((100 * baselineCpu[row.connections]) / row["CPU ms/req"])} %`;
    }
  }
  return measured;
}

/** Each row of `after` against the same route and connections in `before`: « ×1.73 ». */
function compare(before, after, column) {
  for (const row of after) {
    const other = before.find((r) => r.route === row.route && r.connections === row.connections);
    if (other) row[column] = other["req/s"] > 0 ? `×${(row["req/s"] / other["req/s"]).toFixed(2)}` : "—";
  }
}

/** The JavaScript files a served page loads, and their size once gzipped. */
async function scriptsOf(html) {
  const sources = [...new Set([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]))];
  let gzipped = 0;
  for (const src of sources) gzipped += gzipSync(Buffer.from(await (await fetch(`${BASE}${src}`)).arrayBuffer())).length;
  return { gzipped, files: sources.length };
}

/** What every signed-in page costs the browser: HTML, the React payload of a client navigation, JavaScript. */
async function pageWeights() {
  const weights = {};
  for (const scenario of pages.filter((p) => p.cookie)) {
    const path = typeof scenario.path === "function" ? scenario.path() : scenario.path;
    const headers = { cookie: scenario.cookie };
    const html = await (await fetch(`${BASE}${path}`, { headers })).text();
    const rsc = Buffer.from(await (await fetch(`${BASE}${path}`, { headers: { ...headers, rsc: "1" } })).arrayBuffer());
    const { gzipped, files } = await scriptsOf(html);
    const clientComponents = (rsc.toString().match(/^[0-9a-f]+:I\[/gm) ?? []).length;
    // BENCH_DUMP=<dir>: keeps each signed-in page's HTML and React payload, to read what they carry.
    if (process.env.BENCH_DUMP) {
      const base = `${process.env.BENCH_DUMP}/${scenario.name.replace(/[^\p{L}\p{N}]+/gu, "-")}`;
      writeFileSync(`${base}.html`, html);
      writeFileSync(`${base}.rsc`, rsc);
    }
    weights[scenario.name] = {
      "HTML (Kio)": Number((Buffer.byteLength(html) / 1024).toFixed(1)),
      "HTML gzip (Kio)": Number((gzipSync(html).length / 1024).toFixed(1)),
      "RSC (Kio)": Number((rsc.length / 1024).toFixed(1)),
      "composants client": clientComponents,
      "JS gzip (Kio)": Number((gzipped / 1024).toFixed(1)),
      "fichiers JS": files,
    };
  }
  return weights;
}

/**
 * Every statement the server prepared during the run, through EXPLAIN QUERY PLAN on the national
 * database: those that read a whole table or index (SCAN) are listed, with their table.
 */
function fullScans() {
  const db = new Database(databaseFile, { readonly: true });
  const found = [];
  try {
    const sources = [
      ...new Set(
        readFileSync(sqlLogFile, "utf8")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line)),
      ),
    ];
    for (const source of sources) {
      if (!/^\s*(select|with|update|delete|insert)/i.test(source)) continue;
      let plan;
      try {
        const statement = db.prepare(`EXPLAIN QUERY PLAN ${source}`);
        const named = [...new Set(source.match(/[@:$][A-Za-z_]\w*/g) ?? [])];
        const positional = (source.match(/\?/g) ?? []).length;
        plan = named.length
          ? statement.all(Object.fromEntries(named.map((name) => [name.slice(1), null])))
          : statement.all(...Array(positional).fill(null));
      } catch {
        continue;
      }
      for (const step of plan) {
        const scan = /^SCAN (\w+)/.exec(step.detail);
        if (scan && !/^(json_each|sqlite_|refund_rates|refund_deadlines|services|background_leases|scheduled_jobs)/.test(scan[1]))
          found.push({ table: scan[1], detail: step.detail, sql: source.slice(0, 160) });
      }
    }
  } finally {
    db.close();
  }
  return found;
}

const rows = [];
let nationalFacts;
if (national) {
  // The small database is kept as it is (a copy, served on the next port); the bench's own grows to
  // national size; both are then served at once and measured alternately, page by page.
  await stopServer();
  const small = new Database(databaseFile);
  small.pragma("wal_checkpoint(TRUNCATE)");
  small.close();
  const smallFile = path.join(folder, "petite.db");
  copyFileSync(databaseFile, smallFile);
  step(
    `Base nationale : ${Object.entries(NATIONAL)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  const seedStarted = Date.now();
  const db = new Database(databaseFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const added = seedNational(db, { passwordHash, withLuhnKey, now: Date.now(), year: new Date().getFullYear() });
  db.pragma("wal_checkpoint(TRUNCATE)");
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const tableCounts = Object.fromEntries(
    [
      "users",
      "structures",
      "mandates",
      "refund_requests",
      "refund_lines",
      "stored_files",
      "attachments",
      "subscriptions",
      "directory_establishments",
    ].map((table) => [table, db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n]),
  );
  // The online backup API (what a backup of the live database uses): time and size.
  const backupFile = path.join(folder, "sauvegarde.db");
  const backupStarted = Date.now();
  await db.backup(backupFile);
  const backupSeconds = (Date.now() - backupStarted) / 1000;
  db.close();
  nationalFacts = {
    added,
    tableCounts,
    seedSeconds,
    databaseMiB: Number((statSync(databaseFile).size / 2 ** 20).toFixed(1)),
    backupSeconds,
    backupMiB: Number((statSync(backupFile).size / 2 ** 20).toFixed(1)),
  };
  rmSync(backupFile, { force: true });
  console.log(nationalFacts);
  stopServer = await startServer(1);
  const stopSmall = await startServer(1, PORT + 1, smallFile);
  const measured = await measure(
    pages,
    [4, 32],
    [
      { label: "base nationale", base: BASE },
      { label: "petite base", base: `http://127.0.0.1:${PORT + 1}` },
    ],
  );
  await stopSmall();
  const smallRows = measured.filter((r) => r.run === "petite base");
  const bigRows = measured.filter((r) => r.run === "base nationale");
  // « vs petite base »: the national database's req/s over the small one's (1.00 = as fast; 0.83 = 1.2× slower).
  compare(smallRows, bigRows, "vs petite base");
  rows.push(...measured);
  nationalFacts.fullScans = fullScans();
} else {
  // Both servers up at once on the same database (WAL), measured alternately.
  const targets = [{ label: "1 processus", base: BASE }];
  const stops = [];
  // BENCH_AGAINST=<another checkout, built>: its server on the same database, measured alternately
  // with this one (an A/B of a change in one run; its column « vs autre version » is this over that).
  const against = process.env.BENCH_AGAINST;
  if (against) {
    // The same checkout given as "." still runs as « the other version », without BENCH_NODE_FLAGS.
    stops.push(
      await startServer(1, PORT + 9, databaseFile, path.resolve(against) === process.cwd() ? `${process.cwd()}/.` : path.resolve(against)),
    );
    targets.push({ label: "autre version", base: `http://127.0.0.1:${PORT + 9}` });
  }
  for (const [i, workers] of workerCounts.filter((n) => n > 1).entries()) {
    stops.push(await startServer(workers, PORT + 1 + i));
    targets.push({ label: `${workers} processus`, base: `http://127.0.0.1:${PORT + 1 + i}` });
  }
  const measured = await measure(chosen, CONNECTIONS, targets);
  const single = measured.filter((r) => r.run === targets[0].label);
  for (const target of targets.slice(1)) {
    if (target.label === "autre version")
      compare(
        measured.filter((r) => r.run === target.label),
        single,
        "vs autre version",
      );
    else
      compare(
        single,
        measured.filter((r) => r.run === target.label),
        "vs 1 processus",
      );
  }
  rows.push(...measured);
  for (const stop of stops) await stop();
}

step("Poids des pages connectées (HTML, charge utile React, JavaScript)");
const weights = await pageWeights();

step("Coût d'argon2 seul (1 cœur)");
const started = Date.now();
let hashes = 0;
while (Date.now() - started < 3000) {
  await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  hashes++;
}
const argon2PerSecond = Number((hashes / ((Date.now() - started) / 1000)).toFixed(1));

step("JavaScript envoyé au navigateur (gzip), mesuré depuis le HTML servi");
const javascript = {};
for (const page of ["/", "/inscription", "/connexion"]) {
  const { gzipped, files } = await scriptsOf(await (await fetch(`${BASE}${page}`)).text());
  javascript[page] = `${(gzipped / 1024).toFixed(1)} Kio (${files} fichiers)`;
}

await stopServer();
cleanUp();
const load = loadavg()
  .map((n) => n.toFixed(2))
  .join(" ");
console.table(rows);
console.table(weights);
console.log(`argon2id (19 Mio, 2 passes) : ${argon2PerSecond} hachages/s sur un cœur`);
console.log(`Inscriptions créées pendant la mesure : ${signUps} (l'inscription ne hache rien : le mot de passe est choisi à l'activation)`);
console.table(javascript);
const machine = `${cpus().length} cœurs ${cpus()[0]?.model ?? ""}, ${Math.round(totalmem() / 2 ** 30)} Gio, Node ${process.version}`;
console.log(`Machine : ${machine} ; charge moyenne (1, 5, 15 min) à la fin : ${load}`);
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${new Date().toISOString().replaceAll(":", "-").slice(0, 19)}${national ? "-national" : ""}.json`;
writeFileSync(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      loadAverage: load,
      durationSeconds: DURATION,
      counts: COUNTS,
      national: nationalFacts,
      rows,
      weights,
      argon2PerSecond,
      javascript,
    },
    null,
    2,
  ),
);
console.log(`Résultats : ${file}`);
