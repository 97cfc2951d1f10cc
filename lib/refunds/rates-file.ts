import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { auditEvents, refundDeadlines, refundRates } from "@/db/schema";
import type * as schema from "@/db/schema";
import { parseDeliveryDate, parseProduct } from "./line-rules";
import { PRODUCTS, type Product } from "./products";
import type { RateKind } from "./rate-table";

/**
 * Rates and filing deadlines as data: CSV files (« ; », UTF-8) checked as a whole, then written in
 * one transaction, or not at all. The shipped files live in db/rates/ and are loaded at every start
 * (lib/db.ts `openAppDatabase`), so that a new official rate is one line in one file; `npm run rates:import` loads
 * another file the same way.
 */
type Database = BetterSQLite3Database<typeof schema> & { $client: import("better-sqlite3").Database };

export const SHIPPED_RATES_FILE = path.join(process.cwd(), "db", "rates", "taux-remboursement.csv");
export const SHIPPED_DEADLINES_FILE = path.join(process.cwd(), "db", "rates", "delais-depot.csv");

export const RATE_COLUMNS = ["produit", "du", "au", "taux", "unite", "nature", "source", "url"] as const;
export const DEADLINE_COLUMNS = ["produit", "du", "au", "date_limite", "source", "url"] as const;

export type RateFileRow = {
  product: Product;
  validFrom: string;
  validTo: string;
  rateMilliEuros: number;
  unit: string;
  kind: RateKind;
  source: string;
  sourceUrl: string;
};
export type DeadlineFileRow = { product: Product; validFrom: string; validTo: string; fileBy: string; source: string; sourceUrl: string };
export type FileProblem = { row: number; message: string };
type Read<T> = { ok: true; rows: T[] } | { ok: false; problems: FileProblem[] };

