import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { attachments, auditEvents, structures } from "@/db/schema";
import { getDb } from "@/lib/db";
import { cancelAttachmentRequest, decideAttachments, requestAttachment } from "@/lib/structures/attachments";
import { createStructure } from "@/lib/structures/create-structure";
import { activeServices, currentStructure, pendingAttachmentRequests, serviceCodes } from "@/lib/structures/queries";
import { addService, setServiceActive } from "@/lib/spaces/services";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { managerWithStructure } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

describe("creating a structure", () => {
  it("takes its data from the directory and makes the creator its attached main manager, in one go", async () => {
    const { user, actor, structureId } = await managerWithStructure();
    const structure = getDb().select().from(structures).where(eq(structures.id, structureId)).get()!;
    expect(structure).toMatchObject({
      siret: SAMPLE_FIXTURES.gaec.siret,
      name: "GAEC DU MOULIN",
      city: "MONTGISCARD",
      nafCode: "01.41Z",
      legalCategory: "6533",
      mainManagerId: user.id,
      status: "active",
    });
    expect(getDb().select().from(attachments).where(eq(attachments.structureId, structureId)).all()).toMatchObject([
      { userId: user.id, status: "approved" },
    ]);
    expect(currentStructure(actor.userId).current?.id).toBe(structureId);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "structure.created")).all()).toHaveLength(1);
  });

  it("refuses a closed or unknown SIRET, and one already on the portal", async () => {
    const actor = await actorFor(await activeUser());
    const closed = await createStructure(actor, { siret: SAMPLE_FIXTURES.closed.siret, rcs: null, isManagementCentre: false }, META);
    expect(closed).toMatchObject({ ok: false, fieldErrors: { siret: expect.stringMatching(/établissement est fermé/) } });
    const unknown = await createStructure(actor, { siret: "73282932000082", rcs: null, isManagementCentre: false }, META);
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { siret: expect.stringMatching(/inconnu de la base INSEE/) } });
    await managerWithStructure(SAMPLE_FIXTURES.cuma.siret);
    const again = await createStructure(actor, { siret: SAMPLE_FIXTURES.cuma.siret, rcs: null, isManagementCentre: false }, META);
    expect(again).toMatchObject({ ok: false, fieldErrors: { siret: expect.stringMatching(/déjà inscrite/) } });
    expect(getDb().select().from(structures).all()).toHaveLength(1);
  });

  it("ends with one structure when two people create the same SIRET at once", async () => {
    const [a, b] = [await actorFor(await activeUser()), await actorFor(await activeUser())];
    const input = { siret: SAMPLE_FIXTURES.earlDemo.siret, rcs: null, isManagementCentre: false };
    const results = await Promise.all([createStructure(a, input, META), createStructure(b, input, META)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/vient d'être inscrite par .*Demandez-y votre rattachement/),
    });
    expect(getDb().select().from(structures).all()).toHaveLength(1);
    expect(getDb().select().from(attachments).all()).toHaveLength(1);
  });
});

