"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import type { ActionResult, ActionState } from "@/lib/forms";

type Props<T> = {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
  fields: Record<string, string | number>;
  /** Seen: « Ouvrir la demande 2025 »; heard: « … de GAEC DU MOULIN » (the farm of the row). */
  label: string;
  farmName: string;
  primary?: boolean;
};

/** A one-button form of a portfolio row; works without JavaScript (POST, then a redirect). */
export function RowAction<T>({ action, fields, label, farmName, primary }: Props<T>) {
  const [state, formAction] = useActionState<ActionState<T>, FormData>(action, null);
  return (
    <form action={formAction} className="inline-block">
      <FormFeedback state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        className={`rounded border-2 border-brand px-3 py-1 text-sm font-semibold ${primary ? "bg-brand text-white hover:bg-brand-dark" : "text-brand"}`}
      >
        {label}
        <span className="sr-only">{` de ${farmName}`}</span>
      </button>
    </form>
  );
}
