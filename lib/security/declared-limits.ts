import { getConfig } from "@/lib/config";
import { consume, frenchDelay, type LimitResult } from "./rate-limit";

/** « 40 secondes », « 15 minutes », « 23 heures »: the wait, in words. */
export const waitText = (seconds: number) => (seconds < 2 * 3600 ? frenchDelay(seconds) : `${Math.ceil(seconds / 3600)} heures`);

/**
 * The limits added by issue 22 (points 2 and 3), each declared once with all its parameters: its
 * name, the key it counts under, its window, its limit and what the person reads when it is
 * reached. Counted through `consume` (lib/security/rate-limit.ts); written so that moving them into
 * one table of every limit is mechanical. docs/decisions/0021.
 */
export type DeclaredLimit = {
  name: string;
  /** The counter's key for one subject (a user, an address, a pair of structures…). */
  key: (subject: string | number) => string;
  windowMs: number;
  /** Per-IP limits are multiplied by RATE_LIMIT_IP_FACTOR. */
  limit: number;
  perIp?: true;
  /** The French sentence shown when the limit is reached (the wait is appended). */
  message: string;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const LIMITS = {
  /** A farm creates one structure; a centre de gestion too (its clients are mandates). */
  structureCreationPerUser: {
    name: "création de structure par personne",
    key: (userId) => `structure-create:user:${userId}`,
    windowMs: DAY,
    limit: 3,
    message: "Vous avez déjà inscrit 3 structures aujourd'hui : c'est le maximum par jour. Pour travailler sur les exploitations de vos clients, demandez-leur un mandat plutôt que d'inscrire leur structure.",
  },
  structureCreationPerIp: {
    name: "création de structure par adresse IP",
    key: (ip) => `structure-create:ip:${ip}`,
    windowMs: DAY,
    limit: 10,
    perIp: true,
    message: "Trop de structures ont été inscrites depuis votre connexion aujourd'hui.",
  },
  /** Ask, withdraw, give, end, decide: the steps of the mandates between two structures. */
  mandateStepsPerPair: {
    name: "étapes de mandat entre deux structures",
    key: (pair) => `mandate-step:pair:${pair}`,
    windowMs: DAY,
    limit: 6,
    message: "Trop de demandes et de mandats donnés aujourd'hui entre ces deux structures.",
  },
  mandateStepsPerUser: {
    name: "étapes de mandat par personne",
    key: (userId) => `mandate-step:user:${userId}`,
    windowMs: HOUR,
    limit: 60,
    message: "Trop de changements de mandats en une heure.",
  },
  /** Request, cancel, request again… an abonnement to one space. */
  subscriptionRequestsPerSpace: {
    name: "demandes d'abonnement à un espace par personne",
    key: (userAndSpace) => `subscription-request:${userAndSpace}`,
    windowMs: DAY,
    limit: 4,
    message: "Vous avez déjà demandé 4 fois aujourd'hui un abonnement à cet espace.",
  },
} satisfies Record<string, DeclaredLimit>;

export type LimitName = keyof typeof LIMITS;

/** Counts one hit of this limit for this subject; refused with the limit's French sentence and the wait. */
export function hitLimit(name: LimitName, subject: string | number, now = Date.now()): { ok: true } | { ok: false; message: string } {
  const limit: DeclaredLimit = LIMITS[name];
  const max = limit.perIp ? limit.limit * getConfig().rateLimitIpFactor : limit.limit;
  const result: LimitResult = consume(limit.key(subject), max, limit.windowMs, now);
  if (result.allowed) return { ok: true };
  return { ok: false, message: `${limit.message} Réessayez dans ${waitText(result.retryAfterSeconds)}.` };
}
