"use client";

import { useActionState } from "react";
import type { ActionResult, ActionState } from "@/lib/forms";
import { FormFeedback } from "./form-feedback";

type Props<T> = {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
  fields: Record<string, string | number>;
  label: string;
  /** A longer name for screen readers when the visible label is short (« Détacher »). */
  accessibleLabel?: string;
  danger?: boolean;
};

/** A one-button form (close, deactivate, detach, end…) that works without JavaScript. */
export function InlineAction<T>({ action, fields, label, accessibleLabel, danger }: Props<T>) {
  const [state, formAction] = useActionState<ActionState<T>, FormData>(action, null);
  return (
    <form action={formAction} className="inline-block">
      <FormFeedback state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        aria-label={accessibleLabel}
        className={`rounded border-2 px-3 py-1 text-sm font-semibold ${danger ? "border-error text-error" : "border-brand text-brand"}`}
      >
        {label}
      </button>
    </form>
  );
}
