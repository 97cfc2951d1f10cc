import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import type { Establishment } from "@/lib/directory/types";
import { SEAL_MAX_LENGTH } from "./schemas";

/**
 * The directory's answer kept between « Continuer » and « Enregistrer et Valider » (issue 18): one
 * lookup per structure creation instead of three. The answer travels in the page (a hidden field,
 * the validation page's address) sealed with AUTH_SECRET, bound to the user and the SIRET, for
 * `SEAL_MINUTES`. The server believes only what it sealed itself: an altered, expired or someone
 * else's seal is ignored and the directory is asked again. See docs/decisions/0019-rights-as-a-value.md.
 */
export const SEAL_MINUTES = 30;

function mac(payload: string): Buffer {
  return createHmac("sha256", getConfig().authSecret).update(`directory-seal:${payload}`).digest();
}

/** "v1.<{ userId, at, establishment } as JSON, base64url>.<HMAC>" */
export function sealEstablishment(userId: number, establishment: Establishment, now = new Date()): string {
  const payload = `v1.${Buffer.from(JSON.stringify({ userId, at: now.getTime(), establishment })).toString("base64url")}`;
  return `${payload}.${mac(payload).toString("base64url")}`;
}

/** The establishment when the seal is ours, recent, and made for this user and this SIRET; null otherwise. */
export function openSeal(seal: string | null | undefined, userId: number, siret: string, now = new Date()): Establishment | null {
  if (!seal || seal.length > SEAL_MAX_LENGTH) return null;
  const parts = seal.split(".");
  if (parts.length !== 3 || parts[0] !== "v1") return null;
  const expected = mac(`${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2]!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const content = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as {
    userId: number;
    at: number;
    establishment: Establishment;
  };
  const age = now.getTime() - content.at;
  if (content.userId !== userId || content.establishment.siret !== siret || age < -60_000 || age > SEAL_MINUTES * 60_000) return null;
  return content.establishment;
}
