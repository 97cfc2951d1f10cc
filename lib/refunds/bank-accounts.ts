import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { bankAccounts, storedFiles } from "@/db/schema";
import { assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/sessions";
import { getDb, inTransaction } from "@/lib/db";
import type { ActionResult } from "@/lib/forms";
import type { RequestMeta } from "@/lib/request-meta";
import { attachmentError } from "./files";
import { formatIban } from "./iban";
import type { AddBankAccountInput } from "./schemas";
import { storeFile } from "./stored-files";

/** IBAN in audit details: country, check digits and the last four, enough to tell accounts apart. */
const maskIban = (iban: string) => `${iban.slice(0, 4)}…${iban.slice(-4)}`;

/** The structure's accounts still in use, default first. */
export function bankAccountsOf(structureId: number) {
  return getDb()
    .select({
      id: bankAccounts.id,
      holder: bankAccounts.holder,
      iban: bankAccounts.iban,
      bic: bankAccounts.bic,
      isDefault: bankAccounts.isDefault,
      ribFileId: bankAccounts.ribFileId,
      ribName: storedFiles.originalName,
    })
    .from(bankAccounts)
    .innerJoin(storedFiles, eq(storedFiles.id, bankAccounts.ribFileId))
    .where(and(eq(bankAccounts.structureId, structureId), isNull(bankAccounts.removedAt)))
    .orderBy(desc(bankAccounts.isDefault), asc(bankAccounts.id))
    .all()
    .map((account) => ({ ...account, ibanText: formatIban(account.iban) }));
}

/** « Ajouter des références bancaires »: holder, IBAN, BIC and the RIB document, in one go. */
export function addBankAccount(
  actor: Actor,
  input: AddBankAccountInput,
  meta: RequestMeta,
  now = new Date(),
): ActionResult<{ bankAccountId: number }> {
  assertCan(actor, "bankDetails.manage", { structureId: input.structureId });
  const ribError = input.rib ? attachmentError(input.rib.bytes) : "Joignez le RIB (PDF, PNG ou JPEG, 5 Mo au plus).";
  if (ribError) return { ok: false, fieldErrors: { rib: ribError } };
  return inTransaction((tx) => {
    const hasDefault = tx
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.structureId, input.structureId), eq(bankAccounts.isDefault, true), isNull(bankAccounts.removedAt)))
      .get();
    const isDefault = input.makeDefault || !hasDefault;
    if (isDefault && hasDefault) tx.update(bankAccounts).set({ isDefault: false }).where(eq(bankAccounts.id, hasDefault.id)).run();
    const ribFileId = storeFile(tx, { structureId: input.structureId, kind: "rib", upload: input.rib!, userId: actor.userId }, now);
    const row = tx
      .insert(bankAccounts)
      .values({
        structureId: input.structureId,
        holder: input.holder,
        iban: input.iban,
        bic: input.bic,
        ribFileId,
        isDefault,
        createdAt: now,
        createdBy: actor.userId,
      })
      .returning({ id: bankAccounts.id })
      .get();
    recordAudit(
      tx,
      {
        action: "bank_account.added",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: input.structureId,
        ip: meta.ip,
        details: { bankAccountId: row.id, iban: maskIban(input.iban), bic: input.bic, isDefault },
      },
      now,
    );
    return {
      ok: true,
      data: { bankAccountId: row.id },
      message: `Les références bancaires ${formatIban(input.iban)} sont enregistrées${isDefault ? " (compte par défaut)" : ""}.`,
    };
  });
}

function accountOf(bankAccountId: number) {
  return getDb().select().from(bankAccounts).where(eq(bankAccounts.id, bankAccountId)).get();
}

/** One default per structure: the new one replaces the old one. */
export function makeDefaultBankAccount(actor: Actor, bankAccountId: number, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "bankDetails.manage", { bankAccountId });
  const account = accountOf(bankAccountId);
  if (!account || account.removedAt) return { ok: false, formError: "Ces références bancaires ont été retirées." };
  return inTransaction((tx) => {
    tx.update(bankAccounts)
      .set({ isDefault: false })
      .where(and(eq(bankAccounts.structureId, account.structureId), eq(bankAccounts.isDefault, true)))
      .run();
    tx.update(bankAccounts).set({ isDefault: true }).where(eq(bankAccounts.id, account.id)).run();
    recordAudit(
      tx,
      {
        action: "bank_account.made_default",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: account.structureId,
        ip: meta.ip,
        details: { bankAccountId, iban: maskIban(account.iban) },
      },
      now,
    );
    return { ok: true, data: undefined, message: `Le compte ${formatIban(account.iban)} est désormais le compte par défaut.` };
  });
}

/** Withdrawn, not deleted: requests already transmitted keep pointing to the account they used. */
export function removeBankAccount(actor: Actor, bankAccountId: number, meta: RequestMeta, now = new Date()): ActionResult {
  assertCan(actor, "bankDetails.manage", { bankAccountId });
  const account = accountOf(bankAccountId);
  return inTransaction((tx) => {
    const removed = tx
      .update(bankAccounts)
      .set({ removedAt: now, isDefault: false })
      .where(and(eq(bankAccounts.id, bankAccountId), isNull(bankAccounts.removedAt)))
      .returning({ iban: bankAccounts.iban })
      .get();
    if (!removed) return { ok: false, formError: "Ces références bancaires ont déjà été retirées." };
    recordAudit(
      tx,
      {
        action: "bank_account.removed",
        actorUserId: actor.userId,
        targetType: "structure",
        targetId: account!.structureId,
        ip: meta.ip,
        details: { bankAccountId, iban: maskIban(removed.iban) },
      },
      now,
    );
    return { ok: true, data: undefined, message: `Les références bancaires ${formatIban(removed.iban)} sont retirées.` };
  });
}
