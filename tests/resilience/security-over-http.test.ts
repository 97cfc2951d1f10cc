// Issue 13 over HTTP, against `next start`: what an attacker tried, and what must now hold.
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nextStartArgs } from "../../scripts/lib/serve.mjs";
import { AUTH_SECRET, query, serverForThisFile, startApp } from "./support/app-server";
import { PASSWORD, activate, activationLink, activePerson, signUp } from "../support/people";
import { Visitor, alertText } from "../support/visitor";

const OFFSET = Number(process.env.TEST_PORT_OFFSET ?? 0);

/** A non-loopback address of this machine, to connect from (and to) something that is not 127.0.0.1. */
function nonLoopbackAddress(): string | null {
  const all = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal);
  return (
    all.find((a) => a!.family === "IPv4")?.address ??
    all.find((a) => a!.family === "IPv6" && !a!.address.startsWith("fe80"))?.address ??
    null
  );
}
const OUTSIDE = nonLoopbackAddress();
// Said in the test's name when it is skipped, so that the report shows why.
const SKIPPED = OUTSIDE ? "" : " (ignoré : cette machine n'a pas d'adresse hors boucle locale, os.networkInterfaces())";
const hostPart = (address: string) => (address.includes(":") ? `[${address}]` : address);

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/** A GET with whatever headers an attacker likes (Host included), over a raw connection. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

/** Text of the mailbox page itself (its title also shows on the 404 page's metadata). */
const LISTING = "les courriels ne partent pas";

const FORGED = {
  "x-portail-peer": "127.0.0.1",
  "x-forwarded-for": "127.0.0.1",
  "x-real-ip": "127.0.0.1",
  forwarded: "for=127.0.0.1",
};

