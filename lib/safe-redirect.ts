/**
 * Where to send the browser after sign-in (`?suivant=`) or back to a form's page: a path of this
 * site only. The target is parsed as a URL against a base of ours and kept only if its origin did
 * not change; control characters, whitespace and backslashes are refused beforehand because
 * browsers drop or reinterpret them ("/\t/evil.example" is "//evil.example" to a browser).
 */
const BASE = new URL("http://portail.invalid");

// C0 and C1 controls, every kind of whitespace, bidi and zero-width marks, the backslash.
const FORBIDDEN = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

export function safeRedirectPath(value: unknown, fallback = "/accueil"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || FORBIDDEN.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A normalised path may still begin with "//" ("/./%2F…" stays encoded, but be strict).
  return path.startsWith("//") ? fallback : path;
}
