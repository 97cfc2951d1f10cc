import type http from "node:http";
import { MAX_REQUEST_BYTES, tooLargePage } from "./request-size";

type Push = (chunk: unknown, encoding?: BufferEncoding) => boolean;

/**
 * The body limit, before Next.js sees the request (ADR 0021). A body declared over MAX_REQUEST_BYTES
 * is refused at once. A body without a declared length (`Transfer-Encoding: chunked`) is held back
 * from Next.js until it ends: up to the limit it is handed over whole, as if it had just arrived;
 * beyond, Next.js never sees the request (its own refusal, thrown while it reads, is a 500).
 * A refusal is the French 413 page, sent while the client may still be sending; the connection is
 * not closed under it (the client would get a reset instead of the answer): Node.js reads and
 * discards the rest of the body once the answer is sent (bounded by the server's requestTimeout).
 * Returns true when the request is taken care of here: refused, or to be delivered by `deliver`
 * once its body is known.
 */
export function screenRequestBody(request: http.IncomingMessage, response: http.ServerResponse, deliver: () => void): boolean {
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    if (Number(declared) > MAX_REQUEST_BYTES) {
      refuse(response);
      return true;
    }
    return false;
  }
  if (request.headers["transfer-encoding"] === undefined) return false;

  // Node's HTTP parser hands each piece of the body to `request.push`: keep them until the end.
  const push = request.push.bind(request) as Push;
  const held: Buffer[] = [];
  let size = 0;
  let refused = false;
  (request as unknown as { push: Push }).push = (chunk) => {
    if (chunk === null) {
      (request as unknown as { push: Push }).push = push;
      if (!refused) {
        for (const piece of held) push(piece);
        push(null);
        deliver();
      } else push(null);
      return false;
    }
    if (refused) return true;
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) {
      refused = true;
      held.length = 0;
      refuse(response);
      return true;
    }
    held.push(chunk as Buffer);
    return true;
  };
  return true;
}

function refuse(response: http.ServerResponse): void {
  const page = tooLargePage();
  response.writeHead(413, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(page),
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(page);
}
