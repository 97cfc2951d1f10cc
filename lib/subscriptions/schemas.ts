import { z } from "zod";
import { checkbox } from "@/lib/forms";

const id = z.coerce.number().int().positive();

/** « Ajouter un abonnement ». */
export const requestSubscriptionSchema = z
  .object({
    structureId: z.coerce.number({ error: "Choisissez la structure." }).int().positive("Choisissez la structure."),
    spaceId: z.coerce.number({ error: "Choisissez l'espace." }).int().positive("Choisissez l'espace."),
    canView: checkbox,
    canEdit: checkbox,
    startDate: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : ""),
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Saisissez la date de début au format JJ/MM/AAAA."),
    ),
  })
  .superRefine((data, ctx) => {
    if (!data.canView && !data.canEdit) {
      ctx.addIssue({ code: "custom", path: ["canView"], message: "Cochez « Consultation », « Modification » ou les deux." });
    }
  });

export type RequestSubscriptionInput = z.output<typeof requestSubscriptionSchema>;

export const endSubscriptionSchema = z.object({ subscriptionId: id });
