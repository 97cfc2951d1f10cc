import "server-only";
import { parse } from "csv-parse";
import { createReadStream } from "node:fs";
import type { Db } from "@/lib/db";
import { isValidSiret } from "@/lib/identifiers";
import { personName, published, streetLine } from "./types";

/**
 * Imports the official SIRENE stock files (StockEtablissement, then StockUniteLegale) as streams,
 * in batched transactions of upserts: idempotent, and short write locks so that the app can keep
 * serving meanwhile. Raw prepared statements here: this loop runs millions of times.
 */

export type FileReport = { read: number; kept: number; filtered: number; rejected: number; reasons: Record<string, number> };
export type ImportReport = { establishments: FileReport; legalUnits: FileReport | null; seconds: number };
export type Progress = { file: "établissements" | "unités légales"; read: number; elapsedMs: number };

type Options = {
  establishmentsFile: string;
  legalUnitsFile?: string;
  /** Keep establishments whose NAF code starts with one of these ("01", "69.20Z"). */
  nafPrefixes?: string[];
  batchSize?: number;
  onProgress?: (progress: Progress) => void;
};

const emptyReport = (): FileReport => ({ read: 0, kept: 0, filtered: 0, rejected: 0, reasons: {} });

function reject(report: FileReport, reason: string) {
  report.rejected++;
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
}

type Row = (column: string) => string | undefined;

/**
 * Streams a CSV file. Records are arrays (objects with 54 keys per row would cost more than the
 * database writes); `onRow` reads a column by name through the header's index.
 */
async function readCsv(
  file: string,
  report: FileReport,
  onRow: (get: Row) => void,
  flush: () => void,
  batchSize: number,
  progress: () => void,
) {
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
    parse({
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        report.read++;
        reject(
          report,
          error?.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH" || error?.code === "CSV_RECORD_INCONSISTENT_COLUMNS"
            ? "nombre de colonnes incorrect"
            : "ligne CSV illisible",
        );
        return undefined;
      },
    }),
  );
  let index: Map<string, number> | undefined;
  let record: string[] = [];
  const get: Row = (column) => {
    const i = index!.get(column);
    return i === undefined ? undefined : record[i];
  };
  let pending = 0;
  for await (const fields of parser as AsyncIterable<string[]>) {
    if (!index) {
      // Some header names carry a trailing space in the real files.
      index = new Map(fields.map((name, i) => [name.trim(), i]));
      continue;
    }
    report.read++;
    record = fields;
    onRow(get);
    if (++pending >= batchSize) {
      flush();
      pending = 0;
      progress();
    }
  }
  flush();
  progress();
}

export async function importStockFiles(db: Db, options: Options): Promise<ImportReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 10_000;
  const prefixes = options.nafPrefixes?.filter(Boolean) ?? [];
  const client = db.$client;
  let lastProgress = 0;
  const progress = (file: Progress["file"], read: number) => () => {
    const now = Date.now();
    if (options.onProgress && now - lastProgress >= 1000) {
      lastProgress = now;
      options.onProgress({ file, read, elapsedMs: now - started });
    }
  };

  // Establishments.
  const upsertEstablishment = client.prepare(`
    INSERT INTO directory_establishments
      (siret, siren, establishment_name, street, complement, postal_code, city, naf_code, is_head_office, is_active, is_diffusible)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(siret) DO UPDATE SET siren = excluded.siren, establishment_name = excluded.establishment_name,
      street = excluded.street, complement = excluded.complement, postal_code = excluded.postal_code, city = excluded.city,
      naf_code = excluded.naf_code, is_head_office = excluded.is_head_office, is_active = excluded.is_active,
      is_diffusible = excluded.is_diffusible`);
  const establishments = emptyReport();
  const keptSirens = new Set<string>();
  let batch: unknown[][] = [];
  const writeBatch = client.transaction((rows: unknown[][]) => {
    for (const row of rows) upsertEstablishment.run(row);
  });
  const flushEstablishments = () => {
    if (batch.length) writeBatch.immediate(batch);
    batch = [];
  };
  await readCsv(
    options.establishmentsFile,
    establishments,
    (row) => {
      const siret = row("siret") ?? "";
      const siren = row("siren") ?? "";
      if (!/^\d{14}$/.test(siret)) return reject(establishments, "SIRET absent ou mal formé");
      if (siren !== siret.slice(0, 9)) return reject(establishments, "SIREN différent du début du SIRET");
      if (!isValidSiret(siret)) return reject(establishments, "clé de contrôle du SIRET incorrecte");
      const state = row("etatAdministratifEtablissement");
      if (state !== "A" && state !== "F") return reject(establishments, "état administratif inconnu");
      const naf = row("activitePrincipaleEtablissement") ?? "";
      if (prefixes.length && !prefixes.some((prefix) => naf.startsWith(prefix))) {
        establishments.filtered++;
        return;
      }
      establishments.kept++;
      if (options.legalUnitsFile && prefixes.length) keptSirens.add(siren);
      batch.push([
        siret,
        siren,
        published(row("enseigne1Etablissement")) ?? published(row("denominationUsuelleEtablissement")),
        streetLine([
          row("numeroVoieEtablissement"),
          row("indiceRepetitionEtablissement"),
          row("typeVoieEtablissement"),
          row("libelleVoieEtablissement"),
        ]),
        published(row("complementAdresseEtablissement")),
        published(row("codePostalEtablissement")),
        published(row("libelleCommuneEtablissement")),
        naf || null,
        row("etablissementSiege") === "true" ? 1 : 0,
        state === "A" ? 1 : 0,
        row("statutDiffusionEtablissement") === "O" ? 1 : 0,
      ]);
    },
    flushEstablishments,
    batchSize,
    () => progress("établissements", establishments.read)(),
  );

  // Legal units: their names and legal categories.
  let legalUnits: FileReport | null = null;
  if (options.legalUnitsFile) {
    const report = emptyReport();
    legalUnits = report;
    const upsertUnit = client.prepare(`
      INSERT INTO directory_legal_units (siren, name, legal_category, naf_code, is_active, is_diffusible)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(siren) DO UPDATE SET name = excluded.name, legal_category = excluded.legal_category,
        naf_code = excluded.naf_code, is_active = excluded.is_active, is_diffusible = excluded.is_diffusible`);
    let units: unknown[][] = [];
    const writeUnits = client.transaction((rows: unknown[][]) => {
      for (const row of rows) upsertUnit.run(row);
    });
    await readCsv(
      options.legalUnitsFile,
      report,
      (row) => {
        const siren = row("siren") ?? "";
        if (!/^\d{9}$/.test(siren)) return reject(report, "SIREN absent ou mal formé");
        if (prefixes.length && !keptSirens.has(siren)) {
          report.filtered++;
          return;
        }
        report.kept++;
        units.push([
          siren,
          published(row("denominationUniteLegale")) ??
            personName(row("prenomUsuelUniteLegale") || row("prenom1UniteLegale"), row("nomUsageUniteLegale") || row("nomUniteLegale")),
          row("categorieJuridiqueUniteLegale") || null,
          row("activitePrincipaleUniteLegale") || null,
          row("etatAdministratifUniteLegale") === "A" ? 1 : 0,
          row("statutDiffusionUniteLegale") === "O" ? 1 : 0,
        ]);
      },
      () => {
        if (units.length) writeUnits.immediate(units);
        units = [];
      },
      batchSize,
      () => progress("unités légales", report.read)(),
    );
  }
  return { establishments, legalUnits, seconds: (Date.now() - started) / 1000 };
}
