/** Runs once when the server starts (Node.js runtime only); see lib/server-start.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // Before the first request: the socket's address, in a header no client can set.
    const { stampPeerAddress } = await import("./lib/security/peer-header");
    stampPeerAddress();
    const { startServer } = await import("./lib/server-start");
    startServer();
  }
}
