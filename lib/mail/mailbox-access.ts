import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { PEER_HEADER, isLoopback, resolveClientAddress } from "@/lib/security/client-address";

/**
 * /dev/boite-mail shows live activation links: only with the local outbox, on a loopback APP_URL
 * (or DEV_MAILBOX=true), and only to a person on this machine. That is decided by the socket's
 * address (and, behind a trusted proxy, the client it forwards), never by Host or a header the
 * client wrote.
 */
export async function devMailboxOpen(): Promise<boolean> {
  const config = getConfig();
  if (!config.devMailboxEnabled) return false;
  const h = await headers();
  const peer = h.get(PEER_HEADER);
  return isLoopback(peer) && isLoopback(resolveClientAddress(peer, h.get("x-forwarded-for"), config.trustedProxies));
}
