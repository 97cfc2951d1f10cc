import { csvTemplate } from "@/lib/refunds/csv-lines";

/** The CSV template: its header only (no example row that could be imported by mistake). */
export function GET() {
  return new Response(csvTemplate(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="modele-lignes-tic.csv"',
      "Cache-Control": "no-store",
    },
  });
}
