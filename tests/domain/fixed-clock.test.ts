// The e2e run's fixed day (ADR 0031): the preload that every Node process of the Playwright run
// loads. Its effects are checked in child processes, so that this test's own Date stays real.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cookieForBrowser, offsetFor } from "../support/fixed-clock.cjs";

const PRELOAD = "./tests/support/fixed-clock.cjs";

/** Runs `script` in a Node process that preloads the clock, with E2E_TODAY when given; its JSON output. */
function inChild(script: string, today?: string) {
  const env = { ...process.env };
  delete env.E2E_TODAY;
  if (today) env.E2E_TODAY = today;
  const run = spawnSync(process.execPath, ["--require", PRELOAD, "-e", script], { env, encoding: "utf8", timeout: 15_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const PARIS_DAY = `new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" })`;
const PARIS_TIME = `new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" })`;

describe("the e2e clock", () => {
  it("puts Paris on the chosen day at the same time of day, across summer time", () => {
    const realNow = Date.parse("2026-12-07T09:00:00.250Z"); // 10:00 in Paris (UTC+1)
    expect(new Date(realNow + offsetFor("2024-07-01", realNow)).toISOString()).toBe("2024-07-01T08:00:00.250Z"); // 10:00 (UTC+2)
    expect(new Date(realNow + offsetFor("2027-01-31", realNow)).toISOString()).toBe("2027-01-31T09:00:00.250Z");
    expect(offsetFor("2026-12-07", realNow)).toBe(0);
    // Late evening in Paris is already the next day in UTC+1 terms: the day is Paris's.
    const lateEvening = Date.parse("2026-12-07T23:30:00Z"); // 00:30 on 8 December in Paris
    expect(new Date(lateEvening + offsetFor("2026-12-07", lateEvening)).toISOString()).toBe("2026-12-06T23:30:00.000Z");
  });

  it("refuses a day that is not AAAA-MM-JJ", () => {
    expect(() => offsetFor("07/12/2026", Date.now())).toThrow("E2E_TODAY : une date AAAA-MM-JJ est attendue (reçu « 07/12/2026 »).");
    expect(() => offsetFor("2026-13-45", Date.now())).toThrow("E2E_TODAY");
  });

  it("shifts now only: dates from arguments, parsing, Intl and timers are untouched, and time advances", () => {
    const script = `
      const started = Date.now();
      const made = new Date();
      setTimeout(() => console.log(JSON.stringify({
        day: ${PARIS_DAY}.format(made),
        time: ${PARIS_TIME}.format(made),
        realTime: ${PARIS_TIME}.format(new Date(started - Date.fixedClockOffset)),
        nowDay: ${PARIS_DAY}.format(Date.now()),
        called: Date(),
        epoch: new Date(0).toISOString(),
        fromString: new Date("2024-03-15T12:00:00Z").getTime(),
        fromParts: new Date(2024, 2, 15).getDate(),
        parsed: Date.parse("2024-03-15T12:00:00Z"),
        utc: Date.UTC(2024, 2, 15),
        isDate: made instanceof Date && Object.prototype.toString.call(made) === "[object Date]",
        sameConstructor: new made.constructor().getTime() >= made.getTime(),
        subclass: new (class extends Date {})().getFullYear(),
        elapsed: Date.now() - started,
      })), 60);`;
    const shifted = inChild(script, "2024-07-01");
    expect(shifted).toMatchObject({
      day: "2024-07-01",
      nowDay: "2024-07-01",
      epoch: "1970-01-01T00:00:00.000Z",
      fromString: Date.parse("2024-03-15T12:00:00Z"),
      fromParts: 15,
      parsed: Date.parse("2024-03-15T12:00:00Z"),
      utc: Date.UTC(2024, 2, 15),
      isDate: true,
      sameConstructor: true,
      subclass: 2024,
    });
    expect(shifted.time).toBe(shifted.realTime);
    expect(shifted.called).toContain("Jul 01 2024");
    expect(shifted.elapsed).toBeGreaterThanOrEqual(55);
    expect(shifted.elapsed).toBeLessThan(5_000);
  });

  it("survives Next.js wrapping Date (it copies Date's own properties)", () => {
    const wrapped = inChild(
      `require("./node_modules/next/dist/server/node-environment-extensions/date.js");
       console.log(JSON.stringify({ utc: Date.UTC(2024, 0, 1), parsed: Date.parse("2024-01-01T00:00:00Z"), day: ${PARIS_DAY}.format(new Date()), nowDay: ${PARIS_DAY}.format(Date.now()) }))`,
      "2024-07-01",
    );
    expect(wrapped).toEqual({ utc: Date.UTC(2024, 0, 1), parsed: Date.UTC(2024, 0, 1), day: "2024-07-01", nowDay: "2024-07-01" });
  });

  it("does nothing without E2E_TODAY", () => {
    const before = Date.now();
    const child = inChild(`console.log(JSON.stringify({ now: Date.now(), offset: Date.fixedClockOffset ?? null }))`);
    expect(child.offset).toBeNull();
    expect(child.now).toBeGreaterThanOrEqual(before);
    expect(child.now).toBeLessThan(before + 15_000);
  });

  it("gives the browser cookie expiries on the machine's clock", () => {
    const day = 86_400_000;
    const shiftedNow = Date.parse("2024-07-01T08:00:00Z");
    const offset = shiftedNow - Date.parse("2026-12-07T09:00:00Z");
    expect(cookieForBrowser("sid=a; Path=/; Expires=Mon, 01 Jul 2024 16:00:00 GMT; HttpOnly", offset, shiftedNow)).toBe(
      "sid=a; Path=/; Expires=Mon, 07 Dec 2026 17:00:00 GMT; HttpOnly",
    );
    // Deletions stay in the past; Max-Age is a duration; no Expires, nothing to do.
    const deletion = "sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    expect(cookieForBrowser(deletion, offset, shiftedNow)).toBe(deletion);
    expect(cookieForBrowser(deletion, 30 * day, shiftedNow + 30 * day)).toBe(deletion);
    expect(cookieForBrowser("sid=a; Max-Age=28800", offset, shiftedNow)).toBe("sid=a; Max-Age=28800");
  });

  it("rewrites the Set-Cookie headers of the process's HTTP server, whichever way they are written", () => {
    const script = `
      const http = require("node:http");
      const inEightHours = () => new Date(Date.now() + 8 * 3600_000).toUTCString();
      const server = http.createServer((req, res) => {
        if (req.url === "/set") { res.setHeader("Set-Cookie", ["a=1; Expires=" + inEightHours(), "b=2; Max-Age=60"]); res.end(); }
        else if (req.url === "/append") { res.appendHeader("set-cookie", "c=3; Expires=" + inEightHours()); res.end(); }
        else { res.setHeader("X-Before", "1"); res.writeHead(200, { "Set-Cookie": "d=4; Expires=" + inEightHours() }); res.end(); }
      }).listen(0, "127.0.0.1", async () => {
        const base = "http://127.0.0.1:" + server.address().port;
        const out = {};
        for (const path of ["/set", "/append", "/head"]) out[path] = (await fetch(base + path)).headers.getSetCookie();
        out.realNow = Date.now() - Date.fixedClockOffset;
        server.close();
        console.log(JSON.stringify(out));
      });`;
    const child = inChild(script, "2024-07-01") as Record<string, string[]> & { realNow: number };
    const cookies = [...child["/set"]!, ...child["/append"]!, ...child["/head"]!];
    expect(cookies).toHaveLength(4);
    expect(cookies).toContain("b=2; Max-Age=60");
    for (const cookie of cookies.filter((c) => c.includes("Expires="))) {
      const expires = Date.parse(cookie.split("Expires=")[1]!);
      // Eight hours after the machine's now (to the second), not after the shifted one.
      expect(Math.abs(expires - (child.realNow + 8 * 3600_000))).toBeLessThan(5_000);
    }
  });
});
