import { createHash } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";

export type Posted = { status: number; type: string | undefined; body: string; sent: string };

/**
 * POSTs `bytes` pseudo-random bytes to `url` in 64 KiB pieces with Node's HTTP client: chunked
 * (`Transfer-Encoding: chunked`, no Content-Length) unless `declared`. Resolves with the answer and
 * the SHA-256 of what was sent.
 */
export function postBytes(url: string, bytes: number, declared = false): Promise<Posted> {
  const sent = createHash("sha256");
  let left = bytes;
  let seed = 1;
  const body = new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const piece = Buffer.alloc(Math.min(65_536, left));
      for (let i = 0; i + 4 <= piece.length; i += 4) piece.writeUInt32LE((seed = (seed * 1_103_515_245 + 12_345) >>> 0), i);
      left -= piece.length;
      sent.update(piece);
      this.push(piece);
    },
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: declared ? { "Content-Length": String(bytes) } : { "Transfer-Encoding": "chunked" } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, type: response.headers["content-type"], body: text, sent: sent.digest("hex") }),
        );
      },
    );
    request.on("error", reject);
    body.pipe(request);
  });
}
