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
  /**
   * For what cannot be undone in one click (remove, detach, close): the button first opens a
   * <details> that says what will happen, and the real button is inside. No JavaScript needed.
   */
  confirm?: string;
};

const buttonClass = (danger?: boolean) =>
  `rounded border-2 px-3 py-1 text-sm font-semibold ${danger ? "border-error text-error" : "border-brand text-brand"}`;

/** A one-button form (close, deactivate, detach, end…) that works without JavaScript. */
export function InlineAction<T>({ action, fields, label, accessibleLabel, danger, confirm }: Props<T>) {
  const [state, formAction] = useActionState<ActionState<T>, FormData>(action, null);
  const form = (
    <form action={formAction} className="inline-block">
      <FormFeedback state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        aria-label={confirm ? `Confirmer : ${accessibleLabel ?? label}` : accessibleLabel}
        className={buttonClass(danger)}
      >
        {confirm ? `Oui, ${label.toLowerCase()}` : label}
      </button>
    </form>
  );
  if (!confirm) return form;
  return (
    // Open again after a refusal, so that its message (inside) is seen, with or without JavaScript.
    <details className="inline-block align-top" open={state && !state.ok ? true : undefined}>
      <summary aria-label={accessibleLabel} className={`inline-flex cursor-pointer items-center ${buttonClass(danger)}`}>
        {label}
      </summary>
      <div className="mt-2 max-w-xs rounded border border-gray-400 bg-white p-3 text-sm">
        <p className="mb-2">{confirm}</p>
        {form}
      </div>
    </details>
  );
}
