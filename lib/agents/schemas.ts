import { z } from "zod";
import { AGENT_ROLES } from "@/db/schema";
import { asArray, emailField, requiredText, secretField } from "@/lib/forms";
import { parseDepartements } from "./departements";

const departementsField = z.preprocess(
  (value) => (typeof value === "string" ? value : ""),
  z
    .string()
    .max(2000, "Trop de départements.")
    .transform((text, context) => {
      const parsed = parseDepartements(text);
      if (!parsed.ok) {
        context.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.departements;
    }),
);

const rolesField = z.preprocess(
  asArray,
  z.array(z.enum(AGENT_ROLES, { error: "Ce rôle n'existe pas." })).transform((roles) => [...new Set(roles)]),
);

export const agentSignInSchema = z.object({
  email: emailField("Saisissez votre adresse électronique."),
  password: secretField("Saisissez votre mot de passe."),
});

export const secondFactorSchema = z.object({
  code: requiredText("Saisissez le code à 6 chiffres de votre application, ou un code de secours.", 40, "Ce code est trop long."),
});

export const inviteAgentSchema = z.object({
  email: emailField("Saisissez l'adresse électronique de l'agent."),
  lastName: requiredText("Saisissez le nom de l'agent.", 100, "Le nom compte au plus 100 caractères."),
  firstName: requiredText("Saisissez le prénom de l'agent.", 100, "Le prénom compte au plus 100 caractères."),
  roles: rolesField.refine((roles) => roles.length > 0, "Cochez au moins un rôle."),
  departements: departementsField,
});

export const updateAgentSchema = z.object({
  agentId: z.coerce.number().int().positive(),
  roles: rolesField,
  departements: departementsField,
});

export const resendInvitationSchema = z.object({ agentId: z.coerce.number().int().positive() });

export const deactivateAgentSchema = z.object({
  agentId: z.coerce.number().int().positive(),
  motif: requiredText("Donnez le motif de la désactivation.", 500, "Le motif compte au plus 500 caractères.", { multiline: true }),
});

export const enrolSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  password: secretField("Choisissez votre mot de passe."),
  passwordConfirm: secretField("Saisissez de nouveau votre mot de passe."),
  code: requiredText("Saisissez le code à 6 chiffres affiché par votre application.", 20, "Ce code est trop long."),
});

const ids = z.preprocess(asArray, z.array(z.coerce.number().int().positive()).max(500, "Au plus 500 courriers à la fois."));

export const lettersSentSchema = z.object({ letterIds: ids.refine((list) => list.length > 0, "Cochez au moins un courrier.") });

// Typed in a text area: line breaks kept, other control characters stripped (issue 22, point 4).
const motif = requiredText("Donnez le motif.", 1000, "Le motif compte au plus 1 000 caractères.", { multiline: true });

export const contestDecisionSchema = z.object({
  contestId: z.coerce.number().int().positive(),
  decision: z.enum(["keep", "transfer", "suspend"], { error: "Choisissez la décision." }),
  motif,
});

export const REVIEWED_DOCUMENTS = { kbis: "Extrait Kbis", statuts: "Statuts", identite: "Pièce d'identité du représentant" } as const;

export const reviewSchema = z.object({
  structureId: z.coerce.number().int().positive(),
  document: z.enum(Object.keys(REVIEWED_DOCUMENTS) as [keyof typeof REVIEWED_DOCUMENTS], { error: "Choisissez la pièce examinée." }),
  motif,
});

export const supportActionSchema = z.object({
  userId: z.coerce.number().int().positive(),
  action: z.enum(["resend-activation", "unblock", "disable"]),
  motif,
});
