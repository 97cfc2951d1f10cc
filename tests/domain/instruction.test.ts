import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, outbox, refundLines, refundMessages, refundRequests, refundStatusEvents, users } from "@/db/schema";
import { can } from "@/lib/access";
import { REQUEST_ACCEPTED_ACTION } from "@/lib/access/agents";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { answerComplement, askComplement } from "@/lib/instruction/complement";
import { complementsAsked, farmThread } from "@/lib/instruction/farm-view";
import { acceptRequest, rejectRequest } from "@/lib/instruction/decision";
import { requestDocument, requestFile } from "@/lib/instruction/request-file";
import { acceptSchema } from "@/lib/instruction/schemas";
import { takeCharge } from "@/lib/instruction/take-charge";
import { lineAmountCents } from "@/lib/refunds/amounts";
import { transmitRequest } from "@/lib/refunds/transmission";
import { META, activeUser, mailsTo } from "../support/accounts";
import { agentWith } from "../support/agents";
import { T0, instructionWorld } from "../support/instruction";
import { giveMandate } from "@/lib/mandates/mandates";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { attachedMember, managerWithStructure } from "../support/structures";

const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const requestRow = (id: number) => getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()!;
const linesOf = (id: number) => getDb().select().from(refundLines).where(eq(refundLines.requestId, id)).orderBy(refundLines.id).all();
const auditOf = (id: number, action: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "refund_request"), eq(auditEvents.targetId, String(id)), eq(auditEvents.action, action)))
    .all();
const managerEmail = (world: { actor: { userId: number } }) =>
  getDb().select({ e: users.contactEmail }).from(users).where(eq(users.id, world.actor.userId)).get()!.e;

describe("« Prendre en charge »", () => {
  it("moves the request to « En instruction » with the agent, audited, the farm mailed without the agent's name", async () => {
    const { world, requestId, instructor } = await instructionWorld();
    const before = mailsTo(managerEmail(world)).length;
    expect(takeCharge(instructor, { requestId }, META, later(1))).toMatchObject({ ok: true });
    expect(requestRow(requestId)).toMatchObject({ status: "processing", instructorAgentId: instructor.agentId });
    const event = getDb()
      .select()
      .from(refundStatusEvents)
      .where(and(eq(refundStatusEvents.requestId, requestId), eq(refundStatusEvents.status, "processing")))
      .get();
    expect(event).toMatchObject({ actorAgentId: instructor.agentId, actorUserId: null });
    expect(auditOf(requestId, "refund.taken_in_charge")).toEqual([expect.objectContaining({ actorAgentId: instructor.agentId })]);
    const mails = mailsTo(managerEmail(world));
    expect(mails.length).toBe(before + 1);
    const mail = mails[0]!;
    expect(mail.subject).toContain("En instruction");
    expect(mail.props).toContain("DDFiP de la Haute-Garonne");
    expect(mail.props).not.toContain(instructor.lastName);
  });

  it("lets a colleague take it over, traced, and refuses a double take-over by the same agent", async () => {
    const { requestId, instructor, colleague } = await instructionWorld();
    takeCharge(instructor, { requestId }, META, later(1));
    expect(takeCharge(instructor, { requestId }, META, later(2))).toMatchObject({
      ok: false,
      formError: "Vous suivez déjà cette demande.",
    });
    expect(takeCharge(colleague, { requestId }, META, later(3))).toMatchObject({ ok: true });
    expect(requestRow(requestId)).toMatchObject({ status: "processing", instructorAgentId: colleague.agentId });
    const over = auditOf(requestId, "refund.taken_over");
    expect(over).toHaveLength(1);
    expect(JSON.parse(over[0]!.details!)).toMatchObject({ previousInstructorAgentId: instructor.agentId });
  });

  it("refuses an agent of another département, an involved agent, and a decided request", async () => {
    const { world, requestId, instructor, elsewhere, admin } = await instructionWorld();
    expect(takeCharge(elsewhere, { requestId }, META, later(1))).toMatchObject({
      ok: false,
      formError: expect.stringContaining("pas le droit"),
    });
    // An agent whose address is that of a member of the farm never instructs it.
    const involved = await agentWith(admin, ["instructor"], ["31"]);
    const member = await attachedMember(world.actor, world.structureId);
    getDb().update(users).set({ contactEmail: involved.email }).where(eq(users.id, member.user.id)).run();
    expect(can(involved, "request.instruct", { requestId })).toBe(false);
    expect(takeCharge(involved, { requestId }, META, later(1))).toMatchObject({ ok: false });
    takeCharge(instructor, { requestId }, META, later(2));
    acceptRequest(instructor, { requestId, mode: "whole" }, META, later(3));
    const colleague = await agentWith(admin, ["instructor"], ["31"]);
    expect(takeCharge(colleague, { requestId }, META, later(4))).toMatchObject({
      ok: false,
      formError: expect.stringContaining("Accordée"),
    });
    expect(requestRow(requestId).instructorAgentId).toBe(instructor.agentId);
  });
  it("refuses an agent whose address is that of a member of the structure holding the farm's mandate", async () => {
    const { world, requestId, admin, instructor } = await instructionWorld();
    const centre = await managerWithStructure(SAMPLE_FIXTURES.managementCentre.siret, true);
    const mandate = { farmStructureId: world.structureId, agentSiret: SAMPLE_FIXTURES.managementCentre.siret, endDate: null };
    expect(giveMandate(world.actor, { ...mandate, rights: "modification", canTransmit: true }, META, later(0))).toMatchObject({ ok: true });
    const involved = await agentWith(admin, ["instructor"], ["31"]);
    expect(can(involved, "request.instruct", { requestId })).toBe(true);
    getDb().update(users).set({ contactEmail: involved.email.toUpperCase() }).where(eq(users.id, centre.user.id)).run();
    expect(can(involved, "request.instruct", { requestId })).toBe(false);
    expect(can(instructor, "request.instruct", { requestId })).toBe(true);
  });
});

