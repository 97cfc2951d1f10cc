"use client";

import { fixQuoteSpaces } from "@/lib/typography";
import { useContext, type SelectHTMLAttributes } from "react";
import { FieldScope, fieldId } from "./field";

type SelectProps = {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
  error?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">;

export function Select({ name, label, options, hint, error, ...select }: SelectProps) {
  const id = fieldId(name, useContext(FieldScope));
  const describedBy = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="mb-5">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-aide`} className="mt-1 text-sm text-gray-700">
          {typeof hint === "string" ? fixQuoteSpaces(hint) : hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-erreur`} className="mt-1 text-sm font-semibold text-error">
          <span aria-hidden="true">✕ </span>
          {fixQuoteSpaces(error)}
        </p>
      ) : null}
      {/* React applies a select's defaultValue only when it mounts, and resets the form after an
          action: a new key remounts it with the value the server sent back, which the reset keeps. */}
      <select
        key={String(select.defaultValue ?? "")}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full max-w-lg rounded border bg-white px-3 py-2 ${error ? "border-error border-2" : "border-gray-600"}`}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
