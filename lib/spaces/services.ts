import "server-only";
import { and, eq } from "drizzle-orm";
import { services } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";

/** Services (code, libellé) of a structure, managed on « Modification de la structure ». */
export function addService(
  actor: Actor,
  input: { structureId: number; code: string; label: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "structure.manage", { structureId: input.structureId });
  const code = input.code.toUpperCase();
  return inTransaction((tx): ActionResult => {
    const exists = tx
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.structureId, input.structureId), eq(services.code, code)))
      .get();
    if (exists) return { ok: false, fieldErrors: { code: `Le code ${code} est déjà utilisé par un service de cette structure.` } };
    const row = tx
      .insert(services)
      .values({ structureId: input.structureId, code, label: input.label, createdAt: now })
      .returning({ id: services.id })
      .get();
    recordAudit(
      tx,
      {
        action: "service.added",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: input.structureId,
        ip: meta.ip,
        details: { serviceId: row.id, code, label: input.label },
      },
      now,
    );
    return { ok: true, data: undefined, message: `Le service ${code} est ajouté.` };
  });
}

function serviceStructure(serviceId: number) {
  return getDb().select().from(services).where(eq(services.id, serviceId)).get();
}

export function renameService(
  actor: Actor,
  input: { serviceId: number; label: string },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "structure.manage", { serviceId: input.serviceId });
  const service = serviceStructure(input.serviceId);
  inTransaction((tx) => {
    tx.update(services).set({ label: input.label }).where(eq(services.id, input.serviceId)).run();
    recordAudit(
      tx,
      {
        action: "service.renamed",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: service!.structureId,
        ip: meta.ip,
        details: { serviceId: input.serviceId, before: service!.label, after: input.label },
      },
      now,
    );
  });
  return { ok: true, data: undefined, message: "Le libellé du service est modifié." };
}

export function setServiceActive(
  actor: Actor,
  input: { serviceId: number; active: boolean },
  meta: RequestMeta,
  now = new Date(),
): ActionResult {
  assertCan(actor, "structure.manage", { serviceId: input.serviceId });
  const service = serviceStructure(input.serviceId);
  inTransaction((tx) => {
    tx.update(services).set({ isActive: input.active }).where(eq(services.id, input.serviceId)).run();
    recordAudit(
      tx,
      {
        action: input.active ? "service.reactivated" : "service.deactivated",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: service!.structureId,
        ip: meta.ip,
        details: { serviceId: input.serviceId },
      },
      now,
    );
  });
  return { ok: true, data: undefined, message: input.active ? "Le service est réactivé." : "Le service est désactivé." };
}
