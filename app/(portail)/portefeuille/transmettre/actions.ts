"use server";

import { actorFormAction } from "@/lib/actions";
import { transmitMany, transmitManySchema } from "@/lib/portfolio/transmit-many";

/** « Transmettre les demandes cochées »: each one in its own transaction, a result per farm. */
export const transmitManyAction = actorFormAction(transmitManySchema, [], (actor, input, meta) => transmitMany(actor, input, meta));
