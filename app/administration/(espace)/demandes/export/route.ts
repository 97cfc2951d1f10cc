import { getCurrentAgent } from "@/lib/agents/current-agent";
import { requestsCsv, requestsXlsx } from "@/lib/instruction/export";
import { parseListFilters } from "@/lib/instruction/list";

/**
 * The filtered list as CSV (UTF-8 with BOM, « ; », formulas neutralised) or, with `format=xlsx`, as
 * an Excel workbook with typed cells (lib/instruction/export.ts).
 */
export async function GET(request: Request) {
  const agent = await getCurrentAgent();
  if (!agent || !agent.roles.includes("instructor"))
    return new Response("Page introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const params = new URL(request.url).searchParams;
  const filters = parseListFilters(Object.fromEntries(params));
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (params.get("format") === "xlsx")
    return new Response(new Uint8Array(await requestsXlsx(agent, filters)), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="demandes-${filters.tab}.xlsx"`,
      },
    });
  return new Response(requestsCsv(agent, filters), {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="demandes-${filters.tab}.csv"`,
    },
  });
}
