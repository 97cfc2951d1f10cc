import { z } from "zod";
import { stripControls } from "./text/control-characters";

// Fields a person fills have their own French messages; what remains is hidden fields and ids
// that only a tampered or truncated form gets wrong. They get one plain French message.
z.config({ customError: () => "Cette valeur n'est pas valide : rechargez la page et recommencez." });

/**
 * The one shape every server action returns, with French messages. Secrets (passwords, answers,
 * tokens) are never echoed back in `values`.
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      formError?: string;
      errorList?: string[];
      fieldErrors?: Record<string, string>;
      rowErrors?: RowError[];
      values?: Record<string, string>;
    };

/** An error of an imported file: its row (the header is row 1; 0 for the whole file) and column. */
export type RowError = { row: number; column: string | null; message: string };

/** Initial state for useActionState. */
export type ActionState<T = undefined> = ActionResult<T> | null;

const asText = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * A free text as the forms store it: without control characters (C0, C1, bidirectional), which
 * reached an operator's terminal as escape sequences (issue 22, point 4; lib/text/control-characters.ts).
 * `multiline` keeps line breaks (a motif, a reason).
 */
export const cleanText =
  (options: { multiline?: boolean } = {}) =>
  (value: unknown) =>
    stripControls(asText(value), options);

export function requiredText(emptyMessage: string, max: number, tooLongMessage: string, options: { multiline?: boolean } = {}) {
  return z.preprocess(cleanText(options), z.string().trim().min(1, emptyMessage).max(max, tooLongMessage));
}

export function optionalText(max: number, tooLongMessage: string, options: { multiline?: boolean } = {}) {
  return z.preprocess(cleanText(options), z.string().trim().max(max, tooLongMessage)).transform((value) => (value === "" ? null : value));
}

const emailFormat = z.email();
export const INVALID_EMAIL = "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.";

export function emailField(emptyMessage: string) {
  return z.preprocess(
    asText,
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, emptyMessage)
      .max(254, "L'adresse électronique est trop longue (254 caractères au plus).")
      .refine((value) => value === "" || emailFormat.safeParse(value).success, INVALID_EMAIL),
  );
}

/** A password field: never trimmed, never echoed. */
export function secretField(emptyMessage: string) {
  return z.preprocess(asText, z.string().min(1, emptyMessage).max(1024, "Ce champ est trop long."));
}

export const checkbox = z.preprocess((value) => value === "on" || value === "true", z.boolean());

/** A FormData as an object; a name given several times (checkboxes) becomes an array. */
function formEntries(form: FormData): Record<string, string | string[]> {
  const entries: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const previous = entries[key];
    entries[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return entries;
}

/** A file sent with a form, read into memory (at most the server action body limit). */
export type UploadedFile = { name: string; bytes: Uint8Array };

/**
 * A FormData with its files read: each file becomes an UploadedFile. An empty file input (no file
 * chosen) arrives as an empty file whose name varies with the runtime: every empty file is left out.
 */
export async function readForm(form: FormData): Promise<Record<string, unknown>> {
  const entries: Record<string, unknown> = formEntries(form);
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" || value.size === 0) continue;
    const file = { name: value.name.slice(0, 200), bytes: new Uint8Array(await value.arrayBuffer()) } satisfies UploadedFile;
    // A `multiple` file input sends its files under one name: they become an array.
    const previous = entries[key];
    entries[key] = previous === undefined ? file : Array.isArray(previous) ? [...previous, file] : [previous, file];
  }
  return entries;
}

const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === "object" && value !== null && "bytes" in value && value.bytes instanceof Uint8Array;

/** A file input: the file, or null when none was chosen. */
export const fileField = z.preprocess((value) => (isUploadedFile(value) ? value : null), z.custom<UploadedFile | null>());

/** A `multiple` file input: the files chosen, possibly none. */
export const filesField = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isUploadedFile),
  z.custom<UploadedFile[]>(),
);

/** Always an array, for fields that may be sent once, several times or not at all. */
export const asArray = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string> };

/** Parses a submitted form; each field keeps its first French error. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData | Record<string, unknown>): Parsed<z.output<S>> {
  const raw = form instanceof FormData ? formEntries(form) : form;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** The submitted values to put back in the form, without the secret ones. */
export function safeValues(form: FormData, secretFields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !secretFields.includes(key) && !key.startsWith("$ACTION")) {
      values[key] = value.slice(0, 500);
    }
  }
  return values;
}
