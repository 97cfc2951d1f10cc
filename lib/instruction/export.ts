import writeExcelFile, { type Cell } from "write-excel-file/node";
import type { AgentActor } from "@/lib/agents/identity";
import { formatEurosInput } from "@/lib/refunds/amounts";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { allRows, type ListFilters, type ListRow } from "./list";

/**
 * A cell of a CSV opened in a spreadsheet: a value starting with = + - @ (or a tab, a carriage
 * return) would run as a formula (« CSV injection »), so it is prefixed with an apostrophe; then
 * quoted when it holds the separator, a quote or a line break.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The export's columns, one table for both formats: the CSV's text (decimal comma, ISO day) and the
 * workbook's typed cell (a number, a date; a text cell is never read as a formula in XLSX).
 */
const COLUMNS: { header: string; width: number; csv: (row: ListRow) => string | number | null; xlsx: (row: ListRow) => Cell }[] = [
  { header: "reference", width: 18, csv: (row) => row.reference, xlsx: (row) => row.reference },
  { header: "exploitation", width: 32, csv: (row) => row.name, xlsx: (row) => row.name },
  { header: "siret", width: 16, csv: (row) => row.siret, xlsx: (row) => row.siret },
  { header: "departement", width: 12, csv: (row) => row.departement, xlsx: (row) => row.departement },
  { header: "annee", width: 8, csv: (row) => row.year, xlsx: (row) => row.year },
  {
    header: "montant_euros",
    width: 14,
    csv: (row) => formatEurosInput(row.totalCents),
    xlsx: (row) => ({ value: row.totalCents / 100, format: "#,##0.00" }),
  },
  { header: "statut", width: 20, csv: (row) => STATUS_LABELS[row.status], xlsx: (row) => STATUS_LABELS[row.status] },
  { header: "suivie_par", width: 22, csv: (row) => row.instructor, xlsx: (row) => row.instructor },
  {
    header: "transmise_le",
    width: 12,
    csv: (row) => row.transmittedAt?.toISOString().slice(0, 10) ?? null,
    xlsx: (row) => (row.transmittedAt ? { value: row.transmittedAt, format: "dd/mm/yyyy" } : null),
  },
  { header: "signalee", width: 9, csv: (row) => (row.flagged ? "oui" : "non"), xlsx: (row) => (row.flagged ? "oui" : "non") },
];

/** The filtered tab of « Demandes », every row (read page by page), for a spreadsheet: « ; », UTF-8 with BOM. */
export function requestsCsv(agent: AgentActor, filters: ListFilters): string {
  const lines = [COLUMNS.map((column) => column.header).join(";")];
  for (const row of allRows(agent, filters)) lines.push(COLUMNS.map((column) => csvCell(column.csv(row))).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The same rows as an Excel workbook (one sheet « Demandes », a bold header row). */
export async function requestsXlsx(agent: AgentActor, filters: ListFilters): Promise<Buffer> {
  const header = COLUMNS.map((column) => ({ value: column.header, fontWeight: "bold" as const }));
  const rows = [...allRows(agent, filters)].map((row) => COLUMNS.map((column) => column.xlsx(row)));
  return writeExcelFile([header, ...rows], { sheet: "Demandes", columns: COLUMNS.map((column) => ({ width: column.width })) }).toBuffer();
}
