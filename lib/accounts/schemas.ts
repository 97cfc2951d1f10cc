import { z } from "zod";
import { checkbox, emailField, optionalText, requiredText, secretField } from "@/lib/forms";
import { digitsOnly, isFrenchPostalCode, siretError } from "@/lib/identifiers";
import { CUSTOM_QUESTION, SECRET_QUESTIONS } from "./secret-questions";

const PHONE = /^(?:\+|00)?[0-9 .()-]{6,20}$/;

/**
 * A French number has 10 digits starting with 0 (« 06 12 34 56 7 » is one short); an international
 * one (+ or 00) has 8 to 15 digits after its prefix (ITU E.164).
 */
function phoneDigitsOk(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  const international = /^\s*(\+|00)/.test(value);
  if (international) {
    const significant = value.trim().startsWith("+") ? digits : digits.slice(2);
    return significant.length >= 8 && significant.length <= 15;
  }
  return /^0\d{9}$/.test(digits);
}

const namesAndContact = {
  contactEmail: z.preprocess((value) => (typeof value === "string" ? value : ""), z.string().trim().toLowerCase()),
  lastName: requiredText("Saisissez votre nom.", 100, "Le nom compte au plus 100 caractères."),
  firstName: requiredText("Saisissez votre prénom.", 100, "Le prénom compte au plus 100 caractères."),
  phone: optionalText(20, "Le numéro de téléphone compte au plus 20 caractères.").refine(
    (value) => value === null || (PHONE.test(value) && phoneDigitsOk(value)),
    "Saisissez un numéro de téléphone valide, par exemple 01 23 45 67 89.",
  ),
};

function checkContactEmail<T extends { contactEmail: string }>(data: T, ctx: z.RefinementCtx) {
  if (data.contactEmail !== "" && !z.email().safeParse(data.contactEmail).success) {
    ctx.addIssue({
      code: "custom",
      path: ["contactEmail"],
      message: "Saisissez une adresse électronique de contact valide, par exemple nom@exemple.fr.",
    });
  }
}

export const signUpSchema = z
  .object({
    loginEmail: emailField("Saisissez votre adresse électronique de connexion."),
    ...namesAndContact,
    siret: z
      .preprocess((v) => (typeof v === "string" ? v : ""), z.string())
      .superRefine((value, ctx) => {
        const error = siretError(value);
        if (error) ctx.addIssue({ code: "custom", message: error });
      })
      .transform(digitsOnly),
    addressStreet: requiredText("Saisissez le numéro et la voie.", 200, "La voie compte au plus 200 caractères."),
    addressComplement: optionalText(200, "Le complément d'adresse compte au plus 200 caractères."),
    postalCode: z
      .preprocess((v) => (typeof v === "string" ? v.replace(/\s/g, "") : ""), z.string())
      .refine((value) => value !== "", "Saisissez le code postal.")
      .refine((value) => value === "" || isFrenchPostalCode(value), "Saisissez un code postal français à 5 chiffres, par exemple 31000."),
    city: requiredText("Saisissez la commune.", 100, "La commune compte au plus 100 caractères."),
    acceptTerms: checkbox.refine((v) => v, "Acceptez les conditions générales d'utilisation pour continuer."),
    /** Honeypot: hidden from people, filled by some robots. */
    website: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string()),
  })
  .superRefine(checkContactEmail)
  .transform((data) => ({ ...data, contactEmail: data.contactEmail || data.loginEmail }));

export type SignUpInput = z.output<typeof signUpSchema>;

export const profileSchema = z.object(namesAndContact).superRefine((data, ctx) => {
  if (data.contactEmail === "") {
    ctx.addIssue({ code: "custom", path: ["contactEmail"], message: "Saisissez votre adresse électronique de contact." });
  }
  checkContactEmail(data, ctx);
});

export type ProfileInput = z.output<typeof profileSchema>;

