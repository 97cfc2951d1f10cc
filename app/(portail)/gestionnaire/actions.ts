"use server";

import { actorFormAction, redirectWithNotice } from "@/lib/actions";
import { addBankAccount, makeDefaultBankAccount, removeBankAccount } from "@/lib/refunds/bank-accounts";
import { addBankAccountSchema, bankAccountIdSchema } from "@/lib/refunds/schemas";
import { closeSpace, openSpaces, updateSpace } from "@/lib/spaces/open-spaces";
import {
  addServiceSchema,
  closeSpaceSchema,
  openSpacesSchema,
  renameServiceSchema,
  toggleServiceSchema,
  updateSpaceSchema,
} from "@/lib/spaces/schemas";
import { addService, renameService, setServiceActive } from "@/lib/spaces/services";
import { decideAttachments } from "@/lib/structures/attachments";
import { detachMember, handOverMainManager } from "@/lib/structures/members";
import { decideSchema, handOverSchema, memberSchema, selectStructureSchema, verifyStructureSchema } from "@/lib/structures/schemas";
import { requestNewLetter, verifyWithCode } from "@/lib/structures/verification";
import { decideSubscriptions } from "@/lib/subscriptions/subscriptions";

export const decideAttachmentsAction = actorFormAction(decideSchema, [], decideAttachments);
export const decideSubscriptionsAction = actorFormAction(decideSchema, [], decideSubscriptions);
export const openSpacesAction = actorFormAction(openSpacesSchema, [], openSpaces);
export const updateSpaceAction = actorFormAction(updateSpaceSchema, [], updateSpace);
export const closeSpaceAction = actorFormAction(closeSpaceSchema, [], async (actor, input, meta) => {
  const result = closeSpace(actor, input.spaceId, meta);
  return result.ok ? redirectWithNotice("espace-ferme", "/gestionnaire") : result;
});
export const addServiceAction = actorFormAction(addServiceSchema, [], addService);
export const renameServiceAction = actorFormAction(renameServiceSchema, [], renameService);
export const toggleServiceAction = actorFormAction(toggleServiceSchema, [], setServiceActive);
export const detachMemberAction = actorFormAction(memberSchema, [], async (actor, input, meta) => {
  const result = detachMember(actor, input, meta);
  return result.ok ? redirectWithNotice("membre-detache", "/gestionnaire") : result;
});

export const handOverAction = actorFormAction(handOverSchema, [], (actor, input, meta) =>
  handOverMainManager(actor, { structureId: input.structureId, userId: input.userId }, meta),
);

export const addBankAccountAction = actorFormAction(addBankAccountSchema, [], addBankAccount);
export const makeDefaultBankAccountAction = actorFormAction(bankAccountIdSchema, [], (actor, input, meta) =>
  makeDefaultBankAccount(actor, input.bankAccountId, meta),
);
export const removeBankAccountAction = actorFormAction(bankAccountIdSchema, [], async (actor, input, meta) => {
  const result = removeBankAccount(actor, input.bankAccountId, meta);
  return result.ok ? redirectWithNotice("compte-retire", "/gestionnaire") : result;
});

/** « Vérifier la structure »: the code is never echoed back. */
// Both replace the form that showed their result: the page says what was done.
export const verifyStructureAction = actorFormAction(verifyStructureSchema, ["code"], async (actor, input, meta) => {
  const result = verifyWithCode(actor, input, meta);
  return result.ok ? redirectWithNotice("structure-verifiee", "/gestionnaire") : result;
});
export const requestLetterAction = actorFormAction(selectStructureSchema, [], async (actor, input, meta) => {
  const result = await requestNewLetter(actor, input.structureId, meta);
  return result.ok ? redirectWithNotice("courrier-demande", "/gestionnaire") : result;
});
