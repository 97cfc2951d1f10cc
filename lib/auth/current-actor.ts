import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { getConfig } from "@/lib/config";
import { resolveSession, type Actor } from "./sessions";

/** next-auth's session cookie: with the `__Secure-` prefix over HTTPS. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

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
      const payload = await decode({ token, secret: getConfig().authSecret, salt: name });
      return typeof payload?.sid === "string" ? resolveSession(payload.sid) : null;
    } catch {
      return null;
    }
  }
  return null;
});
