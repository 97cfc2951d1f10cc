// How `npm start` runs `next start`: shared with the resilience test that checks its defaults.

/** Loopback only unless HOST says otherwise (validated by lib/config.ts at server start). */
export function nextStartArgs(env = process.env) {
  const port = env.PORT || "3000";
  const host = env.HOST || "127.0.0.1";
  return { port, host, args: ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host] };
}
