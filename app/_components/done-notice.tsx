"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { noticeText } from "@/lib/notices";
import { fixQuoteSpaces } from "@/lib/typography";

/** The confirmation of an action whose own form disappeared with what it removed; focused so it is read. */
export function DoneNotice() {
  const message = noticeText(useSearchParams().get("fait"));
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <p ref={ref} tabIndex={-1} role="status" className="mb-6 rounded border-l-4 border-success bg-green-50 p-4">
      {fixQuoteSpaces(message)}
    </p>
  );
}
