"use client";

import { useFormStatus } from "react-dom";

/** The form's main button; disabled while the server answers, so a double click sends once. */
export function SubmitButton({
  children,
  secondary,
  accessibleLabel,
}: {
  children: React.ReactNode;
  secondary?: boolean;
  accessibleLabel?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-label={accessibleLabel}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={
        secondary
          ? "rounded border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-blue-50"
          : "rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark"
      }
    >
      {pending ? "Envoi en cours…" : children}
    </button>
  );
}
