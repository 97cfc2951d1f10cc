import { z } from "zod";
import { checkbox, cleanText, fileField, filesField, requiredText } from "@/lib/forms";
import { bicError, ibanError, normalizeIban } from "./iban";

const id = z.coerce.number().int().positive();
const asText = (value: unknown) => (typeof value === "string" ? value : "");
const rawText = (max: number) => z.preprocess(cleanText(), z.string().max(max, "Cette valeur est trop longue."));

/** « Références bancaires ». */
export const addBankAccountSchema = z.object({
  structureId: id,
  holder: requiredText("Saisissez le titulaire du compte.", 100, "Le titulaire compte 100 caractères au plus."),
  iban: z
    .preprocess(asText, z.string().max(60, "Un IBAN compte 34 caractères au plus."))
    .superRefine((value, ctx) => {
      const error = value.trim() === "" ? "Saisissez l'IBAN." : ibanError(value);
      if (error) ctx.addIssue({ code: "custom", message: error });
    })
    .transform(normalizeIban),
  bic: z
    .preprocess(asText, z.string().max(20, "Un BIC compte 11 caractères au plus."))
    .superRefine((value, ctx) => {
      const error = value.trim() === "" ? "Saisissez le BIC." : bicError(value);
      if (error) ctx.addIssue({ code: "custom", message: error });
    })
    .transform((value) => value.replace(/\s/g, "").toUpperCase()),
  makeDefault: checkbox,
  rib: fileField,
});
export type AddBankAccountInput = z.output<typeof addBankAccountSchema>;

export const bankAccountIdSchema = z.object({ bankAccountId: id });

/** « Créer une demande ». */
export const createRequestSchema = z.object({
  structureId: id,
  year: z.coerce.number({ error: "Choisissez l'année de la demande." }).int("Choisissez l'année de la demande."),
  bankAccountId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
  notInDifficulty: checkbox,
});
export type CreateRequestInput = z.output<typeof createRequestSchema>;

/** The header of a request being written: bank details, the sworn statement. */
export const requestHeaderSchema = createRequestSchema.omit({ structureId: true, year: true }).extend({ requestId: id });
export type RequestHeaderInput = z.output<typeof requestHeaderSchema>;

/** « Avez-vous perçu l'avance de 2024 ? » (oui / non) and, with « oui », its amount. */
export const advanceSchema = z.object({ requestId: id, received: rawText(5), amount: rawText(40) });
export type AdvanceInput = z.output<typeof advanceSchema>;

/** One line; its rules are in line-rules.ts, shared with the CSV import. */
export const addLineSchema = z.object({
  requestId: id,
  invoiceNumber: rawText(200),
  deliveryDate: rawText(40),
  product: rawText(60),
  volume: rawText(40),
  billedFullTariff: rawText(10),
  volumeUnit: rawText(20),
  confirmPlausible: rawText(10),
  invoice: fileField,
  then: z.preprocess((v) => (v === "next" ? "next" : "stay"), z.enum(["next", "stay"])),
});
/** The invoice unit and the plausibility confirmation are optional for callers other than the form. */
type LineExtras = "volumeUnit" | "confirmPlausible";
export type AddLineInput = Omit<z.output<typeof addLineSchema>, LineExtras> & Partial<Pick<z.output<typeof addLineSchema>, LineExtras>>;

/** A line corrected in place (its invoice copy is replaced on the request page). */
export const updateLineSchema = z.object({
  lineId: id,
  invoiceNumber: rawText(200),
  deliveryDate: rawText(40),
  product: rawText(60),
  volume: rawText(40),
  billedFullTariff: rawText(10),
  volumeUnit: rawText(20),
  confirmPlausible: rawText(10),
});
export type UpdateLineInput = Omit<z.output<typeof updateLineSchema>, LineExtras> &
  Partial<Pick<z.output<typeof updateLineSchema>, LineExtras>>;

export const lineIdSchema = z.object({ lineId: id });
export const lineInvoiceSchema = z.object({ lineId: id, invoice: fileField });
export const invoiceBatchSchema = z.object({ requestId: id, invoices: filesField });
export const importLinesSchema = z.object({ requestId: id, file: fileField });
export const requestIdSchema = z.object({ requestId: id });
/** « Importer pour plusieurs exploitations »: the file alone; each row names its farm. */
export const importPortfolioSchema = z.object({ file: fileField });
