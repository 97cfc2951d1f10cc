// A local stand-in for the Resend API, used by the e2e run and by Vitest: the real Resend SDK
// posts to it (RESEND_BASE_URL). It keeps the mails it accepts so that tests can read them.
//   POST /emails                    → 200 { id } (or 500 while failures are armed)
//   GET  /__test/emails?to=address  → the mails accepted for that address, oldest first
//   POST /__test/fail?count=N       → answer 500 to the next N sends
//   GET  /health                    → 200
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

export function createResendStub() {
  const mails = [];
  const seenKeys = new Map();
  let failuresLeft = 0;
  let received = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const reply = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/health") return reply(200, { ok: true });
    if (req.method === "GET" && url.pathname === "/__test/emails") {
      const to = url.searchParams.get("to");
      return reply(200, to ? mails.filter((mail) => mail.to.includes(to)) : mails);
    }
    if (req.method === "POST" && url.pathname === "/__test/fail") {
      failuresLeft = Number(url.searchParams.get("count") ?? "1");
      return reply(200, { failuresLeft });
    }
    if (req.method === "POST" && url.pathname === "/emails") {
      let raw = "";
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        received++;
        if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
          return reply(401, { name: "missing_api_key", message: "Missing API key", statusCode: 401 });
        }
        if (failuresLeft > 0) {
          failuresLeft--;
          return reply(500, { name: "internal_server_error", message: "Stub failure", statusCode: 500 });
        }
        const key = req.headers["idempotency-key"];
        if (typeof key === "string" && seenKeys.has(key)) return reply(200, { id: seenKeys.get(key) });
        const body = JSON.parse(raw);
        const id = `stub-${mails.length + 1}`;
        if (typeof key === "string") seenKeys.set(key, id);
        mails.push({
          id,
          from: body.from,
          to: Array.isArray(body.to) ? body.to : [body.to],
          subject: body.subject,
          html: body.html,
          text: body.text,
          idempotencyKey: key ?? null,
        });
        return reply(200, { id });
      });
      return;
    }
    reply(404, { name: "not_found", message: "Not found", statusCode: 404 });
  });

  return {
    server,
    mails,
    failNext(count) {
      failuresLeft = count;
    },
    get received() {
      return received;
    },
    listen(port = 0) {
      return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server.address().port)));
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.STUB_PORT ?? 4010);
  const stub = createResendStub();
  await stub.listen(port);
  console.log(`Resend stub listening on http://127.0.0.1:${port}`);
}
