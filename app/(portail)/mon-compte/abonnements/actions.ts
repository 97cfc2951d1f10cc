"use server";

import { actorFormAction, redirectWithNotice } from "@/lib/actions";
import { endSubscriptionSchema, requestSubscriptionSchema } from "@/lib/subscriptions/schemas";
import { endSubscription, requestSubscription } from "@/lib/subscriptions/subscriptions";

export const requestSubscriptionAction = actorFormAction(requestSubscriptionSchema, [], requestSubscription);
export const endSubscriptionAction = actorFormAction(endSubscriptionSchema, [], async (actor, input, meta) => {
  const result = endSubscription(actor, input.subscriptionId, meta);
  return result.ok ? redirectWithNotice("abonnement-termine", "/mon-compte") : result;
});
