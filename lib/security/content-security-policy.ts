/**
 * The Content-Security-Policy of every page: scripts only with this request's nonce (Next.js puts
 * it on its own scripts), nothing from elsewhere, no framing, forms posted only here.
 * Inline style attributes stay allowed: React Email previews and Next's route announcer use them.
 */
export function contentSecurityPolicy(nonce: string, options: { https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * A document (invoice, RIB) opened inline by an agent (issue 20): no script, no origin, nothing
 * loaded but itself. The proxy gives it this policy instead of the pages' one.
 */
export const SANDBOXED_DOCUMENT_POLICY = "sandbox; default-src 'none'; img-src 'self'";
export const SANDBOXED_DOCUMENT_PATH = /^\/administration\/demandes\/\d+\/documents\/\d+$/;
