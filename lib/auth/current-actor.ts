import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { resolveSession, type Actor } from "./sessions";

/** next-auth's session cookie: with the `__Secure-` prefix over HTTPS. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * Session cookies already decrypted, by their exact value: key derivation, AES and HMAC then run
 * once per cookie instead of once per request. An entry lives until the token's expiry and at most
 * five minutes; the session row is still checked on every request, so a sign-out or a revocation
 * applies at once. Bounded, oldest dropped first.
 */
const decodedCookies = new Map<string, { sid: string | null; until: number }>();
const DECODED_MAX = 10_000;

async function sessionIdOf(token: string, salt: string): Promise<string | null> {
  const now = Date.now();
  const known = decodedCookies.get(token);
  if (known && known.until > now) return known.sid;
  decodedCookies.delete(token);
  const payload = await decode({ token, secret: getConfig().authSecret, salt });
  const sid = typeof payload?.sid === "string" ? payload.sid : null;
  const expires = typeof payload?.exp === "number" ? payload.exp * 1000 : now;
  if (decodedCookies.size >= DECODED_MAX) decodedCookies.delete(decodedCookies.keys().next().value!);
  decodedCookies.set(token, { sid, until: Math.min(expires, now + 300_000) });
  return sid;
}

/**
 * The signed-in person for this request, or null; read once per request. The cookie is
 * next-auth's encrypted JWT, decoded with next-auth's own `decode`: calling `auth()` runs the
 * whole session endpoint (and re-encrypts the token) on every page, which measured as a third of
 * a signed-in page's cost. The row it names is then checked in the database (revocation, expiry,
 * account state). See docs/decisions/0001-sessions.md.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (!token) continue;
    try {
      const sid = await sessionIdOf(token, name);
      return sid ? resolveSession(sid) : null;
    } catch {
      return null;
    }
  }
  return null;
});
