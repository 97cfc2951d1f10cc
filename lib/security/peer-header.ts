import http from "node:http";
import { MAX_REQUEST_BYTES, tooLargePage } from "./request-size";
import { PEER_HEADER, normalizeAddress } from "./client-address";

type Emit = http.Server["emit"];
const holder = globalThis as unknown as { __portailPeerStamp?: boolean };

/**
 * Next.js gives pages and actions the request headers but not the socket. Before Next sees a
 * request, put the socket's address in PEER_HEADER, overwriting any value the client sent, so
 * that lib/actions.ts and the dev mailbox know the real peer. Called once from instrumentation.ts
 * (same process as `next start`'s HTTP server); a wrapper server is not needed.
 */
export function stampPeerAddress(): void {
  if (holder.__portailPeerStamp) return;
  holder.__portailPeerStamp = true;
  const original: Emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_HEADER] = normalizeAddress(request.socket?.remoteAddress) ?? "";
      // A body without Content-Length (chunked): proxy.ts cannot judge its size; read it here.
      if (hasUndeclaredBody(request)) {
        bufferUndeclaredBody(request, args[1] as http.ServerResponse, (replay) => (original as (...all: unknown[]) => boolean).call(this, event, replay, args[1], ...args.slice(2)));
        return true;
      }
    }
    return (original as (...all: unknown[]) => boolean).call(this, event, ...args);
  } as Emit;
}

const hasUndeclaredBody = (request: http.IncomingMessage) =>
  request.headers["content-length"] === undefined && request.headers["transfer-encoding"] !== undefined && request.method !== "GET" && request.method !== "HEAD";

/**
 * A chunked body (no Content-Length) is read here up to MAX_REQUEST_BYTES (issue 22, point 8): over
 * it, the French 413 page at once (Next.js itself would answer 500); within it, the request goes on
 * to Next.js as a replay with the length now known, exactly as if the client had declared it.
 */
function bufferUndeclaredBody(request: http.IncomingMessage, response: http.ServerResponse, proceed: (replay: http.IncomingMessage) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  request.on("data", (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size <= MAX_REQUEST_BYTES) {
      chunks.push(chunk);
      return;
    }
    refused = true;
    chunks.length = 0;
    response.writeHead(413, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", Connection: "close" });
    response.end(tooLargePage(), () => request.destroy());
  });
  request.on("error", () => {
    if (!response.headersSent) response.destroy();
  });
  request.on("end", () => {
    if (refused) return;
    const body = Buffer.concat(chunks);
    const replay = new http.IncomingMessage(request.socket);
    replay.method = request.method;
    replay.url = request.url;
    replay.httpVersion = request.httpVersion;
    replay.httpVersionMajor = request.httpVersionMajor;
    replay.httpVersionMinor = request.httpVersionMinor;
    const headers = { ...request.headers, "content-length": String(body.length) };
    delete headers["transfer-encoding"];
    replay.headers = headers;
    replay.rawHeaders = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)]));
    replay.push(body);
    replay.push(null);
    proceed(replay);
  });
}
