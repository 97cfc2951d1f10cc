"use server";

import { actorFormAction } from "@/lib/actions";
import { endSubscriptionSchema, requestSubscriptionSchema } from "@/lib/subscriptions/schemas";
import { endSubscription, requestSubscription } from "@/lib/subscriptions/subscriptions";

export const requestSubscriptionAction = actorFormAction(requestSubscriptionSchema, [], requestSubscription);
export const endSubscriptionAction = actorFormAction(endSubscriptionSchema, [], (actor, input, meta) => endSubscription(actor, input.subscriptionId, meta));
