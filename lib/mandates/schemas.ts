import { z } from "zod";
import { checkbox, fileField, optionalText } from "@/lib/forms";
import { siretField } from "@/lib/structures/schemas";

const id = z.coerce.number().int().positive();

const endDateField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : ""),
  z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Saisissez la date de fin au format JJ/MM/AAAA, ou laissez le champ vide.")
    .transform((value) => (value === "" ? null : value)),
);

/** The rights a mandate grants: « Consultation » or « Modification », and transmission or not. */
const rightsFields = {
  rights: z.enum(["consultation", "modification"], { error: "Choisissez « Consultation » ou « Modification »." }),
  canTransmit: checkbox,
  endDate: endDateField,
};

function transmitNeedsEdit(data: { rights: string; canTransmit: boolean }, ctx: z.RefinementCtx) {
  if (data.canTransmit && data.rights !== "modification") {
    ctx.addIssue({ code: "custom", path: ["canTransmit"], message: "La transmission demande le droit de modification." });
  }
}

/** « Donner un mandat »: the farm (current structure) names the mandated structure by SIRET. */
export const giveMandateSchema = z.object({ farmStructureId: id, agentSiret: siretField, ...rightsFields }).superRefine(transmitNeedsEdit);
export type GiveMandateInput = z.output<typeof giveMandateSchema>;

/** « Demander un mandat »: the mandated structure (current structure) names the farm by SIRET. */
export const askMandateSchema = z.object({ agentStructureId: id, farmSiret: siretField, ...rightsFields }).superRefine(transmitNeedsEdit);
export type AskMandateInput = z.output<typeof askMandateSchema>;

export const decideMandateSchema = z.object({
  mandateId: id,
  decision: z.enum(["accept", "refuse"]),
  reason: optionalText(500, "Le motif compte au plus 500 caractères.", { multiline: true }),
});
export type DecideMandateInput = z.output<typeof decideMandateSchema>;

export const endMandateSchema = z.object({ mandateId: id });

/** « Demander des mandats à partir d'un fichier » (ADR 0029): the file, and the rights asked of every farm whose row leaves them empty. */
export const previewMandateFileSchema = z.object({ agentStructureId: id, file: fileField, ...rightsFields }).superRefine(transmitNeedsEdit);
export type PreviewMandateFileInput = z.output<typeof previewMandateFileSchema>;

/** The rows shown on the preview, sealed by the server (lib/security/seal.ts): nothing else is believed. */
export const confirmMandateFileSchema = z.object({
  agentStructureId: id,
  rows: z.string().max(65_536, "Cet aperçu n'est plus valide : importez de nouveau le fichier."),
});
export type ConfirmMandateFileInput = z.output<typeof confirmMandateFileSchema>;

export const cancelInvitationSchema = z.object({ invitationId: id });

/** The invitation's link, followed by a signed-in person. */
export const claimInvitationSchema = z.object({ token: z.string().max(100) });