function records(
  text: string,
  columns: readonly string[],
): { ok: true; rows: { row: number; cells: string[] }[] } | { ok: false; problems: FileProblem[] } {
  let all: string[][];
  try {
    all = parse(text.replace(/^\uFEFF/, ""), { delimiter: ";", skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return {
      ok: false,
      problems: [{ row: 0, message: `fichier CSV illisible (${error instanceof Error ? error.message.split(":")[0] : "format"})` }],
    };
  }
  const [header, ...rows] = all;
  if (columns.some((name, i) => header?.[i]?.toLowerCase() !== name))
    return { ok: false, problems: [{ row: 1, message: `la première ligne doit être : ${columns.join(";")}` }] };
  const problems: FileProblem[] = [];
  const out = rows.map((cells, i) => ({ row: i + 2, cells }));
  for (const { row, cells } of out)
    if (cells.length !== columns.length) problems.push({ row, message: `${cells.length} colonnes au lieu de ${columns.length}` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: out };
}

/** « 14,96 » → 14960 thousandths; at most three decimals, never negative. */
function parseRate(raw: string): number | null {
  const match = /^(\d{1,4})(?:[,.](\d{1,3}))?$/.exec(raw.trim());
  return match ? Number(match[1]) * 1000 + Number((match[2] ?? "").padEnd(3, "0")) : null;
}

const KINDS: Record<string, RateKind> = {
  officiel: "official",
  official: "official",
  calculé: "calculated",
  calcule: "calculated",
  calculated: "calculated",
  provisoire: "provisional",
  provisional: "provisional",
};

/** Periods of one product must not overlap: a delivery date has one rate, or none. */
function overlaps<T extends { product: Product; validFrom: string; validTo: string; row?: number }>(rows: T[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const sorted = [...rows].sort((a, b) => a.product.localeCompare(b.product) || a.validFrom.localeCompare(b.validFrom));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (previous.product === current.product && current.validFrom <= previous.validTo) {
      problems.push({
        row: current.row ?? 0,
        message: `la période du ${current.validFrom} au ${current.validTo} chevauche celle du ${previous.validFrom} au ${previous.validTo} pour « ${PRODUCTS[current.product].label} »`,
      });
    }
  }
  return problems;
}

function period(cells: string[], row: number, problems: FileProblem[]) {
  const product = parseProduct(cells[0] ?? "");
  const validFrom = parseDeliveryDate(cells[1] ?? "");
  const validTo = parseDeliveryDate(cells[2] ?? "");
  if (!product) problems.push({ row, message: `produit inconnu « ${cells[0]} »` });
  if (!validFrom) problems.push({ row, message: `date de début invalide « ${cells[1]} »` });
  if (!validTo) problems.push({ row, message: `date de fin invalide « ${cells[2]} »` });
  if (validFrom && validTo && validTo < validFrom) problems.push({ row, message: "la date de fin précède la date de début" });
  return product && validFrom && validTo ? { product, validFrom, validTo } : null;
}

export function readRatesFile(text: string): Read<RateFileRow> {
  const read = records(text, RATE_COLUMNS);
  if (!read.ok) return read;
  const problems: FileProblem[] = [];
  const rows: (RateFileRow & { row: number })[] = [];
  for (const { row, cells } of read.rows) {
    const before = problems.length;
    const p = period(cells, row, problems);
    const rate = parseRate(cells[3] ?? "");
    if (rate === null) problems.push({ row, message: `taux invalide « ${cells[3]} » (nombre positif, 3 décimales au plus)` });
    const unit = (cells[4] ?? "").trim();
    if (p && unit !== PRODUCTS[p.product].unit)
      problems.push({ row, message: `l'unité de « ${PRODUCTS[p.product].label} » est « ${PRODUCTS[p.product].unit} », pas « ${unit} »` });
    const kind = KINDS[(cells[5] ?? "").trim().toLowerCase()];
    if (!kind) problems.push({ row, message: `nature « ${cells[5]} » inconnue : officiel, calculé ou provisoire` });
    const source = (cells[6] ?? "").trim();
    if (source === "") problems.push({ row, message: "la source est obligatoire" });
    const sourceUrl = (cells[7] ?? "").trim();
    if (sourceUrl !== "" && !/^https:\/\/[^\s]+$/.test(sourceUrl))
      problems.push({ row, message: "l'adresse de la source doit commencer par https://" });
    if (kind && kind !== "official" && sourceUrl === "")
      problems.push({ row, message: `un taux ${kind === "calculated" ? "calculé" : "provisoire"} doit donner l'adresse de sa source` });
    if (problems.length === before && p && rate !== null && kind)
      rows.push({ row, ...p, rateMilliEuros: rate, unit, kind, source, sourceUrl });
  }
  problems.push(...overlaps(rows));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

export function readDeadlinesFile(text: string): Read<DeadlineFileRow> {
  const read = records(text, DEADLINE_COLUMNS);
  if (!read.ok) return read;
  const problems: FileProblem[] = [];
  const rows: (DeadlineFileRow & { row: number })[] = [];
  for (const { row, cells } of read.rows) {
    const before = problems.length;
    const p = period(cells, row, problems);
    const fileBy = parseDeliveryDate(cells[3] ?? "");
    if (!fileBy) problems.push({ row, message: `date limite invalide « ${cells[3]} »` });
    else if (p && fileBy < p.validTo) problems.push({ row, message: "la date limite précède la fin de la période" });
    const source = (cells[4] ?? "").trim();
    if (source === "") problems.push({ row, message: "la source est obligatoire" });
    const sourceUrl = (cells[5] ?? "").trim();
    if (problems.length === before && p && fileBy) rows.push({ row, ...p, fileBy, source, sourceUrl });
  }
  problems.push(...overlaps(rows));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

export class RatesFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems.map((p) => `${p.row > 0 ? `ligne ${p.row}` : "fichier"} : ${p.message}`).join("\n"));
  }
}

/**
 * Writes the rows, each replacing the one of the same product and start date; then checks that no
 * period overlaps another in the whole table. Throws (and the transaction writes nothing) otherwise.
 * Returns how many rows changed.
 */
function writeRates(db: Database, rows: RateFileRow[]): number {
  let changed = 0;
  for (const row of rows) {
    const values = {
      product: row.product,
      validFrom: row.validFrom,
      validTo: row.validTo,
      rateMilliEuros: row.rateMilliEuros,
      unit: row.unit,
      kind: row.kind,
      source: row.source,
      sourceUrl: row.sourceUrl,
    };
    const existing = db
      .select()
      .from(refundRates)
      .where(and(eq(refundRates.product, row.product), eq(refundRates.validFrom, row.validFrom)))
      .get();
    if (!existing) {
      db.insert(refundRates).values(values).run();
      changed++;
    } else if (
      existing.validTo !== row.validTo ||
      existing.rateMilliEuros !== row.rateMilliEuros ||
      existing.unit !== row.unit ||
      existing.kind !== row.kind ||
      existing.source !== row.source ||
      existing.sourceUrl !== row.sourceUrl
    ) {
      db.update(refundRates).set(values).where(eq(refundRates.id, existing.id)).run();
      changed++;
    }
  }
  const clashes = overlaps(db.select().from(refundRates).all());
  if (clashes.length > 0)
    throw new RatesFileError(clashes.map((c) => ({ ...c, row: 0, message: `avec les taux déjà en base, ${c.message}` })));
  return changed;
}

function writeDeadlines(db: Database, rows: DeadlineFileRow[]): number {
  let changed = 0;
  for (const row of rows) {
    const values = {
      product: row.product,
      validFrom: row.validFrom,
      validTo: row.validTo,
      fileBy: row.fileBy,
      source: row.source,
      sourceUrl: row.sourceUrl,
    };
    const existing = db
      .select()
      .from(refundDeadlines)
      .where(and(eq(refundDeadlines.product, row.product), eq(refundDeadlines.validFrom, row.validFrom)))
      .get();
    if (!existing) {
      db.insert(refundDeadlines).values(values).run();
      changed++;
    } else if (
      existing.validTo !== row.validTo ||
      existing.fileBy !== row.fileBy ||
      existing.source !== row.source ||
      existing.sourceUrl !== row.sourceUrl
    ) {
      db.update(refundDeadlines).set(values).where(eq(refundDeadlines.id, existing.id)).run();
      changed++;
    }
  }
  const clashes = overlaps(db.select().from(refundDeadlines).all());
  if (clashes.length > 0)
    throw new RatesFileError(clashes.map((c) => ({ ...c, row: 0, message: `avec les délais déjà en base, ${c.message}` })));
  return changed;
}

/** `npm run rates:import`: one file of rates, or of deadlines (told apart by its header). Audited. */
export function importRatesText(
  db: Database,
  text: string,
  fileName: string,
  now = new Date(),
): { kind: "rates" | "deadlines"; rows: number; changed: number } {
  const isDeadlines = text
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .startsWith(DEADLINE_COLUMNS.join(";"));
  const read = isDeadlines ? readDeadlinesFile(text) : readRatesFile(text);
  if (!read.ok) throw new RatesFileError(read.problems);
  return db.$client
    .transaction(() => {
      const changed = isDeadlines ? writeDeadlines(db, read.rows as DeadlineFileRow[]) : writeRates(db, read.rows as RateFileRow[]);
      db.insert(auditEvents)
        .values({
          at: now,
          action: isDeadlines ? "refund.deadlines_imported" : "refund.rates_imported",
          details: JSON.stringify({ file: path.basename(fileName), rows: read.rows.length, changed }),
        })
        .run();
      return { kind: isDeadlines ? ("deadlines" as const) : ("rates" as const), rows: read.rows.length, changed };
    })
    .immediate();
}

/**
 * The shipped files, after the migrations: a shipped file that does not check is a defect of the
 * release and stops the start. Rows nobody changed are left alone (no audit at every start).
 */
export function loadShippedRates(db: Database, now = new Date()): void {
  const rates = readRatesFile(readFileSync(SHIPPED_RATES_FILE, "utf8"));
  if (!rates.ok) throw new RatesFileError(rates.problems);
  const deadlines = readDeadlinesFile(readFileSync(SHIPPED_DEADLINES_FILE, "utf8"));
  if (!deadlines.ok) throw new RatesFileError(deadlines.problems);
  db.$client
    .transaction(() => {
      const changed = writeRates(db, rates.rows) + writeDeadlines(db, deadlines.rows);
      if (changed > 0)
        db.insert(auditEvents)
          .values({ at: now, action: "refund.shipped_rates_loaded", details: JSON.stringify({ changed }) })
          .run();
    })
    .immediate();
}
