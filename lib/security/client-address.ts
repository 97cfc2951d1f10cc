import { BlockList, isIP } from "node:net";

/**
 * Who is on the other end of the connection. Next.js only fills X-Forwarded-For from the socket
 * when the client sent none (`??=` in its base server), so under `next start` a client chooses
 * the address that header shows. The socket's own address is therefore stamped, at server start,
 * into a header of ours that no client can set (lib/security/peer-header.ts); forwarded headers
 * count only when TRUSTED_PROXIES names the proxies that write them.
 * See docs/decisions/0005-rate-limits.md.
 */

/** Set by the server from the socket, replacing whatever a client sent under that name. */
export const PEER_HEADER = "x-portail-peer";

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an IP literal → null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  address = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  // IPv4 with a port ("203.0.113.9:4711"), as some proxies write it.
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  return isIP(address) ? address.toLowerCase() : null;
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

export function isLoopback(address: string | null): boolean {
  const normalized = normalizeAddress(address);
  if (!normalized) return false;
  return loopback.check(normalized, isIP(normalized) === 6 ? "ipv6" : "ipv4");
}

export type TrustedProxies = { check(address: string): boolean; size: number };

/**
 * "10.0.0.1, 10.1.0.0/16, fd00::/8" → a matcher. Throws on anything else (lib/config.ts turns it
 * into a message naming TRUSTED_PROXIES).
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    if (!family || rest.length > 0) throw new Error(`« ${entry} » n'est ni une adresse IP ni un réseau (ex. 10.0.0.0/8)`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 6 ? 128 : 32))) throw new Error(`« ${entry} » : longueur de préfixe invalide`);
    list.addSubnet(address, prefix, type);
  }
  return {
    size: entries.length,
    check(address: string) {
      const normalized = normalizeAddress(address);
      if (!normalized) return false;
      return list.check(normalized, isIP(normalized) === 6 ? "ipv6" : "ipv4");
    },
  };
}

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy; then the
 * right-most X-Forwarded-For entry that is not a trusted proxy (entries to its left were written
 * by the client and prove nothing). A malformed entry stops the walk there.
 */
export function resolveClientAddress(peer: string | null, forwardedFor: string | null, trusted: TrustedProxies): string | null {
  const socket = normalizeAddress(peer);
  if (!socket || trusted.size === 0 || !trusted.check(socket)) return socket;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) break;
    client = hop;
    if (!trusted.check(hop)) break;
  }
  return client;
}
