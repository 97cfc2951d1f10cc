import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

describe("Content-Security-Policy", () => {
  it("allows scripts by nonce only, forbids framing, and upgrades requests over HTTPS", () => {
    const local = contentSecurityPolicy("abc", { https: false, development: false });
    expect(local).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(local).toContain("frame-ancestors 'none'");
    expect(local).toContain("form-action 'self'");
    expect(local).not.toContain("unsafe-eval");
    expect(local).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { https: true, development: false })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { https: false, development: true })).toContain("'unsafe-eval'");
  });
});
