import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { bankAccounts, refundRequests } from "@/db/schema";
import { assertCan } from "@/lib/access";
import type { Actor } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { createRequest } from "@/lib/refunds/requests";
import { selectStructure } from "@/lib/structures/attachments";

const id = z.coerce.number().int().positive();

/** « Ouvrir la demande 2025 » of a row. */
export const openFromPortfolioSchema = z.object({ requestId: id });
/** « Créer la demande 2025 » of a row. */
export const createFromPortfolioSchema = z.object({ structureId: id, year: z.coerce.number().int().min(2000).max(2100) });

/**
 * The button a row posts in the portfolio's one form: `open:<requestId>` or
 * `create:<structureId>:<year>`.
 */
export const portfolioTargetSchema = z.object({
  cible: z
    .string()
    .regex(/^(open:\d{1,12}|create:\d{1,12}:\d{4})$/, "Choisissez une demande du portefeuille.")
    .transform((value) => {
      const [kind, first, second] = value.split(":");
      return kind === "open"
        ? { kind: "open" as const, requestId: Number(first) }
        : { kind: "create" as const, structureId: Number(first), year: Number(second) };
    }),
});

export const openTarget = (requestId: number) => `open:${requestId}`;
export const createTarget = (structureId: number, year: number) => `create:${structureId}:${year}`;

/** What a row's button asked: open its request, or create it. */
export function actOnPortfolioRow(
  actor: Actor,
  input: z.output<typeof portfolioTargetSchema>,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ requestId: number }> {
  const target = input.cible;
  return target.kind === "open"
    ? openFromPortfolio(actor, { requestId: target.requestId })
    : createFromPortfolio(actor, { structureId: target.structureId, year: target.year }, meta, now);
}

/**
 * One click from the portfolio to a client's request: the farm becomes the structure the user
 * works on (`structure.select`), then the page leads to the request.
 */
export function openFromPortfolio(actor: Actor, input: z.output<typeof openFromPortfolioSchema>): ActionResult<{ requestId: number }> {
  assertCan(actor, "refund.view", { requestId: input.requestId });
  const { structureId } = getDb()
    .select({ structureId: refundRequests.structureId })
    .from(refundRequests)
    .where(eq(refundRequests.id, input.requestId))
    .get()!;
  const selected = selectStructure(actor, structureId);
  if (!selected.ok) return selected;
  return { ok: true, data: { requestId: input.requestId } };
}

/**
 * One click to create a client's request for an open year, on the farm's default bank details if
 * it has some; the attestation is left for the user to give on the request page. A request that
 * already exists (a second click, a colleague) is simply opened.
 */
export function createFromPortfolio(
  actor: Actor,
  input: z.output<typeof createFromPortfolioSchema>,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ requestId: number }> {
  assertCan(actor, "refund.edit", { structureId: input.structureId });
  const account = getDb()
    .select({ id: bankAccounts.id })
    .from(bankAccounts)
    .where(and(eq(bankAccounts.structureId, input.structureId), eq(bankAccounts.isDefault, true), isNull(bankAccounts.removedAt)))
    .get();
  const created = createRequest(
    actor,
    { structureId: input.structureId, year: input.year, bankAccountId: account?.id ?? null, notInDifficulty: false },
    meta,
    now,
  );
  // The row's button has no field of its own: a refusal (a year that closed meanwhile) is said in the form.
  if (!created.ok)
    return {
      ok: false,
      formError: Object.values(created.fieldErrors ?? {})[0] ?? created.formError ?? "La demande n'a pas pu être créée.",
    };
  const selected = selectStructure(actor, input.structureId);
  if (!selected.ok) return selected;
  return { ok: true, data: { requestId: created.data.requestId }, message: created.message };
}
