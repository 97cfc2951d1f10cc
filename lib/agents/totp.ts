import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/**
 * The second factor (RFC 6238 with `otpauth`): 6 digits, 30-second steps, SHA-1, the parameters
 * every authenticator app reads. A code is accepted for its step and the one before or after
 * (clock drift), and only for a step later than the last one accepted (no replay).
 */
const PERIOD = 30;
const ISSUER = "Portail TIC – Administration";

function totp(secret: string, label = "agent") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A new secret of 160 bits, in base32 (what is typed by hand). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** « ABCD EFGH … »: the secret in groups of four, easier to type. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The otpauth:// URI as an SVG QR code, rendered on the server. */
export function totpQrSvg(secret: string, email: string): Promise<string> {
  return QRCode.toString(totpUri(secret, email), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The time step the code belongs to (drift of one step either way), or null when it is wrong. */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The code of a secret at an instant (the seed and the tests compute what the app would show). */
export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}
