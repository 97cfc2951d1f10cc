import { parse } from "csv-parse/sync";
import { checkLine, PRODUCT_CODES, type CheckedLine, type LineContext, type LineField } from "./line-rules";
import type { RowError } from "@/lib/forms";

/**
 * The CSV import of refund lines. One row per invoice; « ; » as separator (what a French
 * spreadsheet writes), « , » accepted too; UTF-8, with or without BOM. One reader (readCsvRows)
 * serves the import into one request and the import across farms (bulk-import.ts): each then
 * applies its own rules to the raw rows.
 */
export type CsvColumn = { name: string; description: string };

export const CSV_COLUMNS: (CsvColumn & { field: LineField })[] = [
  {
    name: "numero_facture",
    field: "invoiceNumber",
    description:
      "numéro de la facture, 50 caractères au plus ; une facture peut donner plusieurs lignes (plusieurs carburants ou livraisons)",
  },
  { name: "date_livraison", field: "deliveryDate", description: "date de livraison, JJ/MM/AAAA, dans l'année de la demande" },
  { name: "produit", field: "product", description: `${Object.values(PRODUCT_CODES).join(", ")} (ou le libellé du produit)` },
  {
    name: "volume",
    field: "volume",
    description: "nombre positif, virgule décimale, au plus 3 décimales, dans l'unité du produit (hl, 100 kg ou MWh), 1 000 000 au plus",
  },
  {
    name: "tarif_plein",
    field: "billedFullTariff",
    description:
      "pour le GNR livré à partir du 01/07/2024 : « oui » si la facture est au tarif plein, « non » si elle applique le tarif réduit agricole (ligne alors refusée) ; vide sinon",
  },
];

/** Files written before the column « tarif_plein » existed are still read. */
const REQUIRED_COLUMNS = 4;

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 500;

/** The header alone: an example row would be imported as a real invoice if left in. */
export function csvTemplate(columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  return `\uFEFF${columns.map((c) => c.name).join(";")}\r\n`;
}

export type CsvError = RowError;
/** A data row of the file: its number as the spreadsheet shows it (the header is row 1) and its cells by column name. */
export type CsvRow = { row: number; cells: Record<string, string> };

/**
 * Reads a CSV file whose first line must name `columns` in that order (the last ones may be left
 * out down to `required`): the data rows with their numbers, or the errors that stop the reading
 * (size, encoding, header, row count). A row with the wrong number of cells is left out with its
 * error in `errors`, so that the caller still checks the others and lists every error at once.
 */
export function readCsvRows(
  bytes: Uint8Array,
  columns: readonly CsvColumn[],
  required = columns.length,
  /** Another file than refund lines (a file of SIRETs, ADR 0029): its own row cap and empty-file sentence. */
  { maxRows = MAX_CSV_ROWS, noRows = "Le fichier ne contient aucune ligne de facture." }: { maxRows?: number; noRows?: string } = {},
): { ok: true; rows: CsvRow[]; errors: CsvError[] } | { ok: false; errors: CsvError[] } {
  if (bytes.length === 0) return { ok: false, errors: [{ row: 0, column: null, message: "Le fichier est vide." }] };
  if (bytes.length > MAX_CSV_BYTES)
    return { ok: false, errors: [{ row: 0, column: null, message: "Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers." }] };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      errors: [
        { row: 0, column: null, message: "Le fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » depuis votre tableur." },
      ],
    };
  }
  text = text.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, errors: [csvSyntaxError(error, columns, delimiter)] };
  }
  const [header, ...rows] = records;
  const got = (header ?? []).map((name) => name.toLowerCase());
  const expected = columns.map((c) => c.name).slice(0, Math.max(required, Math.min(got.length, columns.length)));
  if (got.length !== expected.length || expected.some((name, i) => got[i] !== name)) {
    return {
      ok: false,
      errors: [
        {
          row: 1,
          column: null,
          message: `La première ligne doit être exactement : ${columns.map((c) => c.name).join(";")} (téléchargez le modèle).`,
        },
      ],
    };
  }
  if (rows.length === 0) return { ok: false, errors: [{ row: 2, column: null, message: noRows }] };
  if (rows.length > maxRows)
    return {
      ok: false,
      errors: [{ row: 0, column: null, message: `Le fichier contient ${rows.length} lignes : ${maxRows} au plus par import.` }],
    };

  const errors: CsvError[] = [];
  const read: CsvRow[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2; // the header is row 1, as in a spreadsheet
    if (cells.length !== expected.length)
      errors.push({
        row,
        column: null,
        message: `Cette ligne a ${cells.length} colonne${cells.length > 1 ? "s" : ""} au lieu de ${expected.length} (séparateur « ${delimiter} »).`,
      });
    else read.push({ row, cells: Object.fromEntries(expected.map((name, i) => [name, cells[i] ?? ""])) });
  });
  return { ok: true, rows: read, errors };
}

