import { beforeEach, describe, expect, it } from "vitest";
import { parisToday } from "@/lib/dates";
import { pendingDecisionCounts } from "@/lib/manager-decisions";
import { createStructure } from "@/lib/structures/create-structure";
import { decideAttachments, requestAttachment } from "@/lib/structures/attachments";
import { requestSubscription } from "@/lib/subscriptions/subscriptions";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor } from "../support/accounts";
import { importSample } from "../support/directory";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

async function someone() {
  return actorFor(await activeUser());
}

describe("pendingDecisionCounts", () => {
  it("is zero for someone who manages nothing", async () => {
    expect(pendingDecisionCounts((await someone()).userId)).toEqual({ attachments: 0, subscriptions: 0, mandates: 0, total: 0 });
  });

  it("counts the pending attachment and subscription requests of every structure the person manages, and only those", async () => {
    const manager = await managerWithStructure(SAMPLE_FIXTURES.gaec.siret);
    const second = await createStructure(manager.actor, { siret: SAMPLE_FIXTURES.cuma.siret, rcs: null, isManagementCentre: false }, META);
    if (!second.ok) throw new Error(JSON.stringify(second));
    const spaceId = openTicSpace(manager.actor, manager.structureId);

    // Two pending attachments (one per structure), one refused: not counted.
    expect(requestAttachment(await someone(), manager.structureId, META).ok).toBe(true);
    expect(requestAttachment(await someone(), second.data.structureId, META).ok).toBe(true);
    const refused = requestAttachment(await someone(), manager.structureId, META);
    if (!refused.ok) throw new Error(JSON.stringify(refused));
    decideAttachments(manager.actor, { ids: [refused.data.attachmentId], decision: "refuse", reason: null }, META);

    // One pending subscription from a member.
    const member = await attachedMember(manager.actor, manager.structureId);
    const asked = requestSubscription(
      member.actor,
      { structureId: manager.structureId, spaceId, canView: true, canEdit: false, startDate: parisToday() },
      META,
    );
    expect(asked.ok).toBe(true);

    // Another manager's pending request is theirs, not this manager's.
    const other = await managerWithStructure(SAMPLE_FIXTURES.individual.siret);
    expect(requestAttachment(await someone(), other.structureId, META).ok).toBe(true);

    expect(pendingDecisionCounts(manager.actor.userId)).toEqual({ attachments: 2, subscriptions: 1, mandates: 0, total: 3 });
    expect(pendingDecisionCounts(other.actor.userId)).toEqual({ attachments: 1, subscriptions: 0, mandates: 0, total: 1 });
    expect(pendingDecisionCounts(member.actor.userId).total).toBe(0);
  });
});
