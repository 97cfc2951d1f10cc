/**
 * The largest request body the server reads: a 5 MB document (lib/refunds/files.ts) and the rest of
 * its form fit, and an upload of 6 or 7 MB still reaches the form, which answers in French that the
 * file is over 5 MB. Beyond, proxy.ts answers 413 in French before Next.js reads the body (its own
 * refusal would be a 500).
 */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export const TOO_LARGE_MESSAGE =
  "Le fichier envoyé est trop volumineux : un document (RIB, facture) pèse 5 Mo au plus et un fichier CSV 1 Mo au plus. Revenez à la page précédente et choisissez un fichier plus léger.";

/** True when the declared body is over the limit (a missing or unreadable length is left to Next.js). */
export function declaredTooLarge(contentLength: string | null): boolean {
  const length = Number(contentLength);
  return contentLength !== null && Number.isFinite(length) && length > MAX_REQUEST_BYTES;
}

/** The French page of a 413, from proxy.ts (declared length) and peer-header.ts (chunked body). */
export const tooLargePage = () =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Fichier trop volumineux — Portail TIC</title></head><body><main><h1>Fichier trop volumineux</h1><p>${TOO_LARGE_MESSAGE}</p></main></body></html>`;
