"use client";

import { useActionState } from "react";
import { FormFeedback } from "@/app/_components/form-feedback";
import type { ActionResult, ActionState } from "@/lib/forms";

type Props<T> = {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
  label: string;
  children: React.ReactNode;
};

/**
 * The portfolio's table in one form: each row's button posts its own `cible` (« open:12 »,
 * « create:7:2025 »). One form rather than one per row keeps the page light for 50 rows; it works
 * without JavaScript (POST, then a redirect to the request), and a refusal shows above the table.
 */
export function PortfolioForm<T>({ action, label, children }: Props<T>) {
  const [state, formAction] = useActionState<ActionState<T>, FormData>(action, null);
  return (
    <form action={formAction} aria-label={label}>
      <FormFeedback state={state} />
      {children}
    </form>
  );
}

/** A row's button: seen « Ouvrir la demande 2025 », heard « … de GAEC DU MOULIN » (the row's farm). */
export function RowButton({ target, label, farmName, primary }: { target: string; label: string; farmName: string; primary?: boolean }) {
  return (
    <button
      type="submit"
      name="cible"
      value={target}
      className={`rounded border-2 border-brand px-3 py-1 text-sm font-semibold ${primary ? "bg-brand text-white hover:bg-brand-dark" : "text-brand"}`}
    >
      {label}
      <span className="sr-only">{` de ${farmName}`}</span>
    </button>
  );
}
