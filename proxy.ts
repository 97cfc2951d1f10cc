import { NextResponse, type NextRequest } from "next/server";
import { cookiesForPath } from "./lib/agents/cookie-names";
import { REQUEST_PATH_HEADER } from "./lib/auth/return-path";
import { SANDBOXED_DOCUMENT_PATH, SANDBOXED_DOCUMENT_POLICY, contentSecurityPolicy } from "./lib/security/content-security-policy";
import { declaredTooLarge, tooLargePage } from "./lib/security/request-size";

/** A fresh nonce and the Content-Security-Policy for every page; HSTS when served over HTTPS. */
export function proxy(request: NextRequest) {
  if (request.method === "POST" && declaredTooLarge(request.headers.get("content-length"))) {
    return new NextResponse(tooLargePage(), {
      status: 413,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const nonce = btoa(crypto.randomUUID());
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next.js reads the nonce from the request's policy and puts it on its scripts.
  requestHeaders.set("Content-Security-Policy", policy);
  // The page asked for, so that « Se connecter » can lead back to it; always ours, never the client's.
  const asked = request.nextUrl.clone();
  asked.searchParams.delete("_rsc");
  requestHeaders.set(REQUEST_PATH_HEADER, `${asked.pathname}${asked.search}`);
  // A farm's session never reaches /administration, an agent's never the farms' pages (ADR 0020).
  const cookies = cookiesForPath(request.nextUrl.pathname, request.headers.get("cookie"));
  if (cookies !== null) requestHeaders.set("cookie", cookies);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(
    "Content-Security-Policy",
    SANDBOXED_DOCUMENT_PATH.test(request.nextUrl.pathname) ? SANDBOXED_DOCUMENT_POLICY : policy,
  );
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