/** What csv-parse reports, by its error code, said in French; anything else gets the general sentence. */
const SYNTAX_MESSAGES: Record<string, (value: string, delimiter: string) => string> = {
  INVALID_OPENING_QUOTE: (value) =>
    `un guillemet (") se trouve au milieu de la valeur${value ? ` « ${value}" »` : ""} : retirez-le, ou entourez toute la valeur de guillemets en doublant ceux qu'elle contient.`,
  CSV_INVALID_CLOSING_QUOTE: (_, delimiter) =>
    `après un guillemet fermant, le séparateur « ${delimiter} » ou la fin de ligne est attendu : doublez le guillemet s'il fait partie de la valeur.`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: (_, delimiter) =>
    `après un guillemet fermant, le séparateur « ${delimiter} » ou la fin de ligne est attendu.`,
  CSV_QUOTE_NOT_CLOSED: () =>
    "un guillemet ouvert n'est jamais refermé : le fichier se termine à l'intérieur d'une valeur entre guillemets.",
  CSV_MAX_RECORD_SIZE: () => "la ligne est trop longue pour être lue.",
};

/**
 * A csv-parse error as the person can act on it: the row of the file (as the spreadsheet numbers
 * it), the column by its name when the header got that far, and what is wrong, in French. The
 * parser's own English message never reaches the page.
 */
export function csvSyntaxError(error: unknown, columns: readonly CsvColumn[], delimiter: string): CsvError {
  const details = (typeof error === "object" && error !== null ? error : {}) as {
    code?: unknown;
    lines?: unknown;
    column?: unknown;
    field?: unknown;
  };
  const row = typeof details.lines === "number" && Number.isSafeInteger(details.lines) && details.lines > 0 ? details.lines : 0;
  const index = typeof details.column === "number" && Number.isSafeInteger(details.column) && details.column >= 0 ? details.column : null;
  const column = index === null ? null : (columns[index]?.name ?? `n° ${index + 1}`);
  const value = typeof details.field === "string" ? details.field.slice(0, 40) : "";
  const say = typeof details.code === "string" ? SYNTAX_MESSAGES[details.code] : undefined;
  const message = say
    ? say(value, delimiter)
    : "le fichier n'est pas un CSV lisible à cet endroit : enregistrez-le au format « CSV UTF-8 » depuis votre tableur.";
  return { row, column, message: `${message.charAt(0).toUpperCase()}${message.slice(1)}` };
}

/** Errors in the order of the file (row, then column as the checks found them). */
export const byRow = (errors: CsvError[]) => [...errors].sort((a, b) => a.row - b.row);

/** The line rules applied to the line columns of a row; each error named by its column. */
export function checkCsvLine(row: CsvRow, context: LineContext): { ok: true; line: CheckedLine } | { ok: false; errors: CsvError[] } {
  const raw = Object.fromEntries(CSV_COLUMNS.map((column) => [column.field, row.cells[column.name] ?? ""])) as Record<LineField, string>;
  const checked = checkLine(raw, context);
  if (checked.ok) return checked;
  return {
    ok: false,
    errors: CSV_COLUMNS.flatMap((column) => {
      const message = checked.errors[column.field];
      return message ? [{ row: row.row, column: column.name, message }] : [];
    }),
  };
}

export const repeatedInFile = (firstRow: number) =>
  `Même facture, même produit et même date de livraison qu'à la ligne ${firstRow} du fichier.`;

/** Every row checked; either all lines, or every error with its row and column. */
export function readLinesCsv(
  bytes: Uint8Array,
  context: LineContext,
): { ok: true; lines: CheckedLine[] } | { ok: false; errors: CsvError[] } {
  const read = readCsvRows(bytes, CSV_COLUMNS, REQUIRED_COLUMNS);
  if (!read.ok) return read;
  const errors: CsvError[] = [...read.errors];
  const lines: CheckedLine[] = [];
  const seen = new Map<string, number>();
  for (const row of read.rows) {
    const checked = checkCsvLine(row, context);
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const key = lineKey(checked.line);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: row.row, column: "numero_facture", message: repeatedInFile(first) });
      continue;
    }
    seen.set(key, row.row);
    lines.push(checked.line);
  }
  return errors.length > 0 ? { ok: false, errors: byRow(errors) } : { ok: true, lines };
}

/** What makes a line unique in a request: one invoice may carry several products or deliveries. */
export const lineKey = (line: { invoiceNumber: string; product: string; deliveryDate: string }) =>
  `${line.invoiceNumber}\u0000${line.product}\u0000${line.deliveryDate}`;
