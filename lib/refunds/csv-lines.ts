import { parse } from "csv-parse/sync";
import { checkLine, PRODUCT_CODES, type CheckedLine, type LineContext, type LineField } from "./line-rules";

/**
 * The CSV import of refund lines. One row per invoice; « ; » as separator (what a French
 * spreadsheet writes), « , » accepted too; UTF-8, with or without BOM.
 */
export const CSV_COLUMNS: { name: string; field: LineField; description: string }[] = [
  { name: "numero_facture", field: "invoiceNumber", description: "numéro de la facture, 50 caractères au plus ; une facture peut donner plusieurs lignes (plusieurs carburants ou livraisons)" },
  { name: "date_livraison", field: "deliveryDate", description: "date de livraison, JJ/MM/AAAA, dans l'année de la demande" },
  { name: "produit", field: "product", description: `${Object.values(PRODUCT_CODES).join(", ")} (ou le libellé du produit)` },
  { name: "volume", field: "volume", description: "nombre positif, virgule décimale, au plus 3 décimales, dans l'unité du produit (hl, 100 kg ou MWh), 1 000 000 au plus" },
  { name: "tarif_plein", field: "billedFullTariff", description: "pour le GNR livré à partir du 01/07/2024 : « oui » si la facture est au tarif plein, « non » si elle applique le tarif réduit agricole (ligne alors refusée) ; vide sinon" },
];

/** Files written before the column « tarif_plein » existed are still read. */
const REQUIRED_COLUMNS = 4;

export const MAX_CSV_BYTES = 1024 * 1024;
export const MAX_CSV_ROWS = 500;

/** The header alone: an example row would be imported as a real invoice if left in. */
export function csvTemplate(): string {
  return `\uFEFF${CSV_COLUMNS.map((c) => c.name).join(";")}\r\n`;
}

export type CsvError = { row: number; column: string | null; message: string };

/** Every row checked; either all lines, or every error with its row and column. */
export function readLinesCsv(bytes: Uint8Array, context: LineContext): { ok: true; lines: CheckedLine[] } | { ok: false; errors: CsvError[] } {
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
  const got = (header ?? []).map((name) => name.toLowerCase());
  const expected = CSV_COLUMNS.map((c) => c.name).slice(0, Math.max(REQUIRED_COLUMNS, Math.min(got.length, CSV_COLUMNS.length)));
  if (got.length !== expected.length || expected.some((name, i) => got[i] !== name)) {
    return { ok: false, errors: [{ row: 1, column: null, message: `La première ligne doit être exactement : ${CSV_COLUMNS.map((c) => c.name).join(";")} (téléchargez le modèle).` }] };
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
    const [invoiceNumber = "", deliveryDate = "", product = "", volume = "", billedFullTariff = ""] = cells;
    const checked = checkLine({ invoiceNumber, deliveryDate, product, volume, billedFullTariff }, context);
    if (!checked.ok) {
      for (const column of CSV_COLUMNS) {
        const message = checked.errors[column.field];
        if (message) errors.push({ row, column: column.name, message });
      }
      return;
    }
    const key = lineKey(checked.line);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, column: "numero_facture", message: `Même facture, même produit et même date de livraison qu'à la ligne ${first} du fichier.` });
      return;
    }
    seen.set(key, row);
    lines.push(checked.line);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/** What makes a line unique in a request: one invoice may carry several products or deliveries. */
export const lineKey = (line: { invoiceNumber: string; product: string; deliveryDate: string }) => `${line.invoiceNumber}\u0000${line.product}\u0000${line.deliveryDate}`;
