/** GET a JSON document with a timeout per attempt and one retry on 5xx or 429. */
export type HttpOutcome = { kind: "ok"; body: unknown } | { kind: "not-found" } | { kind: "failed"; reason: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpOutcome> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? `pas de réponse en ${timeoutMs} ms` : String(error);
      return { kind: "failed", reason };
    }
    if (response.ok) {
      try {
        return { kind: "ok", body: await response.json() };
      } catch {
        return { kind: "failed", reason: "réponse illisible" };
      }
    }
    if (response.status === 404) return { kind: "not-found" };
    await response.body?.cancel();
    if ((response.status === 429 || response.status >= 500) && attempt === 1) {
      const retryAfter = Number(response.headers.get("retry-after"));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 1000) : 250);
      continue;
    }
    return { kind: "failed", reason: `HTTP ${response.status}` };
  }
  return { kind: "failed", reason: "unreachable" };
}
