import { getCurrentAgent } from "@/lib/agents/current-agent";
import { requestsCsv } from "@/lib/instruction/export";
import { parseListFilters } from "@/lib/instruction/list";

/** The filtered list as CSV (UTF-8 with BOM, « ; »), formulas neutralised (lib/instruction/export.ts). */
export async function GET(request: Request) {
  const agent = await getCurrentAgent();
  if (!agent || !agent.roles.includes("instructor"))
    return new Response("Page introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const filters = parseListFilters(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(requestsCsv(agent, filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="demandes-${filters.tab}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
