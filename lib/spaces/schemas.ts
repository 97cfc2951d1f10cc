import { z } from "zod";
import { asArray, checkbox, optionalText, requiredText } from "@/lib/forms";
import { BENEFICIARY_CATEGORIES, SPACE_KIND_VALUES, normalizePacage, pacageError } from "./catalogue";

const id = z.coerce.number().int().positive();

const pacageField = optionalText(20, "Le numéro PACAGE compte 9 caractères.")
  .transform((value) => (value === null ? null : normalizePacage(value)))
  .superRefine((value, ctx) => {
    const error = value === null ? null : pacageError(value);
    if (error) ctx.addIssue({ code: "custom", message: error });
  });

const categoryField = z.preprocess(
  (v) => (typeof v === "string" && v !== "" ? v : undefined),
  z
    .enum(BENEFICIARY_CATEGORIES.map((c) => c.value) as [string, ...string[]], { error: "Choisissez la catégorie de bénéficiaire." })
    .optional(),
);

/** « Ajouter des espaces ». */
export const openSpacesSchema = z
  .object({
    structureId: id,
    kinds: z.preprocess(asArray, z.array(z.enum(SPACE_KIND_VALUES as [string, ...string[]])).min(1, "Choisissez au moins un espace.")),
    serviceIds: z.preprocess(asArray, z.array(id)),
    canView: checkbox,
    canEdit: checkbox,
    pacage: pacageField,
    beneficiaryCategory: categoryField,
  })
  .superRefine((data, ctx) => {
    if (!data.canView && !data.canEdit) {
      ctx.addIssue({ code: "custom", path: ["canView"], message: "Cochez « Consultation », « Modification » ou les deux." });
    }
    if (data.kinds.includes("ticRefund") && !data.beneficiaryCategory) {
      ctx.addIssue({
        code: "custom",
        path: ["beneficiaryCategory"],
        message: "La catégorie de bénéficiaire est obligatoire pour l'espace « Demande de remboursement TIC ».",
      });
    }
  });

export type OpenSpacesInput = z.output<typeof openSpacesSchema>;

export const updateSpaceSchema = z.object({
  spaceId: id,
  pacage: pacageField,
  beneficiaryCategory: categoryField,
});

export const closeSpaceSchema = z.object({ spaceId: id });

export const addServiceSchema = z.object({
  structureId: id,
  code: requiredText("Saisissez le code du service.", 20, "Le code compte au plus 20 caractères.").refine(
    (v) => /^[A-Za-z0-9_-]+$/.test(v),
    "Le code ne contient que des lettres, des chiffres, « - » et « _ ».",
  ),
  label: requiredText("Saisissez le libellé du service.", 100, "Le libellé compte au plus 100 caractères."),
});

export const renameServiceSchema = z.object({
  serviceId: id,
  label: requiredText("Saisissez le libellé du service.", 100, "Le libellé compte au plus 100 caractères."),
});

export const toggleServiceSchema = z.object({ serviceId: id, active: z.enum(["true", "false"]).transform((v) => v === "true") });
