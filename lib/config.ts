import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "./security/client-address";

/**
 * The one place that reads the environment. Every value is validated here; a bad value stops the
 * app with a message naming the variable (see instrumentation.ts and scripts/start.mjs).
 * Documented in .env.example.
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface `npm start` listens on: loopback unless told otherwise (0.0.0.0 or :: for all). */
  HOST: z
    .union([z.ipv4(), z.ipv6(), z.string().regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i)], {
      error: "doit être une adresse IP (ex. 127.0.0.1, 0.0.0.0, ::) ou un nom d'hôte",
    })
    .default("127.0.0.1"),
  /** Proxies whose X-Forwarded-For entry is believed: IPs or networks, comma-separated. */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_FILE: z.string().min(1).default("data/portail-tic.db"),
  AUTH_SECRET: z.string().min(32, "doit compter au moins 32 caractères").optional(),
  MAIL_FROM: z.string().min(3).default("Portail TIC <no-reply@portail-tic.localhost>"),
  /** The address the « Contact » page gives for questions about the portal and personal data. */
  CONTACT_EMAIL: z.email().default("assistance@portail-tic.localhost"),
  /** « Mentions légales »: the host's name, address and telephone, as the law (LCEN art. 6) asks. */
  HOSTING_PROVIDER: z.string().trim().min(10).max(300).optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAIL_TRANSPORT: z.enum(["resend", "outbox"]).optional(),
  DEV_MAILBOX: booleanFlag,
  /** Multiplies the per-IP rate limits, for load tests run from one address. */
  RATE_LIMIT_IP_FACTOR: z.coerce.number().int().min(1).max(10_000).default(1),
  /** Seconds between two passes of the mail delivery worker. */
  MAIL_RETRY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  DIRECTORY_SOURCE: z.enum(["local", "insee", "recherche-entreprises"]).default("local"),
  INSEE_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.insee.fr/api-sirene/3.11"),
  INSEE_API_KEY: z.string().min(1).optional(),
  RECHERCHE_ENTREPRISES_URL: z.url({ protocol: /^https?$/ }).default("https://recherche-entreprises.api.gouv.fr"),
  /** Per-attempt timeout of the directory APIs, in milliseconds. */
  DIRECTORY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** Folder of the encrypted backups (default: `sauvegardes` beside the database file). */
  BACKUP_DIR: z.string().min(1).optional(),
  /** Key of the backups' encryption (AES-256-GCM, derived per file with HKDF). */
  BACKUP_KEY: z.string().min(32, "doit compter au moins 32 caractères").optional(),
  /** What farms read as the service acting on their requests; default: « DDFiP de » + the farm's département. */
  ADMINISTRATION_NAME: z.string().trim().min(1).max(120).optional(),
  /** The account the payment orders (SEPA pain.001.001.03) debit: the administration's. Demo values by default. */
  PAYMENT_DEBTOR_NAME: z.string().trim().min(1).max(70).default("DDFiP de la Haute-Garonne (démonstration)"),
  PAYMENT_DEBTOR_IBAN: z
    .string()
    .transform((v) => v.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, "doit être un IBAN"))
    .default("FR7630001007941234567890185"),
  PAYMENT_DEBTOR_BIC: z
    .string()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, "doit être un BIC de 8 ou 11 caractères")
    .default("BDFEFRPPCCT"),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Empty unless TRUSTED_PROXIES is set: then X-Forwarded-For is read through them. */
  trustedProxies: TrustedProxies;
  appUrl: string;
  isLocal: boolean;
  databaseFile: string;
  authSecret: string;
  mailFrom: string;
  contactEmail: string;
  /** Name, address and telephone of the host; undefined until the operator sets HOSTING_PROVIDER. */
  hostingProvider: string | undefined;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  mailTransport: "resend" | "outbox";
  devMailboxEnabled: boolean;
  rateLimitIpFactor: number;
  mailRetryIntervalSeconds: number;
  /** First retry delay of a failed mail; doubled at each attempt, capped at one hour. */
  mailRetryBaseSeconds: number;
  directory: {
    source: "local" | "insee" | "recherche-entreprises";
    inseeApiUrl: string;
    inseeApiKey: string | undefined;
    rechercheEntreprisesUrl: string;
    timeoutMs: number;
  };
  backup: {
    /** Where the server and `npm run db:backup` write the encrypted copies. */
    dir: string;
    key: string;
  };
  /** What farms read as the service acting on their requests (lib/instruction/service-name.ts); unset: the DDFiP of the département. */
  administrationName: string | undefined;
  /** The debtor of the payment orders: the administration's account (issue 20). */
  payment: { debtorName: string; debtorIban: string; debtorBic: string };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join(".") || "(environnement)"} : ${issue.message}`).join("\n");
}

/** Reads a secret (AUTH_SECRET, BACKUP_KEY) from data/, creating it once, for local use only. */
function localSecret(databaseFile: string, name: string): string {
  const folder = path.dirname(path.resolve(databaseFile));
  const file = path.join(folder, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(folder, { recursive: true });
  // Written whole under another name, then linked: server processes starting together all read
  // the first one's secret, never a half-written file (link fails when the name exists).
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, "utf8").trim();
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Configuration invalide :\n${describeIssues(parsed.error)}`);
  }
  const e = parsed.data;
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const isLocal = LOOPBACK_HOSTS.has(new URL(appUrl).hostname);
  if (!e.AUTH_SECRET && !isLocal) {
    throw new ConfigError("Configuration invalide :\n  - AUTH_SECRET : obligatoire quand APP_URL n'est pas une adresse locale");
  }
  if (!e.BACKUP_KEY && !isLocal) {
    throw new ConfigError(
      "Configuration invalide :\n  - BACKUP_KEY : obligatoire quand APP_URL n'est pas une adresse locale (clé de chiffrement des sauvegardes, à conserver hors du serveur)",
    );
  }
  if (e.DIRECTORY_SOURCE === "insee" && !e.INSEE_API_KEY) {
    throw new ConfigError("Configuration invalide :\n  - INSEE_API_KEY : obligatoire quand DIRECTORY_SOURCE vaut insee");
  }
  const mailTransport = e.MAIL_TRANSPORT ?? (e.RESEND_API_KEY ? "resend" : "outbox");
  if (mailTransport === "resend" && !e.RESEND_API_KEY) {
    throw new ConfigError("Configuration invalide :\n  - RESEND_API_KEY : obligatoire quand MAIL_TRANSPORT vaut resend");
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    trustedProxies: parseTrustedProxies(e.TRUSTED_PROXIES),
    appUrl,
    isLocal,
    databaseFile: e.DATABASE_FILE,
    authSecret: e.AUTH_SECRET ?? localSecret(e.DATABASE_FILE, "auth-secret"),
    mailFrom: e.MAIL_FROM,
    contactEmail: e.CONTACT_EMAIL,
    hostingProvider: e.HOSTING_PROVIDER,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    mailTransport,
    // It shows live activation links: only on a loopback address, or when explicitly enabled.
    devMailboxEnabled: mailTransport === "outbox" && (isLocal || e.DEV_MAILBOX),
    rateLimitIpFactor: e.RATE_LIMIT_IP_FACTOR,
    mailRetryIntervalSeconds: e.MAIL_RETRY_INTERVAL_SECONDS,
    mailRetryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
    directory: {
      source: e.DIRECTORY_SOURCE,
      inseeApiUrl: e.INSEE_API_URL.replace(/\/+$/, ""),
      inseeApiKey: e.INSEE_API_KEY,
      rechercheEntreprisesUrl: e.RECHERCHE_ENTREPRISES_URL.replace(/\/+$/, ""),
      timeoutMs: e.DIRECTORY_TIMEOUT_MS,
    },
    backup: {
      dir: e.BACKUP_DIR ?? path.join(path.dirname(e.DATABASE_FILE), "sauvegardes"),
      // Read lazily: a process that never backs up (a test, a migration) creates no key file.
      get key() {
        return e.BACKUP_KEY ?? localSecret(e.DATABASE_FILE, "backup-key");
      },
    },
    administrationName: e.ADMINISTRATION_NAME,
    payment: { debtorName: e.PAYMENT_DEBTOR_NAME, debtorIban: e.PAYMENT_DEBTOR_IBAN, debtorBic: e.PAYMENT_DEBTOR_BIC },
  };
}

const holder = globalThis as unknown as { __portailConfig?: Config };

export function getConfig(): Config {
  holder.__portailConfig ??= parseConfig(process.env);
  return holder.__portailConfig;
}

/** Tests change the environment between cases. */
export function resetConfig(): void {
  holder.__portailConfig = undefined;
}
