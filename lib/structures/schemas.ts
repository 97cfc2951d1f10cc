import { z } from "zod";
import { asArray, checkbox, optionalText, requiredText } from "@/lib/forms";
import { digitsOnly, siretError } from "@/lib/identifiers";
import { checkRcs } from "./rcs";

export const siretField = z
  .preprocess((v) => (typeof v === "string" ? v : ""), z.string())
  .superRefine((value, ctx) => {
    const error = siretError(value);
    if (error) ctx.addIssue({ code: "custom", message: error });
  })
  .transform(digitsOnly);

export const IDENTIFIER_TYPES = [{ value: "siret", label: "Structure avec n° SIRET" }] as const;

export const searchSchema = z.object({
  identifier: siretField,
  identifierType: z.literal("siret", { error: "Choisissez le type d'identifiant." }),
});

/** A sealed establishment is about 600 characters; anything much longer is not one of ours (ignored). */
export const SEAL_MAX_LENGTH = 4096;

const rcsField = optionalText(60, "Le numéro RCS compte au plus 60 caractères.");

/** The optional numéro RCS, checked against the SIRET and normalised. */
function withCheckedRcs<T extends { siret: string; rcs: string | null }>(data: T, ctx: z.RefinementCtx): T {
  if (data.rcs === null) return data;
  const rcs = checkRcs(data.rcs, data.siret);
  if (!rcs.ok) {
    ctx.addIssue({ code: "custom", path: ["rcs"], message: rcs.message });
    return z.NEVER;
  }
  return { ...data, rcs: rcs.value };
}

/** « Saisir une nouvelle structure »: SIRET and, optionally, numéro RCS checked against it. */
export const newStructureSchema = z.object({ siret: siretField, rcs: rcsField }).transform(withCheckedRcs);

export const createStructureSchema = z
  .object({
    siret: siretField,
    rcs: rcsField,
    status: z.literal("actif", { error: "Seul le statut « actif » est possible à la création." }),
    isManagementCentre: checkbox,
    /** The directory's answer sealed by « Continuer » (lib/structures/directory-seal.ts); checked by the service. */
    seal: z.string().max(SEAL_MAX_LENGTH).optional().catch(undefined),
  })
  .transform(withCheckedRcs);

/** By SIRET, as found by « Rechercher »: a structure id would let anyone walk the ids. */
export const requestAttachmentSchema = z.object({
  siret: siretField,
  serviceIds: z.preprocess(asArray, z.array(z.coerce.number().int().positive())),
});
export const cancelAttachmentSchema = z.object({ attachmentId: z.coerce.number().int().positive() });
/** « Changer » / « Travailler sur … »; `retour`: the page to come back to (checked as same-site by the action). */
export const selectStructureSchema = z.object({ structureId: z.coerce.number().int().positive(), retour: z.string().max(2048).optional() });

/** Bulk decision: ticked ids + « Valider » / « Refuser », or one row's own button (« approve:12 »). */
export const decideSchema = z
  .object({
    ids: z.preprocess(asArray, z.array(z.coerce.number().int().positive())),
    decision: z.enum(["approve", "refuse"]).optional(),
    single: z
      .string()
      .regex(/^(approve|refuse):\d+$/)
      .optional(),
    reason: optionalText(500, "Le motif compte au plus 500 caractères.", { multiline: true }),
  })
  .transform((data, ctx) => {
    if (data.single) {
      const [decision, id] = data.single.split(":");
      return { ids: [Number(id)], decision: decision as "approve" | "refuse", reason: data.reason };
    }
    if (!data.decision) {
      ctx.addIssue({ code: "custom", path: ["ids"], message: "Choisissez « Valider » ou « Refuser »." });
      return z.NEVER;
    }
    if (data.ids.length === 0) {
      ctx.addIssue({ code: "custom", path: ["ids"], message: "Cochez au moins une demande." });
      return z.NEVER;
    }
    return { ids: data.ids, decision: data.decision, reason: data.reason };
  });

export type DecideInput = z.output<typeof decideSchema>;

/** A member of a structure, for « Détacher ». */
export const memberSchema = z.object({ structureId: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() });

/** « Transmettre le rôle de gestionnaire principal »: an explicit confirmation is required. */
export const handOverSchema = memberSchema.extend({
  confirm: z.literal("on", { error: "Cochez la case pour confirmer la transmission du rôle." }),
});

/** « Vérifier la structure »: the code of the letter, typed as printed (case, spaces and dashes ignored). */
export const verifyStructureSchema = z.object({
  structureId: z.coerce.number().int().positive(),
  code: requiredText("Saisissez le code du courrier.", 40, "Le code compte 12 caractères.").refine(
    (value) => /^[A-HJ-NP-Z2-9]{12}$/.test(value.toUpperCase().replace(/[\s-]/g, "")),
    "Le code compte 12 lettres et chiffres, comme sur le courrier : par exemple ABCD-EFGH-JK23.",
  ),
});

/** « Contester la gestion »: why the gestionnaire principal has no right to the structure. */
export const contestSchema = z.object({
  structureId: z.coerce.number().int().positive(),
  motif: requiredText("Expliquez pourquoi vous contestez cette gestion.", 2000, "Le motif compte au plus 2 000 caractères.", {
    multiline: true,
  }).refine((value) => value.length >= 20, "Expliquez en quelques phrases (20 caractères au moins) votre lien avec l'entreprise."),
});
