/**
 * The agents' session cookie (ADR 0020): `__Host-` prefixed over HTTPS (host-only, Path=/,
 * Secure), plain on a loopback http address. Separate from next-auth's farm cookies; proxy.ts
 * keeps each kind on its own side.
 */
export const AGENT_COOKIE_SECURE = "__Host-portail-tic-agent";
export const AGENT_COOKIE_PLAIN = "portail-tic-agent";
export const AGENT_COOKIES = [AGENT_COOKIE_SECURE, AGENT_COOKIE_PLAIN] as const;

/** next-auth's cookies: the farms' session (and its CSRF/callback helpers). */
export const FARM_COOKIE_PREFIXES = ["authjs.", "__Secure-authjs.", "__Host-authjs."] as const;

export const isAdministrationPath = (pathname: string) => pathname === "/administration" || pathname.startsWith("/administration/");

/**
 * The Cookie header a route may see: the administration's pages never receive a farm's cookies,
 * the farms' pages never an agent's. Null when nothing is removed.
 */
export function cookiesForPath(pathname: string, cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const admin = isAdministrationPath(pathname);
  const pairs = cookieHeader
    .split(";")
    .map((pair) => pair.trim())
    .filter(Boolean);
  const kept = pairs.filter((pair) => {
    const name = pair.split("=", 1)[0]!.trim();
    if (admin) return !FARM_COOKIE_PREFIXES.some((prefix) => name.startsWith(prefix));
    return !(AGENT_COOKIES as readonly string[]).includes(name);
  });
  return kept.length === pairs.length ? null : kept.join("; ");
}
