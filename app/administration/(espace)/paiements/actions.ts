"use server";

import { redirect } from "next/navigation";
import { agentFormAction } from "@/lib/agents/actions";
import { buildPaymentOrder, markOrderPaid } from "@/lib/payment/orders";
import { buildOrderSchema, markPaidSchema } from "@/lib/payment/schemas";

// The order built, its page says so and offers its file.
export const buildOrderAction = agentFormAction(buildOrderSchema, [], (agent, input, meta) => {
  const result = buildPaymentOrder(agent, input.requestIds, meta);
  if (result.ok) redirect(`/administration/paiements/ordres/${result.data.orderId}?cree=1`);
  return result;
});
export const markPaidAction = agentFormAction(markPaidSchema, [], (agent, input, meta) => {
  const result = markOrderPaid(agent, input, meta);
  if (result.ok) redirect(`/administration/paiements/ordres/${input.orderId}?payee=1`);
  return result;
});
