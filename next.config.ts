import type { NextConfig } from "next";
import { MAX_REQUEST_BYTES } from "./lib/security/request-size";

// Headers every response gets. The Content-Security-Policy (with a nonce per request) and HSTS
// are set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  experimental: {
    // See lib/security/request-size.ts: bigger bodies are refused in French by proxy.ts first.
    serverActions: { bodySizeLimit: MAX_REQUEST_BYTES },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
