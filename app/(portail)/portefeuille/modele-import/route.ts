import { BULK_CSV_COLUMNS } from "@/lib/refunds/bulk-import";
import { csvTemplate } from "@/lib/refunds/csv-lines";

/** The template of the import across farms: its header only (no example row that could be imported by mistake). */
export function GET() {
  return new Response(csvTemplate(BULK_CSV_COLUMNS), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="modele-lignes-tic-exploitations.csv"',
      "Cache-Control": "no-store",
    },
  });
}