describe("npm start's defaults and the dev mailbox", () => {
  it.skipIf(!OUTSIDE)(`with npm start's defaults, the server accepts no connection on a non-loopback interface${SKIPPED}`, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "portail-tic-defaults-"));
    const port = String(3415 + OFFSET);
    // Exactly the command `npm start` runs, from an environment without HOST.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: port,
      DATABASE_FILE: path.join(folder, "d.db"),
      AUTH_SECRET,
      NODE_ENV: "production",
    };
    delete env.HOST;
    const { nodeFlags, args } = nextStartArgs(env);
    const child = spawn(process.execPath, [...nodeFlags, ...args], { env, stdio: "ignore" });
    try {
      let ready = false;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await connects("127.0.0.1", Number(port));
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ready).toBe(true);
      expect(await connects(OUTSIDE!, Number(port))).toBe(false);
    } finally {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!OUTSIDE)(`shows the mailbox to a loopback peer only, whatever Host and forwarded headers say${SKIPPED}`, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "portail-tic-mailbox-"));
    const port = 3416 + OFFSET;
    // Listening everywhere (HOST=0.0.0.0), local outbox, loopback APP_URL: the mailbox exists.
    const app = await startApp({
      port,
      databaseFile: path.join(folder, "d.db"),
      stubPort: 9,
      log: path.join(folder, "server.log"),
      host: OUTSIDE!.includes(":") ? "::" : "0.0.0.0",
      env: { MAIL_TRANSPORT: "outbox", RESEND_API_KEY: undefined },
    });
    try {
      const local = await rawGet(`http://127.0.0.1:${port}/dev/boite-mail`, {});
      expect(local.status).toBe(200);
      expect(local.body).toContain(LISTING);
      // From this machine's other address, the peer is not loopback: the headers change nothing.
      for (const page of ["/dev/boite-mail", "/dev/boite-mail/1"]) {
        const remote = await rawGet(`http://${hostPart(OUTSIDE!)}:${port}${page}`, { ...FORGED, host: `127.0.0.1:${port}` });
        expect(remote.status, page).toBe(404);
        expect(remote.body).not.toContain(LISTING);
      }
    } finally {
      await app.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("sign-in under attack", () => {
  // Real per-IP limits (factor 1): everyone here comes from 127.0.0.1.
  const server = serverForThisFile(3414, "data/resilience-security.log", { env: { RATE_LIMIT_IP_FACTOR: "1" } });

  it("refuses the open redirect after sign-in", async () => {
    const visitor = new Visitor(server.app.url);
    const loginEmail = "redirection@exemple.fr";
    expect(await signUp(visitor, loginEmail)).toBe(true);
    await activate(visitor, await activationLink(server.mailbox, loginEmail));
    const answer = await visitor.fillAndSubmit("/connexion?suivant=%2F%09%2F127.0.0.1%3A4399%2Fpwned", "Se connecter", {
      loginEmail,
      password: PASSWORD,
    });
    expect(answer.status, alertText(answer)).toBe(303);
    expect(new URL(answer.location!, server.app.url).origin).toBe(new URL(server.app.url).origin);
    expect(answer.location).toBe("/accueil");
  });

  it("gives no session for a revoked cookie at /api/auth/session", async () => {
    const visitor = await activePerson(server.app.url, server.mailbox, "revoque@exemple.fr");
    const cookie = visitor.cookieHeader();
    const live = await (await fetch(`${server.app.url}/api/auth/session`, { headers: { cookie } })).json();
    expect(live).toHaveProperty("expires");
    const out = await visitor.fillAndSubmit("/accueil", "Se déconnecter", {});
    expect(out.status).toBe(303);
    const replayed = await fetch(`${server.app.url}/api/auth/session`, { headers: { cookie } });
    const body = await replayed.json();
    expect(body === null || Object.keys(body).length === 0, JSON.stringify(body)).toBe(true);
  });

  it("lets the owner in, with their device cookie, while strangers at the same address are throttled", async () => {
    const loginEmail = "proprietaire@exemple.fr";
    const owner = await activePerson(server.app.url, server.mailbox, loginEmail);
    expect(owner.hasCookie("portail_appareil")).toBe(true);
    expect((await owner.fillAndSubmit("/accueil", "Se déconnecter", {})).status).toBe(303);

    // The attacker, from the same address, tries passwords until the account makes them wait 8 s.
    const attacker = new Visitor(server.app.url);
    for (const wait of [0, 0, 0, 0, 1_100, 2_100, 4_100]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const wrong = await attacker.fillAndSubmit("/connexion", "Se connecter", { loginEmail, password: "Mauvais mot de passe 1" });
      expect(alertText(wrong)).toContain("incorrect");
    }
    const stranger = await new Visitor(server.app.url).fillAndSubmit("/connexion", "Se connecter", { loginEmail, password: PASSWORD });
    expect(alertText(stranger)).toContain("Trop de tentatives");

    const back = await owner.fillAndSubmit("/connexion", "Se connecter", { loginEmail, password: PASSWORD });
    expect(back.status, alertText(back)).toBe(303);
    expect(back.location).toMatch(/\/accueil$/);
    // The owner's success lifted nothing for the others.
    const again = await attacker.fillAndSubmit("/connexion", "Se connecter", { loginEmail, password: PASSWORD });
    expect(alertText(again)).toContain("Trop de tentatives");
  });

  it("limits 25 sign-ins with 25 forged X-Forwarded-For values as one client, and audits the true address", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 25; i++) {
      const visitor = new Visitor(server.app.url);
      visitor.headers = { "x-forwarded-for": `198.18.0.${i + 1}`, "x-real-ip": `198.18.1.${i + 1}` };
      // A different unknown address each time: only the per-IP limit can stop this.
      const answer = await visitor.fillAndSubmit("/connexion", "Se connecter", {
        loginEmail: `inconnu.${i}@exemple.fr`,
        password: "Mauvais mot de passe 1",
      });
      expect(answer.status).toBeLessThan(500);
      answers.push(alertText(answer));
    }
    expect(answers.filter((text) => text.includes("Trop de tentatives")).length).toBeGreaterThan(0);
    const forged = query<{ n: number }>(server.databaseFile, "SELECT count(*) AS n FROM audit_events WHERE ip LIKE '198.18.%'")[0]!.n;
    expect(forged).toBe(0);
    const failures = query<{ ip: string }>(server.databaseFile, "SELECT DISTINCT ip FROM audit_events WHERE action LIKE 'auth.sign_in%'");
    expect(failures.map((row) => row.ip)).toEqual(["127.0.0.1"]);
  });
});