describe("« Demander un complément », the farm's answer and « Confirmer et transmettre de nouveau »", () => {
  it("writes the message with its lines, « À compléter », mails; the farm answers and re-transmits back to the same instructor", async () => {
    const { world, requestId, instructor, colleague } = await instructionWorld();
    const [fa1] = linesOf(requestId);
    expect(askComplement(instructor, { requestId, body: "Joignez la facture lisible.", lineIds: [fa1!.id] }, META, later(1))).toMatchObject(
      { ok: false, formError: expect.stringContaining("Prenez d'abord") },
    );
    takeCharge(instructor, { requestId }, META, later(1));
    expect(askComplement(colleague, { requestId, body: "x", lineIds: [] }, META, later(2))).toMatchObject({ ok: false });
    expect(askComplement(instructor, { requestId, body: "Joignez la facture lisible.", lineIds: [999_999] }, META, later(2))).toMatchObject(
      { ok: false, fieldErrors: { lineIds: expect.any(String) } },
    );
    expect(askComplement(instructor, { requestId, body: "Joignez la facture lisible.", lineIds: [fa1!.id] }, META, later(2))).toMatchObject(
      { ok: true },
    );
    expect(requestRow(requestId).status).toBe("incomplete");
    const mail = mailsTo(managerEmail(world))[0]!;
    expect(mail.subject).toContain("À compléter");
    expect(mail.props).toContain("Joignez la facture lisible.");
    expect(auditOf(requestId, "refund.complement_asked")).toHaveLength(1);
    expect(complementsAsked(world.structureId)).toEqual([
      expect.objectContaining({ requestId, message: expect.objectContaining({ body: "Joignez la facture lisible." }) }),
    ]);

    expect(answerComplement(world.actor, { requestId, body: "Voici la facture." }, META, later(3))).toMatchObject({ ok: true });
    const messages = getDb().select().from(refundMessages).where(eq(refundMessages.requestId, requestId)).all();
    expect(messages.map((m) => [m.authorAgentId, m.authorUserId, m.body])).toEqual([
      [instructor.agentId, null, "Joignez la facture lisible."],
      [null, world.actor.userId, "Voici la facture."],
    ]);
    expect(await transmitRequest(world.actor, requestId, META, later(4))).toMatchObject({ ok: true });
    expect(requestRow(requestId)).toMatchObject({ status: "processing", instructorAgentId: instructor.agentId, transmittedAt: later(4) });
    expect(answerComplement(world.actor, { requestId, body: "encore" }, META, later(5))).toMatchObject({ ok: false });
    // The farm reads the service, never the agent's name.
    const thread = farmThread(requestId);
    expect(thread.messages.map((m) => m.author)).toEqual(["DDFiP de la Haute-Garonne", `${world.actor.firstName} ${world.actor.lastName}`]);
    expect(JSON.stringify(thread)).not.toContain(instructor.lastName);
  });

  it("refuses an answer from someone outside the farm", async () => {
    const { requestId, instructor } = await instructionWorld();
    takeCharge(instructor, { requestId }, META, later(1));
    askComplement(instructor, { requestId, body: "Précisez.", lineIds: [] }, META, later(2));
    const { actorFor } = await import("../support/accounts");
    const outsider = await actorFor(await activeUser());
    expect(answerComplement(outsider, { requestId, body: "pirate" }, META, later(3))).toMatchObject({ ok: false });
  });
});

