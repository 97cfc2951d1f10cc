import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_HEADER } from "@/lib/security/client-address";
import { stampPeerAddress } from "@/lib/security/peer-header";
import { MAX_REQUEST_BYTES } from "@/lib/security/request-size";
import { postBytes } from "../support/chunked-post";

/**
 * Issue 22 point 8, over HTTP: the request wrapper `next start` runs (instrumentation.ts →
 * stampPeerAddress) in front of a plain Node server standing for Next.js, which records what it
 * receives. The real `next start` is the resilience suite's (security-round-two.test.ts).
 */
const originalEmit = http.Server.prototype.emit;
const received: { length: number; sha256: string; peer: string | undefined }[] = [];
let server: http.Server;
let port = 0;

beforeAll(async () => {
  stampPeerAddress();
  server = http.createServer((request, response) => {
    const hash = createHash("sha256");
    let length = 0;
    request.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      length += chunk.length;
    });
    request.on("end", () => {
      received.push({ length, sha256: hash.digest("hex"), peer: request.headers[PEER_HEADER] as string | undefined });
      response.end(`reçu ${length}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  http.Server.prototype.emit = originalEmit;
  delete (globalThis as { __portailPeerStamp?: boolean }).__portailPeerStamp;
  await new Promise((resolve) => server.close(resolve));
});

const post = (bytes: number, declared = false) => postBytes(`http://127.0.0.1:${port}/remboursement-tic/demandes/1`, bytes, declared);

describe("a body over the limit", () => {
  it("30 MB chunked without Content-Length: the French 413 page reaches the client, nothing reaches the application, and the server goes on", async () => {
    const before = received.length;
    const refused = await post(30 * 1024 * 1024);
    expect(refused.status).toBe(413);
    expect(refused.type).toBe("text/html; charset=utf-8");
    expect(refused.body).toContain("<h1>Fichier trop volumineux</h1>");
    expect(refused.body).toContain("un document (RIB, facture) pèse 5 Mo au plus");
    expect(received.length).toBe(before);

    const declared = await post(MAX_REQUEST_BYTES + 1, true);
    expect(declared.status).toBe(413);
    expect(received.length).toBe(before);

    // The next requests are served as usual.
    const small = await post(1000);
    expect(small).toMatchObject({ status: 200, body: "reçu 1000" });
  });

  it("a chunked body within the limit reaches the application whole, with the peer's address stamped", async () => {
    const sent = await post(3 * 1024 * 1024 + 17);
    expect(sent.status).toBe(200);
    expect(received.at(-1)).toEqual({ length: 3 * 1024 * 1024 + 17, sha256: sent.sent, peer: "127.0.0.1" });
    const atTheLimit = await post(MAX_REQUEST_BYTES);
    expect(atTheLimit.status).toBe(200);
    expect(received.at(-1)).toMatchObject({ length: MAX_REQUEST_BYTES, sha256: atTheLimit.sent });
  });
});
