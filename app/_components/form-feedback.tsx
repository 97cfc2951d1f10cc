"use client";

import { useContext, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { ActionState } from "@/lib/forms";
import { errorCountText, fixQuoteSpaces } from "@/lib/typography";
import { FieldScope, fieldId } from "./field";

/*
 * One success notice on the page at a time: on a long page (a request's lines, invoices, import)
 * each form keeps its last answer, so notices would pile up. Each success takes a number; only the
 * latest is shown, the older ones step aside. Errors stay where they are until corrected.
 */
let latestSuccess = 0;
const successListeners = new Set<() => void>();
const subscribeToSuccess = (listener: () => void) => {
  successListeners.add(listener);
  return () => successListeners.delete(listener);
};

/**
 * Shown at the top of a form after the server answered: the list of errors, each a link to its
 * field, or the success message. Focus moves here so that the answer is announced (RGAA 11.10).
 */
export function FormFeedback({ state, labels }: { state: ActionState<unknown>; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const scope = useContext(FieldScope);
  // A new answer (a new state object) takes a new number.
  const successNumber = useMemo(() => (state?.ok && state.message ? ++latestSuccess : 0), [state]);
  const latest = useSyncExternalStore(
    subscribeToSuccess,
    () => latestSuccess,
    () => 0,
  );
  useEffect(() => {
    if (successNumber) successListeners.forEach((listener) => listener());
  }, [successNumber]);
  useEffect(() => {
    if (state) ref.current?.focus();
  }, [state]);
  if (!state) return null;
  if (state.ok) {
    if (!state.message || (latest !== 0 && successNumber < latest)) return null;
    return (
      <div ref={ref} tabIndex={-1} role="status" className="mb-6 rounded border-l-4 border-success bg-green-50 p-4">
        {fixQuoteSpaces(state.message)}
      </div>
    );
  }
  const fieldErrors = Object.entries(state.fieldErrors ?? {});
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="mb-6 rounded border-l-4 border-error bg-red-50 p-4">
      {state.formError ? <p className="font-semibold">{fixQuoteSpaces(state.formError)}</p> : null}
      {state.errorList?.length ? (
        <ul className="mt-2 list-disc pl-6">
          {state.errorList.map((message) => (
            <li key={message}>{fixQuoteSpaces(message)}</li>
          ))}
        </ul>
      ) : null}
      {fieldErrors.length > 0 ? (
        <>
          <p className="font-semibold">{errorCountText(fieldErrors.length)}</p>
          <ul className="mt-2 list-disc pl-6">
            {fieldErrors.map(([name, message]) => (
              <li key={name}>
                <a href={`#${fieldId(name, scope)}`}>{fixQuoteSpaces(labels?.[name] ? `${labels[name]} : ${message}` : message)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The error of one field, if the last answer had one. */
export function errorOf(state: ActionState<unknown>, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

/** The value typed before the last answer, to put it back (never a secret). */
export function valueOf(state: ActionState<unknown>, name: string, fallback = ""): string {
  return state && !state.ok ? (state.values?.[name] ?? fallback) : fallback;
}