describe("« Accepter » and « Rejeter »", () => {
  it("accepts the whole request: every line as asked, « Accordée », the audit the payment side reads", async () => {
    const { world, requestId, instructor } = await instructionWorld();
    takeCharge(instructor, { requestId }, META, later(1));
    expect(acceptRequest(instructor, { requestId, mode: "whole" }, META, later(2))).toMatchObject({ ok: true });
    const lines = linesOf(requestId);
    const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
    expect(requestRow(requestId)).toMatchObject({
      status: "accepted",
      acceptedCents: total,
      decidedAt: later(2),
      decidedByAgentId: instructor.agentId,
    });
    expect(
      lines.every((l) => l.acceptedVolumeMilli === l.volumeMilli && l.acceptedAmountCents === l.amountCents && l.reductionMotive === null),
    ).toBe(true);
    expect(auditOf(requestId, REQUEST_ACCEPTED_ACTION)).toEqual([expect.objectContaining({ actorAgentId: instructor.agentId })]);
    expect(mailsTo(managerEmail(world))[0]!.subject).toContain("Accordée");
  });

  it("accepts line by line: a reduced line needs its motive; its amount is the accepted volume at the line's rate", async () => {
    const { world, requestId, instructor } = await instructionWorld();
    takeCharge(instructor, { requestId }, META, later(1));
    const [fa1, fa2] = linesOf(requestId);
    const noMotive = parseForm(acceptSchema, {
      requestId: String(requestId),
      mode: "lines",
      [`volume-${fa1!.id}`]: "80,5",
      [`motif-${fa1!.id}`]: "",
      [`volume-${fa2!.id}`]: "50",
    });
    expect(noMotive.ok).toBe(true);
    if (!noMotive.ok) return;
    expect(acceptRequest(instructor, noMotive.data, META, later(2))).toEqual({
      ok: false,
      fieldErrors: { [`motif-${fa1!.id}`]: "Donnez le motif de la réduction de cette ligne." },
    });
    expect(
      acceptRequest(
        instructor,
        { requestId, mode: "lines", lines: [{ lineId: fa1!.id, acceptedVolumeMilli: 200_000, motive: "" }] },
        META,
        later(2),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { [`volume-${fa1!.id}`]: expect.any(String) } });
    expect(requestRow(requestId).status).toBe("processing");
    const parsed = parseForm(acceptSchema, {
      requestId: String(requestId),
      mode: "lines",
      [`volume-${fa1!.id}`]: "80,5",
      [`motif-${fa1!.id}`]: "Facture du 15/03 : 80,5 hl livrés",
      [`volume-${fa2!.id}`]: "50",
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    expect(acceptRequest(instructor, parsed.data, META, later(3))).toMatchObject({ ok: true });
    const [a, b] = linesOf(requestId);
    expect(a).toMatchObject({
      acceptedVolumeMilli: 80_500,
      acceptedAmountCents: lineAmountCents(80_500, fa1!.rateMilliEuros),
      reductionMotive: "Facture du 15/03 : 80,5 hl livrés",
    });
    expect(b).toMatchObject({ acceptedVolumeMilli: 50_000, acceptedAmountCents: fa2!.amountCents, reductionMotive: null });
    expect(requestRow(requestId).acceptedCents).toBe(a!.acceptedAmountCents! + b!.acceptedAmountCents!);
    const mail = mailsTo(managerEmail(world))[0]!;
    expect(mail.props).toContain("Facture du 15/03 : 80,5 hl livrés");
  });

  it("rejects with a motive from the list and a text; only the instructor in charge", async () => {
    const { world, requestId, instructor, colleague } = await instructionWorld();
    expect(rejectRequest(instructor, { requestId, reason: "late", text: "Hors délai." }, META, later(1))).toMatchObject({ ok: false });
    takeCharge(instructor, { requestId }, META, later(1));
    expect(rejectRequest(colleague, { requestId, reason: "late", text: "x" }, META, later(2))).toMatchObject({ ok: false });
    expect(rejectRequest(instructor, { requestId, reason: "ineligible", text: "Activité non agricole." }, META, later(2))).toMatchObject({
      ok: true,
    });
    expect(requestRow(requestId)).toMatchObject({
      status: "rejected",
      rejectionReason: "ineligible",
      decidedByAgentId: instructor.agentId,
    });
    const event = getDb()
      .select()
      .from(refundStatusEvents)
      .where(and(eq(refundStatusEvents.requestId, requestId), eq(refundStatusEvents.status, "rejected")))
      .get();
    expect(event?.motif).toBe("Non éligible : Activité non agricole.");
    expect(mailsTo(managerEmail(world))[0]!.subject).toContain("Rejetée");
    expect(acceptRequest(instructor, { requestId, mode: "whole" }, META, later(3))).toMatchObject({ ok: false });
  });

  it("keeps a digest chooser's mail for the digest", async () => {
    const { world, requestId, instructor } = await instructionWorld();
    const { setDailyDigest } = await import("@/lib/mail/digest");
    setDailyDigest(world.actor, { dailyDigest: true }, META, later(0));
    const before = getDb()
      .select()
      .from(outbox)
      .where(eq(outbox.to, managerEmail(world)))
      .all().length;
    takeCharge(instructor, { requestId }, META, later(1));
    expect(
      getDb()
        .select()
        .from(outbox)
        .where(eq(outbox.to, managerEmail(world)))
        .all().length,
    ).toBe(before);
    const waiting = getDb()
      .$client.prepare("SELECT text FROM digest_items WHERE user_id = ? AND sent_at IS NULL")
      .all(world.actor.userId) as { text: string }[];
    expect(waiting.map((w) => w.text).join(" ")).toContain("En instruction");
  });
});

describe("the request file and its documents", () => {
  it("is the instructor's only: the file, the RIB and invoices of that request; nothing of another", async () => {
    const { world, requestId, instructor, elsewhere } = await instructionWorld();
    expect(requestFile(elsewhere, requestId)).toBeNull();
    const file = requestFile(instructor, requestId)!;
    expect(file.lines).toHaveLength(2);
    expect(file.structure.departement).toBe("31");
    const invoiceId = file.lines[0]!.invoiceFileId!;
    expect(requestDocument(instructor, requestId, invoiceId)?.mediaType).toBe("image/png");
    expect(requestDocument(instructor, requestId, file.bankAccount!.ribFileId)?.mediaType).toBe("application/pdf");
    expect(requestDocument(elsewhere, requestId, invoiceId)).toBeNull();
    expect(requestDocument(instructor, requestId, 999_999)).toBeNull();
    // A file of the farm that is not this request's (an invoice of a draft) is not served through it.
    const { refundDraft } = await import("../support/refund-farm");
    const { addLines } = await import("../support/instruction");
    const draftId = refundDraft(world, 2024, T0);
    addLines(world.actor, draftId, [{ invoiceNumber: "D-1", volume: "10", deliveryDate: "2024-03-01" }]);
    const draftInvoice = linesOf(draftId)[0]!.invoiceFileId!;
    expect(requestDocument(instructor, requestId, draftInvoice)).toBeNull();
  });
});