const newPasswordFields = {
  password: secretField("Choisissez un mot de passe."),
  passwordConfirmation: secretField("Confirmez le mot de passe."),
};

function passwordsMatch<T extends { password: string; passwordConfirmation: string }>(data: T, ctx: z.RefinementCtx) {
  if (data.passwordConfirmation !== "" && data.password !== data.passwordConfirmation) {
    ctx.addIssue({
      code: "custom",
      path: ["passwordConfirmation"],
      message: "Les deux mots de passe saisis sont différents.",
    });
  }
}

const secretQuestionFields = {
  secretQuestion: z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z
      .string()
      .refine(
        (value) => value === CUSTOM_QUESTION || (SECRET_QUESTIONS as readonly string[]).includes(value),
        "Choisissez une question secrète.",
      ),
  ),
  customQuestion: optionalText(200, "Votre question compte au plus 200 caractères."),
  secretAnswer: requiredText("Saisissez la réponse à votre question secrète.", 100, "La réponse compte au plus 100 caractères.").refine(
    (value) => value.length >= 3,
    "La réponse compte au moins 3 caractères.",
  ),
};

function customQuestionGiven<T extends { secretQuestion: string; customQuestion: string | null }>(data: T, ctx: z.RefinementCtx) {
  if (data.secretQuestion === CUSTOM_QUESTION && (data.customQuestion ?? "").length < 10) {
    ctx.addIssue({
      code: "custom",
      path: ["customQuestion"],
      message: "Écrivez votre question (10 caractères au moins).",
    });
  }
}

/** The question as stored: the chosen one, or the user's own. */
export function questionText(data: { secretQuestion: string; customQuestion: string | null }): string {
  return data.secretQuestion === CUSTOM_QUESTION ? (data.customQuestion ?? "") : data.secretQuestion;
}

export const activationSchema = z
  .object({ token: z.string(), ...newPasswordFields, ...secretQuestionFields })
  .superRefine(passwordsMatch)
  .superRefine(customQuestionGiven);

export type ActivationInput = z.output<typeof activationSchema>;

export const emailOnlySchema = z.object({
  loginEmail: emailField("Saisissez votre adresse électronique de connexion."),
});

export const signInSchema = z.object({
  loginEmail: emailField("Saisissez votre adresse électronique de connexion."),
  password: secretField("Saisissez votre mot de passe."),
  /** Where to go after signing in (checked by safeRedirectPath). */
  next: z.string().max(500).optional(),
});

export const recoverySchema = z
  .object({
    token: z.string(),
    secretAnswer: requiredText("Saisissez la réponse à votre question secrète.", 100, "La réponse compte au plus 100 caractères."),
    ...newPasswordFields,
  })
  .superRefine(passwordsMatch);

export type RecoveryInput = z.output<typeof recoverySchema>;

export const changePasswordSchema = z
  .object({ currentPassword: secretField("Saisissez votre mot de passe actuel."), ...newPasswordFields })
  .superRefine(passwordsMatch);

export const changeSecretQuestionSchema = z
  .object({ currentPassword: secretField("Saisissez votre mot de passe actuel."), ...secretQuestionFields })
  .superRefine(customQuestionGiven);

/**
 * On activation the person is choosing the answer right now: after a refused password it comes
 * back with the question (to them only, in the answer to their own post), so that they do not
 * type it again. Passwords and the link's token are never sent back.
 */
export const ACTIVATION_SECRET_FIELDS = ["password", "passwordConfirmation", "token"] as const;

export const SECRET_FORM_FIELDS = ["password", "passwordConfirmation", "currentPassword", "secretAnswer", "token"] as const;

/** « Courriels » on « Mon compte »: one daily digest, or a mail per step. */
export const dailyDigestSchema = z.object({
  dailyDigest: z
    .enum(["oui", "non"], { error: "Choisissez « Un courriel par démarche » ou « Un récapitulatif par jour »." })
    .transform((v) => v === "oui"),
});
