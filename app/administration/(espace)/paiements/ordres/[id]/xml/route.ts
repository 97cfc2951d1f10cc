import { can } from "@/lib/access";
import { getCurrentAgent } from "@/lib/agents/current-agent";
import { requestMeta } from "@/lib/actions";
import { orderFile } from "@/lib/payment/desk";
import { positiveInteger } from "@/lib/search-params";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The order's SEPA file, as built, downloaded as an attachment (never shown in the portal's origin); audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const agent = await getCurrentAgent();
  if (!agent) return text("Connectez-vous.", 401);
  const orderId = positiveInteger((await params).id);
  if (orderId === null || !can(agent, "order.handle", { orderId })) return text("Page introuvable.", 404);
  const order = orderFile(agent, orderId, await requestMeta());
  return new Response(order.xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${order.reference}.xml"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
