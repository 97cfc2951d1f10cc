import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";

/**
 * What the server showed on one page and takes back on the next, unchanged: a JSON value sealed
 * with AUTH_SECRET for one purpose and one person, for a while. The server believes only what it
 * sealed itself: an altered, expired, other purpose's or someone else's seal opens to null.
 * (The directory's answer between « Continuer » and « Enregistrer » has its own, older seal:
 * lib/structures/directory-seal.ts.)
 */
function mac(purpose: string, payload: string): Buffer {
  return createHmac("sha256", getConfig().authSecret).update(`${purpose}:${payload}`).digest();
}

/** "v1.<{ userId, at, value } as JSON, base64url>.<HMAC>" */
export function seal(purpose: string, userId: number, value: unknown, now = new Date()): string {
  const payload = `v1.${Buffer.from(JSON.stringify({ userId, at: now.getTime(), value })).toString("base64url")}`;
  return `${payload}.${mac(purpose, payload).toString("base64url")}`;
}

export function openSealed<T>(
  purpose: string,
  sealed: string | null | undefined,
  userId: number,
  maxMinutes: number,
  now = new Date(),
): T | null {
  if (!sealed) return null;
  const parts = sealed.split(".");
  if (parts.length !== 3 || parts[0] !== "v1") return null;
  const expected = mac(purpose, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2]!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const content = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as { userId: number; at: number; value: T };
  const age = now.getTime() - content.at;
  if (content.userId !== userId || age < -60_000 || age > maxMinutes * 60_000) return null;
  return content.value;
}
