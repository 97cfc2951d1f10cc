import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { refundRequests, structures } from "@/db/schema";
import { AccessDenied, authorize } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { asArray, type ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { formatEuros } from "@/lib/refunds/amounts";
import { transmitRequest } from "@/lib/refunds/transmission";
import { portfolioPage } from "./queries";

/**
 * « Transmettre plusieurs demandes » from the portfolio (issue 21, point 11): the ready requests of
 * client farms the user may transmit for, confirmed on one page, then each transmitted on its own
 * (its own transaction, receipt, audit event and mails, exactly as « Transmettre » one by one): one
 * farm's refusal never holds back the others, and each gets its own result.
 */

/** At most this many in one confirmation: a PDF receipt each, within one page's request. */
export const TRANSMIT_MANY_MAX = 100;

export const transmitManySchema = z.object({
  requestIds: z.preprocess(
    asArray,
    z
      .array(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER))
      .min(1, "Cochez au moins une demande à transmettre.")
      .max(TRANSMIT_MANY_MAX, `Au plus ${TRANSMIT_MANY_MAX} demandes à la fois.`),
  ),
});

export type ReadyRequest = { requestId: number; farmName: string; siret: string; year: number; total: string; lineCount: number };

/** The policy's answer, the request's state included (`request.transmit`: still editable, and the right to transmit it). */
function mayTransmit(actor: Actor, requestId: number, now: Date): boolean {
  const grant = authorize(actor, "refund.transmit", { requestId }, now);
  return grant.ok && grant.rights.has("request.transmit");
}

/**
 * The requests ready to transmit (complete, still a draft or « à compléter ») of the user's client
 * farms, for which the user holds the right to transmit (a mandate « avec transmission »), by name.
 */
export function readyToTransmit(actor: Actor, years: readonly number[], now = new Date()): ReadyRequest[] {
  const { rows } = portfolioPage(actor.userId, years, { missing: "ready", sort: "name" }, 1, now, 1000);
  return rows
    .filter((row) => row.requestId !== null && mayTransmit(actor, row.requestId, now))
    .slice(0, TRANSMIT_MANY_MAX)
    .map((row) => ({
      requestId: row.requestId!,
      farmName: row.name,
      siret: row.siret,
      year: row.year,
      total: formatEuros(row.totalCents),
      lineCount: row.lineCount,
    }));
}

export type TransmitOutcome = { requestId: number; farmName: string; year: number } & (
  { ok: true; reference: string } | { ok: false; problems: string[] }
);

/** Each chosen request transmitted in its own transaction; a result per farm, in the order chosen. */
export async function transmitMany(
  actor: Actor,
  input: z.output<typeof transmitManySchema>,
  meta: RequestMeta,
  now = new Date(),
): Promise<ActionResult<{ outcomes: TransmitOutcome[] }>> {
  const ids = [...new Set(input.requestIds)];
  const names = new Map(
    getDb()
      .select({ id: refundRequests.id, year: refundRequests.year, farmName: structures.name })
      .from(refundRequests)
      .innerJoin(structures, eq(structures.id, refundRequests.structureId))
      .where(inArray(refundRequests.id, ids))
      .all()
      .map((row) => [row.id, row]),
  );
  const outcomes: TransmitOutcome[] = [];
  for (const requestId of ids) {
    const known = names.get(requestId);
    // Unknown and not yours look the same.
    const who = { requestId, farmName: known?.farmName ?? `Demande n° ${requestId}`, year: known?.year ?? 0 };
    // The request's state is answered by transmitRequest, in French, as « Transmettre » one by one.
    if (!known || !authorize(actor, "refund.transmit", { requestId }, now).ok) {
      outcomes.push({ ...who, ok: false, problems: ["Vous n'avez pas le droit de transmettre cette demande."] });
      continue;
    }
    try {
      const result = await transmitRequest(actor, requestId, meta, now);
      outcomes.push(
        result.ok
          ? { ...who, ok: true, reference: result.data.reference }
          : { ...who, ok: false, problems: [result.formError ?? "La demande n'a pas pu être transmise.", ...(result.errorList ?? [])] },
      );
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
      outcomes.push({ ...who, ok: false, problems: ["Vous n'avez pas le droit de transmettre cette demande."] });
    }
  }
  const sent = outcomes.filter((o) => o.ok).length;
  const message =
    sent === outcomes.length
      ? `${sent} demande${sent > 1 ? "s" : ""} transmise${sent > 1 ? "s" : ""} à l'administration.`
      : `${sent} demande${sent > 1 ? "s" : ""} transmise${sent > 1 ? "s" : ""} sur ${outcomes.length} : voyez ci-dessous pourquoi les autres ne l'ont pas été.`;
  return { ok: true, data: { outcomes }, message };
}
