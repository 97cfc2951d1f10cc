import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const SECRET = "s".repeat(40);

describe("configuration", () => {
  it("has working local defaults", () => {
    const config = parseConfig({ AUTH_SECRET: SECRET });
    expect(config).toMatchObject({
      port: 3000,
      appUrl: "http://localhost:3000",
      isLocal: true,
      databaseFile: "data/portail-tic.db",
      mailTransport: "outbox",
      devMailboxEnabled: true,
    });
  });

  it("refuses a bad value, naming the variable", () => {
    expect(() => parseConfig({ AUTH_SECRET: SECRET, PORT: "quatre-vingts" })).toThrow(ConfigError);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, PORT: "quatre-vingts" })).toThrow(/PORT/);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, MAIL_TRANSPORT: "pigeon" })).toThrow(/MAIL_TRANSPORT/);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, APP_URL: "ftp://x" })).toThrow(/APP_URL/);
  });

  it("requires AUTH_SECRET outside local use, and picks Resend when a key is set", () => {
    expect(() => parseConfig({ APP_URL: "https://portail.example.fr" })).toThrow(/AUTH_SECRET/);
    const config = parseConfig({ APP_URL: "https://portail.example.fr", AUTH_SECRET: SECRET, BACKUP_KEY: SECRET, RESEND_API_KEY: "re_x" });
    expect(config).toMatchObject({ isLocal: false, mailTransport: "resend", devMailboxEnabled: false });
    expect(() => parseConfig({ AUTH_SECRET: SECRET, MAIL_TRANSPORT: "resend" })).toThrow(/RESEND_API_KEY/);
  });

  it("requires BACKUP_KEY outside local use, in French, and puts the backups beside the database by default", () => {
    expect(() => parseConfig({ APP_URL: "https://portail.example.fr", AUTH_SECRET: SECRET })).toThrow(/BACKUP_KEY : obligatoire/);
    expect(() => parseConfig({ AUTH_SECRET: SECRET, BACKUP_KEY: "court" })).toThrow(/BACKUP_KEY : doit compter au moins 32 caractères/);
    const config = parseConfig({ AUTH_SECRET: SECRET, BACKUP_KEY: SECRET, DATABASE_FILE: "/srv/portail/portail.db" });
    expect(config.backup).toEqual({ dir: "/srv/portail/sauvegardes", key: SECRET });
    expect(parseConfig({ AUTH_SECRET: SECRET, BACKUP_DIR: "/mnt/autre-disque" }).backup.dir).toBe("/mnt/autre-disque");
  });
});

describe("WEB_CONCURRENCY (server processes of npm start)", () => {
  it("defaults to the number of cores, takes a whole number from 1 to 64, refuses anything else in French", async () => {
    const { workerCount } = await import("../../scripts/lib/serve.mjs");
    expect(workerCount({}, 2)).toEqual({ count: 2 });
    expect(workerCount({}, 128)).toEqual({ count: 64 });
    expect(workerCount({ WEB_CONCURRENCY: "1" }, 8)).toEqual({ count: 1 });
    expect(workerCount({ WEB_CONCURRENCY: " 3 " }, 2)).toEqual({ count: 3 });
    for (const bad of ["0", "65", "deux", "1.5", "-1"]) {
      expect(workerCount({ WEB_CONCURRENCY: bad }, 2).error).toMatch(/^WEB_CONCURRENCY : un nombre entier de processus entre 1 et 64/);
    }
  });
});
