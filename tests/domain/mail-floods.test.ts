// Issue 22, point 3 (mail floods through mandates and subscriptions) and issue 21, point 12 (a
// centre's daily digest): one mail per pair and kind a day, the rest in the next day's digest.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { digestItems, outbox } from "@/db/schema";
import { getDb } from "@/lib/db";
import { sendDueDigests, setDailyDigest } from "@/lib/mail/digest";
import { renderMail } from "@/lib/mail/templates";
import { askMandate, endMandate, giveMandate } from "@/lib/mandates/mandates";
import { endSubscription, requestSubscription } from "@/lib/subscriptions/subscriptions";
import { parisToday } from "@/lib/dates";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;
const FARM = SAMPLE_FIXTURES.gaec.siret;
const T0 = new Date("2026-12-07T08:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function farmAndCentre() {
  const farm = await managerWithStructure(FARM, false, { verified: true });
  openTicSpace(farm.actor, farm.structureId);
  const centre = await managerWithStructure(CENTRE, true);
  return { farm, centre };
}

const mandateMails = (address: string) => mailsTo(address).filter((m) => m.template === "mandate-changed");
const waiting = (userId: number) =>
  getDb()
    .select()
    .from(digestItems)
    .where(eq(digestItems.userId, userId))
    .all()
    .filter((i) => i.sentAt === null);

describe("mandate loops", () => {
  it("ask/withdraw 10 times: the farm gets one mail of each step, the rest waits for its digest; the loop itself stops at 6 asks a day", async () => {
    const { farm, centre } = await farmAndCentre();
    const outcomes = [];
    for (let loop = 0; loop < 10; loop++) {
      const asked = askMandate(
        centre.actor,
        { agentStructureId: centre.structureId, farmSiret: FARM, rights: "modification", canTransmit: false, endDate: null },
        META,
        at(2 * loop),
      );
      outcomes.push(asked.ok);
      if (asked.ok) expect(endMandate(centre.actor, asked.data.mandateId, META, at(2 * loop + 1))).toMatchObject({ ok: true });
      else expect(asked.formError).toMatch(/^Trop de demandes et de mandats donnés aujourd'hui entre ces deux structures\. Réessayez dans/);
    }
    expect(outcomes.filter(Boolean)).toHaveLength(6);
    // One « asked » mail and one « withdrawn »: one mail per pair and kind a day.
    expect(mandateMails(farm.user.contactEmail).map((m) => m.subject)).toEqual([
      "Demande de mandat retirée : GAEC DU MOULIN – Portail TIC",
      "Demande de mandat : GAEC DU MOULIN – Portail TIC",
    ]);
    expect(waiting(farm.actor.userId)).toHaveLength(10);
    // The limit is the pair's: giving between these two structures waits until tomorrow too.
    const given = giveMandate(
      farm.actor,
      { farmStructureId: farm.structureId, agentSiret: CENTRE, rights: "consultation", canTransmit: false, endDate: null },
      META,
      at(30),
    );
    expect(given).toMatchObject({ ok: false });
  });

  it("give/end loops by the farm are limited the same way; the next morning one digest lists every step, with its links", async () => {
    const { farm, centre } = await farmAndCentre();
    for (let loop = 0; loop < 3; loop++) {
      const given = giveMandate(
        farm.actor,
        { farmStructureId: farm.structureId, agentSiret: CENTRE, rights: "modification", canTransmit: false, endDate: null },
        META,
        at(2 * loop),
      );
      if (!given.ok) throw new Error(JSON.stringify(given));
      expect(endMandate(farm.actor, given.data.mandateId, META, at(2 * loop + 1))).toMatchObject({ ok: true });
    }
    expect(mandateMails(centre.user.contactEmail)).toHaveLength(2);
    expect(sendDueDigests(at(60))).toBe(0);
    // After midnight (Paris): one digest to each side.
    const nextMorning = new Date("2026-12-08T06:00:00Z");
    expect(sendDueDigests(nextMorning)).toBe(2);
    expect(sendDueDigests(nextMorning)).toBe(0);
    const digest = mailsTo(centre.user.contactEmail).find((m) => m.template === "daily-digest")!;
    expect(digest.subject).toBe("Récapitulatif du 7 décembre 2026 : 4 démarches – Portail TIC");
    const { text } = await renderMail("daily-digest", JSON.parse(digest.props!));
    expect(text).toContain("a mis fin au mandat de CENTRE DE GESTION AGRICOLE DU GERS");
    expect(text).toMatch(/\/mandats\/\d+/);
    expect(waiting(centre.actor.userId)).toEqual([]);
  });
});

describe("subscriptions", () => {
  it("request/cancel loops: the manager gets one mail a day per requester and space, and a member asks 4 times a day at most", async () => {
    const farm = await managerWithStructure(FARM);
    const spaceId = openTicSpace(farm.actor, farm.structureId);
    const member = await attachedMember(farm.actor, farm.structureId);
    const answers = [];
    for (let loop = 0; loop < 6; loop++) {
      const asked = requestSubscription(
        member.actor,
        { structureId: farm.structureId, spaceId, canView: true, canEdit: false, startDate: parisToday(at(loop)) },
        META,
        at(loop),
      );
      answers.push(asked.ok ? "ok" : asked.formError);
      if (asked.ok) endSubscription(member.actor, asked.data.subscriptionId, META, at(loop));
    }
    expect(answers.filter((a) => a === "ok")).toHaveLength(4);
    expect(answers[4]).toMatch(/^Vous avez déjà demandé 4 fois aujourd'hui un abonnement à cet espace\./);
    expect(mailsTo(farm.user.contactEmail).filter((m) => m.template === "subscription-requested")).toHaveLength(1);
    expect(waiting(farm.actor.userId)).toHaveLength(3);
  });
});

describe("a centre's daily digest (issue 21, point 12)", () => {
  it("chosen on « Mon compte »: every step on its farms goes to one mail the next morning, none at once; then back to a mail per step", async () => {
    const { farm, centre } = await farmAndCentre();
    expect(setDailyDigest(centre.actor, { dailyDigest: true }, META)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/un seul courriel par jour/),
    });
    const given = giveMandate(
      farm.actor,
      { farmStructureId: farm.structureId, agentSiret: CENTRE, rights: "modification", canTransmit: true, endDate: null },
      META,
      at(0),
    );
    if (!given.ok) throw new Error(JSON.stringify(given));
    expect(mandateMails(centre.user.contactEmail)).toEqual([]);
    expect(mandateMails(farm.user.contactEmail)).toHaveLength(1);
    expect(waiting(centre.actor.userId).map((i) => i.kind)).toEqual(["mandate-changed"]);
    sendDueDigests(new Date("2026-12-08T06:00:00Z"));
    const digest = mailsTo(centre.user.contactEmail).find((m) => m.template === "daily-digest")!;
    const { text } = await renderMail("daily-digest", JSON.parse(digest.props!));
    expect(text).toContain("comme vous l'avez choisi");
    expect(text).toContain("a donné à CENTRE DE GESTION AGRICOLE DU GERS un mandat");

    setDailyDigest(centre.actor, { dailyDigest: false }, META);
    endMandate(farm.actor, given.data.mandateId, META, new Date("2026-12-08T09:00:00Z"));
    expect(mandateMails(centre.user.contactEmail)).toHaveLength(1);
    expect(getDb().select().from(outbox).where(eq(outbox.template, "daily-digest")).all()).toHaveLength(1);
  });
});
