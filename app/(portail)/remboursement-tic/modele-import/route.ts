import { csvTemplate } from "@/lib/refunds/csv-lines";
import { openYears } from "@/lib/refunds/years";

/** The CSV template, with two example rows dated in the requested year. */
export function GET(request: Request) {
  const asked = Number(new URL(request.url).searchParams.get("annee"));
  const years = openYears();
  const year = years.includes(asked) ? asked : years.at(-1)!;
  return new Response(csvTemplate(year), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="modele-lignes-tic-${year}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
