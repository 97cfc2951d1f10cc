// Issue 22, point 8: the database owner-only; downloads named by their checked type.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { downloadName } from "@/lib/refunds/file-names";

describe("the SQLite files", () => {
  it("are created owner-only: the data folder 0700, the database, its WAL and SHM 0600", () => {
    const root = mkdtempSync(path.join(tmpdir(), "portail-tic-perms-"));
    try {
      const file = path.join(root, "donnees", "portail-tic.db");
      const db = openDatabase(file);
      db.$client.prepare("CREATE TABLE t (x)").run();
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(path.dirname(file))).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
      db.$client.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("download names", () => {
  it("carry the extension of the type the bytes were checked as", () => {
    expect(downloadName("B-3.pdf.exe", "application/pdf")).toBe("B-3.pdf");
    expect(downloadName("facture.pdf", "image/png")).toBe("facture.png");
    expect(downloadName("scan.JPEG", "image/jpeg")).toBe("scan.jpg");
    expect(downloadName("rib", "application/pdf")).toBe("rib.pdf");
    expect(downloadName("Facture mars.PDF", "application/pdf")).toBe("Facture mars.pdf");
    expect(downloadName("x.exe.scr.bat", "application/pdf")).toBe("x.pdf");
  });
});
