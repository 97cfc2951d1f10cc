import { getCurrentAgent } from "@/lib/agents/current-agent";
import { lettersAsOnePdf, lettersToSend } from "@/lib/agents/operator-desk";
import { positiveInteger } from "@/lib/search-params";

/** The letters shown on « Courriers à envoyer » (same filter) as one PDF to print. */
export async function GET(request: Request): Promise<Response> {
  const agent = await getCurrentAgent();
  if (!agent) return new Response("Connectez-vous.", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const requesterId = positiveInteger(new URL(request.url).searchParams.get("demandeur")) ?? undefined;
  const merged = await lettersAsOnePdf(
    agent,
    lettersToSend(agent, requesterId).map((l) => l.id),
  );
  if (!merged) return new Response("Aucun courrier à envoyer.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(merged.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="courriers-a-poster-${merged.count}.pdf"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
