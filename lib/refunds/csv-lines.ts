import { parse } from "csv-parse/sync";
import type { RateRow } from "./rate-table";
import { checkLine, PRODUCT_CODES, type CheckedLine, type LineField } from "./line-rules";

/**
 * The CSV import of refund lines. One row per invoice; « ; » as separator (what a French
 * spreadsheet writes), « , » accepted too; UTF-8, with or without BOM.
 */
export const CSV_COLUMNS: { name: string; field: LineField; description: string }[] = [
  { name: "numero_facture", field: "invoiceNumber", description: "numéro de la facture, 50 caractères au plus, unique dans la demande" },
  { name: "date_livraison", field: "deliveryDate", description: "date de livraison, JJ/MM/AAAA, dans l'année de la demande" },
  { name: "produit", field: "product", description: `${Object.values(PRODUCT_CODES).join(", ")} (ou le libellé du produit)` },
  { name: "volume", field: "volume", description: "nombre positif, virgule décimale, au plus 3 décimales, dans l'unité du produit (hl, 100 kg ou MWh)" },
];

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 1000;

export function csvTemplate(year: number): string {
  const header = CSV_COLUMNS.map((c) => c.name).join(";");
  return `\uFEFF${header}\r\nFA-${year}-0001;15/03/${year};GNR;1250,5\r\nFA-${year}-0002;02/10/${year};GPL;310\r\n`;
}

export type CsvError = { row: number; column: string | null; message: string };

/** Every row checked; either all lines, or every error with its row and column. */
export function readLinesCsv(bytes: Uint8Array, year: number, rates: readonly RateRow[]): { ok: true; lines: CheckedLine[] } | { ok: false; errors: CsvError[] } {
  if (bytes.length === 0) return { ok: false, errors: [{ row: 0, column: null, message: "Le fichier est vide." }] };
  if (bytes.length > MAX_CSV_BYTES) return { ok: false, errors: [{ row: 0, column: null, message: "Le fichier dépasse 1 Mo : découpez-le en plusieurs fichiers." }] };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ row: 0, column: null, message: "Le fichier n'est pas en UTF-8 : enregistrez-le au format « CSV UTF-8 » depuis votre tableur." }] };
  }
  text = text.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, errors: [{ row: 0, column: null, message: `Le fichier n'est pas un CSV lisible (${error instanceof Error ? error.message.split(":")[0] : "format"}).` }] };
  }
  const [header, ...rows] = records;
  const expected = CSV_COLUMNS.map((c) => c.name);
  const got = (header ?? []).map((name) => name.toLowerCase());
  if (expected.some((name, i) => got[i] !== name)) {
    return { ok: false, errors: [{ row: 1, column: null, message: `La première ligne doit être exactement : ${expected.join(";")} (téléchargez le modèle).` }] };
  }
  if (rows.length === 0) return { ok: false, errors: [{ row: 2, column: null, message: "Le fichier ne contient aucune ligne de facture." }] };
  if (rows.length > MAX_CSV_ROWS) return { ok: false, errors: [{ row: 0, column: null, message: `Le fichier contient ${rows.length} lignes : ${MAX_CSV_ROWS} au plus par import.` }] };

  const errors: CsvError[] = [];
  const lines: CheckedLine[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2; // the header is row 1, as in a spreadsheet
    if (cells.length !== expected.length) {
      errors.push({ row, column: null, message: `${cells.length} colonnes au lieu de ${expected.length}.` });
      return;
    }
    const [invoiceNumber = "", deliveryDate = "", product = "", volume = ""] = cells;
    const checked = checkLine({ invoiceNumber, deliveryDate, product, volume }, year, rates);
    if (!checked.ok) {
      for (const column of CSV_COLUMNS) {
        const message = checked.errors[column.field];
        if (message) errors.push({ row, column: column.name, message });
      }
      return;
    }
    const first = seen.get(checked.line.invoiceNumber);
    if (first !== undefined) {
      errors.push({ row, column: "numero_facture", message: `Facture déjà présente à la ligne ${first} du fichier.` });
      return;
    }
    seen.set(checked.line.invoiceNumber, row);
    lines.push(checked.line);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}
