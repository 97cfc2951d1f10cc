// Each Vitest case gets its own SQLite file, migrated from scratch, and explicit mail delivery.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { resetConfig } from "@/lib/config";
import { openAppDatabase, setDatabase } from "@/lib/db";
import { setAutomaticDelivery } from "@/lib/mail/deliver";

let folder: string | undefined;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "portail-tic-test-"));
  process.env.DATABASE_FILE = path.join(folder, "test.db");
  resetConfig();
  setDatabase(openAppDatabase(process.env.DATABASE_FILE));
  setAutomaticDelivery(false);
});

afterEach(() => {
  setDatabase(undefined);
  if (folder) rmSync(folder, { recursive: true, force: true });
});
