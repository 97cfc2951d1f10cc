import { z } from "zod";
import { asArray } from "@/lib/forms";
import { MAX_ORDER_REQUESTS } from "./orders";

const id = z.coerce.number().int().positive();

/** « Mettre en paiement »: the requests ticked on the confirmation page. */
export const buildOrderSchema = z.object({
  requestIds: z
    .preprocess(asArray, z.array(id).max(MAX_ORDER_REQUESTS, `Au plus ${MAX_ORDER_REQUESTS} demandes par ordre de paiement.`))
    .refine((list) => list.length > 0, "Cochez au moins une demande."),
});

/** A real calendar day, typed in a date field (AAAA-MM-JJ). */
const isoDay = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : ""),
  z
    .string()
    .min(1, "Saisissez la date d'exécution du virement.")
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Saisissez la date au format JJ/MM/AAAA.")
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    }, "Cette date n'existe pas."),
);

/** « Marquer comme payé »: the order and the day the bank executed it. */
export const markPaidSchema = z.object({ orderId: id, executedOn: isoDay });
