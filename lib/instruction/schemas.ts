import { z } from "zod";
import { REJECTION_REASONS } from "@/db/schema";
import { asArray, requiredText } from "@/lib/forms";
import { MAX_VOLUME_MILLI } from "@/lib/refunds/amounts";
import type { LineDecision } from "./decision";

const requestId = z.coerce.number().int().positive();
const message = (empty: string) => requiredText(empty, 4000, "Le message compte au plus 4 000 caractères.", { multiline: true });

export const takeChargeSchema = z.object({ requestId });

export const complementSchema = z.object({
  requestId,
  body: message("Écrivez ce que l'exploitation doit compléter."),
  lineIds: z.preprocess(asArray, z.array(z.coerce.number().int().positive()).max(500)),
});

export const answerSchema = z.object({ requestId, body: message("Écrivez votre réponse.") });

export const rejectSchema = z.object({
  requestId,
  reason: z.enum(REJECTION_REASONS, { error: "Choisissez le motif du rejet." }),
  text: requiredText("Expliquez le rejet à l'exploitation.", 2000, "Le texte compte au plus 2 000 caractères.", { multiline: true }),
});

/** « 1 234,5 » or « 0 » → thousandths; null when not a number ≥ 0 with at most 3 decimals. */
export function parseAcceptedVolume(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0]/g, "").replace(",", ".");
  const match = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * 1000 + Number((match[2] ?? "").padEnd(3, "0"));
  return value <= MAX_VOLUME_MILLI ? value : null;
}

/**
 * « Accepter »: the whole request, or line by line with `volume-<id>` (accepted volume) and
 * `motif-<id>` (motive of a reduction) per line shown. Field errors name those fields.
 */
export const acceptSchema = z
  .object({ requestId, mode: z.enum(["whole", "lines"], { error: "Choisissez : toute la demande, ou ligne par ligne." }) })
  .catchall(z.unknown())
  .transform((form, context) => {
    if (form.mode === "whole") return { requestId: form.requestId, mode: "whole" as const };
    const lines: LineDecision[] = [];
    for (const [key, value] of Object.entries(form)) {
      const match = /^volume-(\d{1,12})$/.exec(key);
      if (!match) continue;
      const lineId = Number(match[1]);
      const volume = parseAcceptedVolume(typeof value === "string" ? value : "");
      if (volume === null) {
        context.addIssue({
          code: "custom",
          path: [key],
          message: "Saisissez le volume accordé, par exemple 1 234,5 (0 pour refuser la ligne).",
        });
        continue;
      }
      const motive = form[`motif-${lineId}`];
      const text = (typeof motive === "string" ? motive : "").replace(/[\p{Cc}\p{Cf}]/gu, " ").trim();
      if (text.length > 500)
        context.addIssue({ code: "custom", path: [`motif-${lineId}`], message: "Le motif compte au plus 500 caractères." });
      lines.push({ lineId, acceptedVolumeMilli: volume, motive: text });
    }
    if (lines.length === 0) context.addIssue({ code: "custom", path: ["mode"], message: "Aucune ligne à décider." });
    return { requestId: form.requestId, mode: "lines" as const, lines };
  });
