"use client";

import { useContext, type SelectHTMLAttributes } from "react";
import { FieldError, FieldHint, FieldScope, describedIds, fieldId } from "./field";

type SelectProps = {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
  error?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">;

export function Select({ name, label, options, hint, error, ...select }: SelectProps) {
  const id = fieldId(name, useContext(FieldScope));
  const { describedBy } = describedIds(id, hint, error);
  return (
    <div className="mb-5">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
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
