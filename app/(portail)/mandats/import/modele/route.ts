import { MANDATE_FILE_COLUMNS } from "@/lib/mandates/invitation-file";
import { csvTemplate } from "@/lib/refunds/csv-lines";

/** The template of « Demander des mandats à partir d'un fichier »: its header only. */
export function GET() {
  return new Response(csvTemplate(MANDATE_FILE_COLUMNS), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="modele-mandats-exploitations.csv"',
      "Cache-Control": "no-store",
    },
  });
}