describe("attachment requests", () => {
  it("sends one pending request to the main manager, who approves it; the requester is told by mail", async () => {
    const { user: manager, actor: managerActor, structureId } = await managerWithStructure();
    const requesterUser = await activeUser();
    const requester = await actorFor(requesterUser);

    const requested = requestAttachment(requester, structureId, META);
    expect(requested).toMatchObject({ ok: true, message: "Votre demande est envoyée au gestionnaire principal de la structure." });
    expect(mailsTo(manager.contactEmail)[0]?.template).toBe("attachment-requested");
    expect(requestAttachment(requester, structureId, META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/déjà une demande/),
    });
    expect(pendingAttachmentRequests(manager.id)).toHaveLength(1);

    const id = requested.ok ? requested.data.attachmentId : 0;
    expect(decideAttachments(managerActor, { ids: [id], decision: "approve", reason: null }, META)).toMatchObject({
      ok: true,
      data: { decided: 1, alreadyDone: 0 },
    });
    expect(currentStructure(requester.userId).current?.id).toBe(structureId);
    const mail = mailsTo(requesterUser.contactEmail)[0]!;
    expect(mail.template).toBe("attachment-decided");
    expect(JSON.parse(mail.props!)).toMatchObject({ approved: true, structureName: "GAEC DU MOULIN" });
    expect(requestAttachment(requester, structureId, META)).toMatchObject({
      ok: false,
      formError: "Votre compte est déjà rattaché à cette structure.",
    });
  });

  it("refuses in bulk with a reason, and a second decision changes nothing", async () => {
    const { actor: managerActor, structureId } = await managerWithStructure();
    const ids: number[] = [];
    const emails: string[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await activeUser();
      emails.push(user.contactEmail);
      const result = requestAttachment(await actorFor(user), structureId, META);
      if (result.ok) ids.push(result.data.attachmentId);
    }
    const refused = decideAttachments(managerActor, { ids, decision: "refuse", reason: "Personne inconnue de l'exploitation" }, META);
    expect(refused).toMatchObject({ ok: true, data: { decided: 3, alreadyDone: 0 }, message: "3 demandes refusées." });
    for (const email of emails)
      expect(JSON.parse(mailsTo(email)[0]!.props!)).toMatchObject({ approved: false, reason: "Personne inconnue de l'exploitation" });

    // The same click again (double submit, or a second tab): nothing more happens.
    const again = decideAttachments(managerActor, { ids, decision: "approve", reason: null }, META);
    expect(again).toMatchObject({ ok: true, data: { decided: 0, alreadyDone: 3 } });
    expect(
      getDb()
        .select()
        .from(attachments)
        .where(and(eq(attachments.structureId, structureId), eq(attachments.status, "approved")))
        .all(),
    ).toHaveLength(1);
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "attachment.refused")).all()).toHaveLength(3);
  });

  it("decides each request exactly once when two decisions race", async () => {
    const { actor: managerActor, structureId } = await managerWithStructure();
    const result = requestAttachment(await actorFor(await activeUser()), structureId, META);
    const id = result.ok ? result.data.attachmentId : 0;
    const [first, second] = await Promise.all([
      Promise.resolve().then(() => decideAttachments(managerActor, { ids: [id], decision: "approve", reason: null }, META)),
      Promise.resolve().then(() => decideAttachments(managerActor, { ids: [id], decision: "refuse", reason: null }, META)),
    ]);
    expect([first, second].map((r) => r.ok && r.data.decided).sort()).toEqual([0, 1]);
    expect(
      getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetType, "attachment"), eq(auditEvents.targetId, String(id))))
        .all()
        .map((e) => e.action)
        .filter((a) => a !== "attachment.requested"),
    ).toHaveLength(1);
  });

  it("lets the requester cancel a pending request, once", async () => {
    const { structureId } = await managerWithStructure();
    const requester = await actorFor(await activeUser());
    const result = requestAttachment(requester, structureId, META);
    const id = result.ok ? result.data.attachmentId : 0;
    expect(cancelAttachmentRequest(requester, id, META)).toMatchObject({ ok: true });
    expect(cancelAttachmentRequest(requester, id, META)).toMatchObject({ ok: false });
    // A new request is possible after a cancellation.
    expect(requestAttachment(requester, structureId, META).ok).toBe(true);
  });

  it("records the services the requester picked, when the structure has some", async () => {
    const { actor: managerActor, structureId } = await managerWithStructure();
    addService(managerActor, { structureId, code: "CULT", label: "Cultures" }, META);
    addService(managerActor, { structureId, code: "ELEV", label: "Élevage" }, META);
    const [cult, elev] = activeServices(structureId);
    setServiceActive(managerActor, { serviceId: elev!.id, active: false }, META);
    const requester = await actorFor(await activeUser());
    expect(requestAttachment(requester, structureId, META, new Date(), [elev!.id])).toMatchObject({
      ok: false,
      fieldErrors: { serviceIds: expect.any(String) },
    });
    const result = requestAttachment(requester, structureId, META, new Date(), [cult!.id]);
    expect(result.ok).toBe(true);
    const row = getDb()
      .select()
      .from(attachments)
      .where(eq(attachments.id, result.ok ? result.data.attachmentId : 0))
      .get()!;
    expect(serviceCodes(row.serviceIds)).toBe("CULT");
  });
});
