import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";

/**
 * OWASP's "device cookies": a browser that signed in to a login once gets a cookie, signed with
 * AUTH_SECRET, naming that login. Presented with the right password for that login, it spares its
 * holder the account lock and the per-address limit that strangers may have triggered; it has its
 * own failure counter, and locks itself when it fails too often.
 * See docs/decisions/0014-device-cookies.md.
 */

export const DEVICE_COOKIE = "portail_appareil";
export const DEVICE_COOKIE_DAYS = 180;
const DAY = 86_400_000;

function mac(payload: string): Buffer {
  return createHmac("sha256", getConfig().authSecret).update(`device-cookie:${payload}`).digest();
}

/** "v1.<login, base64url>.<nonce>.<issued at, ms>.<HMAC>" */
export function issueDeviceCookie(loginEmail: string, now = new Date()): string {
  const payload = ["v1", Buffer.from(loginEmail).toString("base64url"), randomBytes(16).toString("base64url"), String(now.getTime())].join(
    ".",
  );
  return `${payload}.${mac(payload).toString("base64url")}`;
}

/**
 * The device id (its nonce) when the cookie is genuine, unexpired and bound to this login;
 * null otherwise (a forged, altered, stale or someone else's cookie is simply ignored).
 */
export function verifyDeviceCookie(value: string | null | undefined, loginEmail: string, now = new Date()): string | null {
  if (!value || value.length > 512) return null;
  const parts = value.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return null;
  const [, login = "", nonce = "", issued = "", signature = ""] = parts;
  const expected = mac(parts.slice(0, 4).join("."));
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Buffer.from(login, "base64url").toString() !== loginEmail) return null;
  const issuedAt = /^\d{1,15}$/.test(issued) ? Number(issued) : NaN;
  if (!(issuedAt <= now.getTime() + 60_000 && now.getTime() - issuedAt < DEVICE_COOKIE_DAYS * DAY)) return null;
  return nonce;
}

/** Options of the Set-Cookie: never readable by scripts, sent to this site only. */
export function deviceCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: getConfig().appUrl.startsWith("https:"),
    path: "/",
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  };
}
