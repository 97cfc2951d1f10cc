"use client";

import { useContext } from "react";
import { FieldError, FieldHint, FieldScope, describedIds, fieldId } from "./field";

type RadioGroupProps = {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
  error?: string;
  defaultValue?: string;
};

/**
 * One choice among a few long labels: radios wrap on a phone where a select would cut its text.
 * The first radio carries the field's id, so that the error summary's link lands on the group.
 */
export function RadioGroup({ name, legend, options, hint, error, defaultValue }: RadioGroupProps) {
  const id = fieldId(name, useContext(FieldScope));
  const { describedBy } = describedIds(id, hint, error);
  return (
    // The key remounts the group with the value sent back after a refused form (defaultChecked applies on mount).
    <fieldset key={defaultValue ?? ""} className="mb-5" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="font-semibold">{legend}</legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="mt-2 space-y-1">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-2">
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                defaultChecked={defaultValue === option.value}
                className="mt-1 h-5 w-5 shrink-0"
              />
              <label htmlFor={optionId} className="touch-target">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
