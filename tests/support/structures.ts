// Structures, members and spaces built through the real services.
import { decideAttachments, requestAttachment } from "@/lib/structures/attachments";
import { createStructure } from "@/lib/structures/create-structure";
import { openSpaces } from "@/lib/spaces/open-spaces";
import type { Actor } from "@/lib/auth/sessions";
import { parisToday } from "@/lib/dates";
import { decideSubscriptions, requestSubscription } from "@/lib/subscriptions/subscriptions";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor } from "./accounts";
import { verifyFromLetter } from "./verification";

/** A new structure and its creator; `verified` types the code of its letter, as the manager would. */
export async function managerWithStructure(
  siret: string = SAMPLE_FIXTURES.gaec.siret,
  isManagementCentre = false,
  options: { verified?: boolean } = {},
) {
  const user = await activeUser();
  const actor = await actorFor(user);
  const created = await createStructure(actor, { siret, rcs: null, isManagementCentre }, META);
  if (!created.ok) throw new Error(JSON.stringify(created));
  if (options.verified) await verifyFromLetter(actor, created.data.structureId);
  return { user, actor, structureId: created.data.structureId };
}

export async function attachedMember(manager: Actor, structureId: number) {
  const user = await activeUser();
  const actor = await actorFor(user);
  const requested = requestAttachment(actor, structureId, META);
  if (!requested.ok) throw new Error(JSON.stringify(requested));
  decideAttachments(manager, { ids: [requested.data.attachmentId], decision: "approve", reason: null }, META);
  return { user, actor };
}

export function openTicSpace(manager: Actor, structureId: number, rights = { canView: true, canEdit: true }) {
  const result = openSpaces(
    manager,
    { structureId, kinds: ["ticRefund"], serviceIds: [], ...rights, pacage: "031123456", beneficiaryCategory: "company" },
    META,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.spaceIds[0]!;
}

/** A member of the structure with an approved subscription to the space, from today. */
export async function subscribedMember(
  manager: Actor,
  structureId: number,
  spaceId: number,
  rights: { canView: boolean; canEdit: boolean },
) {
  const member = await attachedMember(manager, structureId);
  const asked = requestSubscription(member.actor, { structureId, spaceId, ...rights, startDate: parisToday() }, META);
  if (!asked.ok) throw new Error(JSON.stringify(asked));
  decideSubscriptions(manager, { ids: [asked.data.subscriptionId], decision: "approve", reason: null }, META);
  return member;
}
