// The e2e run's fixed day (ADR 0031). Test harness only: `npm start` never loads it. When E2E_TODAY
// (AAAA-MM-JJ) is set, `new Date()`, `Date()` and `Date.now()` are shifted by a constant offset, so
// that "now" is that day in Paris at the current time of day, and time still advances. A date built
// from arguments (`new Date(0)`, `new Date("2024-03-15")`), `Date.UTC`, `Date.parse`, `Intl` and the
// timers are untouched. Loaded by playwright.config.ts (the runner and its workers), by the e2e
// server (`node -r …/fixed-clock.cjs next start`) and by the child processes the specs spawn
// (`--require`, or `--import` which takes a CommonJS file too).
//
// The browser keeps the machine's clock: a cookie's `Expires` written by the shifted server would be
// days in the past (or future) for it, and the 8-hour session cookie would die at once on any other
// day. So, in the process that answers HTTP, every `Set-Cookie` Expires is shifted back to the
// machine's clock (`Max-Age` is a duration, untouched).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (`node -r`), loaded before any module
const http = require("node:http");

const PARIS_PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The Paris wall clock of an instant, read back as if it were UTC (milliseconds dropped). */
function parisWallClock(ms) {
  const p = Object.fromEntries(PARIS_PARTS.formatToParts(ms).map((part) => [part.type, part.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/**
 * The milliseconds to add to the real clock so that, at `realNow`, Paris is on `day` at the same
 * time of day (Paris's UTC offset on that day may differ from today's: summer time).
 */
function offsetFor(day, realNow) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new Error(`E2E_TODAY : une date AAAA-MM-JJ est attendue (reçu « ${day} »).`);
  }
  const wall = parisWallClock(realNow);
  const wallOnDay = Date.parse(`${day}T00:00:00Z`) + (wall - Math.floor(wall / 86_400_000) * 86_400_000);
  // First guess with today's Paris offset, then corrected with the offset at the guessed instant.
  const todayOffset = wall - Math.floor(realNow / 1000) * 1000;
  let instant = wallOnDay - todayOffset;
  instant = wallOnDay - (parisWallClock(instant) - Math.floor(instant / 1000) * 1000);
  return instant - Math.floor(realNow / 1000) * 1000;
}

/** Replaces the global Date by one whose "now" is shifted by `offset` milliseconds. */
function install(offset) {
  const RealDate = globalThis.Date;
  if (RealDate.fixedClockOffset !== undefined) return RealDate.fixedClockOffset;
  const now = () => RealDate.now() + offset;
  function Date(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  // Own statics (UTC, parse…) as on the real one: Next.js copies Date's own properties when it wraps it.
  for (const key of Reflect.ownKeys(RealDate)) {
    if (key !== "prototype" && key !== "name" && key !== "length")
      Object.defineProperty(Date, key, Object.getOwnPropertyDescriptor(RealDate, key));
  }
  Object.defineProperties(Date, {
    prototype: { value: RealDate.prototype, writable: false },
    length: { value: RealDate.length },
    now: { value: now, writable: true, configurable: true },
    fixedClockOffset: { value: offset },
  });
  Object.defineProperty(RealDate.prototype, "constructor", { value: Date, writable: true, configurable: true });
  globalThis.Date = Date;
  if (offset !== 0) shiftCookieExpiries(offset);
  return offset;
}

/**
 * One `Set-Cookie` value with its Expires moved by -offset: the machine's clock, as the browser reads
 * it. An Expires already past on both clocks (a deletion, often 1 January 1970) is left alone.
 */
function cookieForBrowser(cookie, offset, shiftedNow = Date.now()) {
  return String(cookie).replace(/(;\s*expires=)([^;]+)/i, (all, name, value) => {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return all;
    const forBrowser = at <= Math.min(shiftedNow, shiftedNow - offset) ? at : at - offset;
    return forBrowser === at ? all : name + new Date(forBrowser).toUTCString();
  });
}

const forBrowser = (name, value, offset) =>
  String(name).toLowerCase() !== "set-cookie"
    ? value
    : Array.isArray(value)
      ? value.map((c) => cookieForBrowser(c, offset))
      : cookieForBrowser(value, offset);

function shiftCookieExpiries(offset) {
  // Node's appendHeader and writeHead may call setHeader: only the outermost call rewrites.
  let inside = false;
  const once = (original, rewrite) =>
    function (...args) {
      if (inside) return original.apply(this, args);
      inside = true;
      try {
        return original.apply(this, rewrite(args));
      } finally {
        inside = false;
      }
    };
  const proto = http.OutgoingMessage.prototype;
  proto.setHeader = once(proto.setHeader, ([name, value]) => [name, forBrowser(name, value, offset)]);
  if (proto.appendHeader) proto.appendHeader = once(proto.appendHeader, ([name, value]) => [name, forBrowser(name, value, offset)]);
  http.ServerResponse.prototype.writeHead = once(http.ServerResponse.prototype.writeHead, (args) => {
    const rest = [...args];
    const headers = rest.at(-1);
    if (rest.length < 2) return rest;
    if (Array.isArray(headers)) {
      // A flat [name, value, name, value…] list, or a list of pairs.
      rest[rest.length - 1] = Array.isArray(headers[0])
        ? headers.map(([name, value]) => [name, forBrowser(name, value, offset)])
        : headers.map((item, i) => (i % 2 === 1 ? forBrowser(headers[i - 1], item, offset) : item));
    } else if (headers && typeof headers === "object") {
      rest[rest.length - 1] = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, forBrowser(name, value, offset)]));
    }
    return rest;
  });
}

const day = process.env.E2E_TODAY?.trim();
if (day) install(offsetFor(day, Date.now()));

module.exports = { offsetFor, install, cookieForBrowser };
