import http from "node:http";
import { screenRequestBody } from "./body-limit";
import { PEER_HEADER, normalizeAddress } from "./client-address";

type Emit = http.Server["emit"];
const holder = globalThis as unknown as { __portailPeerStamp?: boolean };

/**
 * Next.js gives pages and actions the request headers but not the socket. Before Next sees a
 * request, put the socket's address in PEER_HEADER, overwriting any value the client sent, so
 * that lib/actions.ts and the dev mailbox know the real peer. Called once from instrumentation.ts
 * (same process as `next start`'s HTTP server); a wrapper server is not needed. The same place
 * refuses a body over the limit (lib/security/body-limit.ts).
 */
export function stampPeerAddress(): void {
  if (holder.__portailPeerStamp) return;
  holder.__portailPeerStamp = true;
  const original: Emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = normalizeAddress(request.socket?.remoteAddress) ?? "";
      // A body over the limit gets the French 413 here; one of unknown length reaches Next.js once known.
      if (
        screenRequestBody(request, args[1] as http.ServerResponse, () =>
          (original as (...all: unknown[]) => boolean).call(this, event, ...args),
        )
      )
        return true;
    }
    return (original as (...all: unknown[]) => boolean).call(this, event, ...args);
  } as Emit;
}
