import type { AgentActor } from "@/lib/agents/identity";
import { formatEurosInput } from "@/lib/refunds/amounts";
import { STATUS_LABELS } from "@/lib/refunds/statuses";
import { allRows, type ListFilters } from "./list";

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

const HEADER = [
  "reference",
  "exploitation",
  "siret",
  "departement",
  "annee",
  "montant_euros",
  "statut",
  "suivie_par",
  "transmise_le",
  "signalee",
];

/** The filtered tab of « Demandes », every row (read page by page), for a spreadsheet: « ; », UTF-8 with BOM. */
export function requestsCsv(agent: AgentActor, filters: ListFilters): string {
  const lines = [HEADER.join(";")];
  for (const row of allRows(agent, filters)) {
    lines.push(
      [
        row.reference,
        row.name,
        row.siret,
        row.departement,
        row.year,
        formatEurosInput(row.totalCents),
        STATUS_LABELS[row.status],
        row.instructor,
        row.transmittedAt?.toISOString().slice(0, 10) ?? null,
        row.flagged ? "oui" : "non",
      ]
        .map(csvCell)
        .join(";"),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
