"use client";

import { createContext, useContext, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { fixQuoteSpaces } from "@/lib/typography";

/** Several forms on one page (« Mon compte ») give their fields distinct ids through this scope. */
export const FieldScope = createContext("champ");

export const fieldId = (name: string, scope = "champ") => `${scope}-${name}`;

/** The aria-describedby that links a field to its hint and its error (FieldHint, FieldError). */
export function describedIds(id: string, hint: unknown, error: unknown) {
  return { describedBy: [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined };
}

/** The hint under a label (the one way every field of the kit shows it). */
export function FieldHint({ id, hint, className = "mt-1" }: { id: string; hint?: ReactNode; className?: string }) {
  if (!hint) return null;
  return (
    <p id={`${id}-aide`} className={`${className} text-sm text-gray-700`}>
      {typeof hint === "string" ? fixQuoteSpaces(hint) : hint}
    </p>
  );
}

/** The error of a field, next to it, marked for sighted users and linked for screen readers. */
export function FieldError({ id, error, className = "mt-1" }: { id: string; error?: string; className?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-erreur`} className={`${className} text-sm font-semibold text-error`}>
      <span aria-hidden="true">✕ </span>
      {fixQuoteSpaces(error)}
    </p>
  );
}

type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** A labelled input, its hint and its error, linked for screen readers (RGAA 11.1, 11.10). */
export function Field({ name, label, hint, error, optional, className, ...input }: FieldProps) {
  const id = fieldId(name, useContext(FieldScope));
  const { describedBy } = describedIds(id, hint, error);
  return (
    <div className={`mb-5 ${className ?? ""}`}>
      <label htmlFor={id} className="block font-semibold">
        {label}
        {optional ? <span className="font-normal text-gray-700"> (facultatif)</span> : null}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        required={!optional && input.type !== "checkbox" ? true : undefined}
        className={`mt-1 block w-full max-w-lg rounded border bg-white px-3 py-2 ${error ? "border-error border-2" : "border-gray-600"}`}
        {...input}
      />
    </div>
  );
}

/** A checkbox with its label on the right. */
export function Checkbox({ name, label, error, hint, ...input }: FieldProps) {
  // Several boxes may share a name (one per value): each gets its own id.
  const id = fieldId(input.value === undefined ? name : `${name}-${String(input.value)}`, useContext(FieldScope));
  const { describedBy } = describedIds(id, hint, error);
  return (
    <div className="mb-5">
      <FieldError id={id} error={error} className="mb-1" />
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="mt-1 h-5 w-5"
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldHint id={id} hint={hint} className="mt-1 ml-7" />
    </div>
  );
}

type TextAreaProps = { name: string; label: ReactNode; hint?: ReactNode; error?: string } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name" | "id"
>;

/** A labelled multi-line text, its hint and its error, linked as for Field. */
export function TextArea({ name, label, hint, error, ...textarea }: TextAreaProps) {
  const id = fieldId(name, useContext(FieldScope));
  const { describedBy } = describedIds(id, hint, error);
  return (
    <div className="mb-5">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        required
        className={`mt-1 block w-full max-w-2xl rounded border bg-white px-3 py-2 ${error ? "border-error border-2" : "border-gray-600"}`}
        {...textarea}
      />
    </div>
  );
}
