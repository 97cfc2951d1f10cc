import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  attachments,
  auditEvents,
  bankAccounts,
  outbox,
  refundRequests,
  structureContests,
  structures,
  verificationLetters,
} from "@/db/schema";
import { AccessDenied } from "@/lib/access";
import { getDb } from "@/lib/db";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { createRequest } from "@/lib/refunds/requests";
import { transmissionProblems, transmitRequest } from "@/lib/refunds/transmission";
import { requestDetail } from "@/lib/refunds/queries";
import { contestManagement } from "@/lib/structures/contests";
import {
  markLetterSent,
  pendingContests,
  pendingLetters,
  recordLettersExported,
  resolveContest,
  verifyByOperator,
} from "@/lib/structures/operator";
import { UNVERIFIED_PROBLEM, VERIFICATION, requestNewLetter, verificationState, verifyWithCode } from "@/lib/structures/verification";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor, mailsTo } from "../support/accounts";
import { importSample } from "../support/directory";
import { PNG_FILE } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";
import { CODE_PATTERN, newestLetter } from "../support/verification";

beforeEach(async () => {
  await importSample();
});

const DAY = 24 * 60 * 60 * 1000;
const structureRow = (id: number) => getDb().select().from(structures).where(eq(structures.id, id)).get()!;
const audits = (action: string) => getDb().select().from(auditEvents).where(eq(auditEvents.action, action)).all();
/** A code of the right shape that the letter does not show. */
const wrongCode = (code: string) => (code.startsWith("A") ? `B${code.slice(1)}` : `A${code.slice(1)}`);

describe("creating a structure", () => {
  it("leaves it unverified, with a letter to the SIRENE address queued for the operator (only the code's hash kept)", async () => {
    const { actor, structureId } = await managerWithStructure();
    expect(structureRow(structureId)).toMatchObject({ verificationStatus: "unverified", verifiedAt: null });
    const queued = pendingLetters();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ structureId, siret: SAMPLE_FIXTURES.gaec.siret });
    const letter = await newestLetter(structureId);
    expect(letter.text).toContain("GAEC DU MOULIN");
    expect(letter.text).toContain("MONTGISCARD");
    expect(letter.text).toContain(`${actor.firstName} ${actor.lastName} a inscrit votre établissement`);
    expect(letter.text).toContain("Contester la gestion");
    const row = getDb().select().from(verificationLetters).where(eq(verificationLetters.id, letter.id)).get()!;
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify({ ...row, pdf: null })).not.toContain(letter.code.replace(/-/g, ""));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(VERIFICATION.codeValidityDays * DAY);
    expect(verificationState(structureId)).toMatchObject({
      status: "unverified",
      letter: { attemptsLeft: 5, sentAt: null },
      canRequestLetter: true,
    });
  });
});

describe("entering the code", () => {
  it("verifies the structure with the right code, once; the code works in lower case and without dashes", async () => {
    const { actor, structureId } = await managerWithStructure();
    const { code } = await newestLetter(structureId);
    const typed = code.replace(/-/g, " ").toLowerCase();
    expect(verifyWithCode(actor, { structureId, code: typed }, META)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/est vérifiée/),
    });
    expect(structureRow(structureId).verificationStatus).toBe("verified");
    expect(audits("structure.verified")).toMatchObject([
      { actorUserId: actor.userId, targetId: String(structureId), details: expect.stringContaining("postal-code") },
    ]);
    expect(verificationState(structureId)).toMatchObject({ status: "verified", letter: null, canRequestLetter: false });
    // Single use: the letter is spent even if the structure became unverified again.
    getDb().update(structures).set({ verificationStatus: "unverified" }).where(eq(structures.id, structureId)).run();
    expect(verifyWithCode(actor, { structureId, code }, META)).toMatchObject({ ok: false, formError: expect.stringMatching(/Aucun code/) });
  });

  it("counts wrong codes: five entries per letter, then the letter is spent, even for the right code", async () => {
    const { actor, structureId } = await managerWithStructure();
    const { code } = await newestLetter(structureId);
    for (let left = 4; left >= 0; left--) {
      const result = verifyWithCode(actor, { structureId, code: wrongCode(code) }, META);
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: {
          code:
            left > 0
              ? `Ce code n'est pas le bon. Il vous reste ${left} essai${left > 1 ? "s" : ""}.`
              : expect.stringMatching(/dernier essai/),
        },
      });
    }
    expect(verifyWithCode(actor, { structureId, code }, META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/trop d'essais erronés/),
    });
    expect(structureRow(structureId).verificationStatus).toBe("unverified");
    expect(audits("structure.verification_failed")).toHaveLength(5);
    expect(verificationState(structureId)).toMatchObject({ letter: null, lastLetterEnded: "spent", canRequestLetter: true });
  });

  it("limits entries per person and per hour, whatever the structure", async () => {
    const { actor, structureId } = await managerWithStructure();
    const now = new Date();
    for (let i = 0; i < VERIFICATION.entriesPerUserPerHour; i++) verifyWithCode(actor, { structureId, code: "AAAA-AAAA-AAAA" }, META, now);
    expect(verifyWithCode(actor, { structureId, code: "AAAA-AAAA-AAAA" }, META, now)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Trop d'essais/),
    });
  });

  it("refuses an expired code", async () => {
    const { actor, structureId } = await managerWithStructure();
    const { code } = await newestLetter(structureId);
    const later = new Date(Date.now() + VERIFICATION.codeValidityDays * DAY + 1000);
    expect(verifyWithCode(actor, { structureId, code }, META, later)).toMatchObject({
      ok: false,
      formError: "Ce code a expiré : demandez un nouveau courrier.",
    });
    expect(structureRow(structureId).verificationStatus).toBe("unverified");
    expect(verificationState(structureId, later)).toMatchObject({ letter: null, lastLetterEnded: "expired" });
  });

  it("is for the gestionnaire principal only", async () => {
    const { actor, structureId } = await managerWithStructure();
    const member = await attachedMember(actor, structureId);
    const stranger = await actorFor(await activeUser());
    const { code } = await newestLetter(structureId);
    expect(() => verifyWithCode(member.actor, { structureId, code }, META)).toThrow(AccessDenied);
    expect(() => verifyWithCode(stranger, { structureId, code }, META)).toThrow(AccessDenied);
    await expect(requestNewLetter(member.actor, structureId, META)).rejects.toThrow(AccessDenied);
    expect(structureRow(structureId).verificationStatus).toBe("unverified");
    expect(
      getDb()
        .select()
        .from(verificationLetters)
        .where(eq(verificationLetters.id, (await newestLetter(structureId)).id))
        .get()!.attempts,
    ).toBe(0);
  });

  it("sends a new letter on request, which replaces the previous code; three letters per period at most", async () => {
    const { actor, structureId } = await managerWithStructure();
    const first = await newestLetter(structureId);
    expect(await requestNewLetter(actor, structureId, META)).toMatchObject({ ok: true });
    const second = await newestLetter(structureId);
    expect(second.code).not.toBe(first.code);
    expect(verifyWithCode(actor, { structureId, code: first.code }, META)).toMatchObject({
      ok: false,
      fieldErrors: { code: expect.stringMatching(/n'est pas le bon/) },
    });
    expect(await requestNewLetter(actor, structureId, META)).toMatchObject({ ok: true });
    expect(await requestNewLetter(actor, structureId, META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/3 courriers ont déjà été demandés/),
    });
    expect(verificationState(structureId).canRequestLetter).toBe(false);
    expect(pendingLetters().map((l) => l.structureId)).toEqual([structureId]);
  });
});

describe("transmission", () => {
  it("is refused while the structure is unverified, and the list of what is missing says so", async () => {
    const { actor, structureId } = await managerWithStructure();
    openTicSpace(actor, structureId);
    const account = addBankAccount(
      actor,
      { structureId, holder: "GAEC", iban: "FR7630006000011234567890189", bic: "AGRIFRPPXXX", makeDefault: true, rib: PNG_FILE },
      META,
    );
    if (!account.ok) throw new Error("bank account");
    const created = createRequest(
      actor,
      { structureId, year: 2023, bankAccountId: account.data.bankAccountId, notInDifficulty: true },
      META,
      new Date("2026-03-01T10:00:00Z"),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    const problems = () => transmissionProblems(requestDetail(created.data.requestId)!);
    expect(problems()).toContain(UNVERIFIED_PROBLEM);
    expect(await transmitRequest(actor, created.data.requestId, META)).toMatchObject({
      ok: false,
      errorList: expect.arrayContaining([UNVERIFIED_PROBLEM]),
    });
    expect(
      getDb().select({ status: refundRequests.status }).from(refundRequests).where(eq(refundRequests.id, created.data.requestId)).get()!
        .status,
    ).toBe("draft");
    const { code } = await newestLetter(structureId);
    verifyWithCode(actor, { structureId, code }, META);
    expect(problems()).not.toContain(UNVERIFIED_PROBLEM);
  });
});

describe("contesting the management", () => {
  it("alerts the gestionnaire principal through the outbox and queues the contest; once per person and structure", async () => {
    const { user: manager, structureId } = await managerWithStructure();
    const contesterUser = await activeUser({ firstName: "Paul", lastName: "Martin" });
    const contester = await actorFor(contesterUser);
    const result = contestManagement(
      contester,
      { structureId, motif: "Je suis le gérant de ce GAEC ; je n'ai jamais autorisé cette inscription." },
      META,
    );
    expect(result).toMatchObject({ ok: true });
    const mail = mailsTo(manager.contactEmail).find((m) => m.template === "structure-contested")!;
    expect(JSON.parse(mail.props!)).toMatchObject({ contesterName: "Paul Martin", structureName: "GAEC DU MOULIN", verified: false });
    expect(pendingContests()).toMatchObject([{ structureId, contesterFirst: "Paul", motif: expect.stringMatching(/gérant/) }]);
    expect(audits("structure.contested")).toMatchObject([{ actorUserId: contester.userId, targetId: String(structureId) }]);
    expect(contestManagement(contester, { structureId, motif: "encore" }, META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/déjà contesté/),
    });
    expect(getDb().select().from(outbox).where(eq(outbox.template, "structure-contested")).all()).toHaveLength(1);
  });

  it("is refused to the gestionnaire principal, and rate-limited per person", async () => {
    const { actor, structureId } = await managerWithStructure();
    expect(() => contestManagement(actor, { structureId, motif: "moi" }, META)).toThrow(AccessDenied);
    const others = [await managerWithStructure(SAMPLE_FIXTURES.cuma.siret), await managerWithStructure(SAMPLE_FIXTURES.earlDemo.siret)];
    const contester = await actorFor(await activeUser());
    const now = new Date();
    const targets = [structureId, ...others.map((o) => o.structureId)];
    for (const target of targets) expect(contestManagement(contester, { structureId: target, motif: "pas lui" }, META, now).ok).toBe(true);
    // Once the first is decided, contesting it again would be allowed but for the daily limit.
    await resolveContest(pendingContests()[0]!.id, { decision: "keep", operator: "Opérateur Test", motif: "justificatif fourni" });
    expect(contestManagement(contester, { structureId, motif: "encore" }, META, now)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/trop de contestations/),
    });
  });
});

describe("operators", () => {
  it("export letters, mark them posted (the PDF is deleted), verify by document: every action audited with their name", async () => {
    const { structureId } = await managerWithStructure();
    const [letter] = pendingLetters();
    expect(recordLettersExported("", [letter!.id], "/tmp/x")).toMatchObject({ ok: false, formError: expect.stringMatching(/--operateur/) });
    expect(recordLettersExported("Alice Opératrice", [letter!.id], "/tmp/x")).toMatchObject({ ok: true });
    expect(markLetterSent(letter!.id, "Alice Opératrice")).toMatchObject({ ok: true });
    expect(markLetterSent(letter!.id, "Alice Opératrice")).toMatchObject({ ok: false });
    expect(getDb().select().from(verificationLetters).where(eq(verificationLetters.id, letter!.id)).get()).toMatchObject({
      pdf: null,
      sentBy: "Alice Opératrice",
    });
    expect(pendingLetters()).toHaveLength(0);
    expect(verificationState(structureId).letter?.sentAt).toBeInstanceOf(Date);
    expect(verifyByOperator(structureId, { operator: "Alice Opératrice", motif: "" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/motif/),
    });
    expect(
      verifyByOperator(structureId, { operator: "Alice Opératrice", motif: "Kbis et pièce d'identité du gérant vérifiés" }),
    ).toMatchObject({ ok: true });
    expect(structureRow(structureId).verificationStatus).toBe("verified");
    for (const action of ["operator.letters_exported", "operator.letter_sent", "structure.verified"]) {
      expect(audits(action).map((a) => JSON.parse(a.details!).operator)).toEqual(["Alice Opératrice"]);
    }
  });

  it("transfer a contested structure: the contester manages it, unverified with a new letter, the former manager and the bank details withdrawn", async () => {
    const { user: managerUser, actor: manager, structureId } = await managerWithStructure(undefined, false, { verified: true });
    addBankAccount(
      manager,
      { structureId, holder: "Usurpateur", iban: "FR7630006000011234567890189", bic: "AGRIFRPPXXX", makeDefault: true, rib: PNG_FILE },
      META,
    );
    const contesterUser = await activeUser();
    const contester = await actorFor(contesterUser);
    const contested = contestManagement(contester, { structureId, motif: "Je suis l'exploitant." }, META);
    if (!contested.ok) throw new Error("contest");
    expect(await resolveContest(contested.data.contestId, { decision: "transfer", operator: "", motif: "x" })).toMatchObject({ ok: false });
    expect(
      await resolveContest(contested.data.contestId, {
        decision: "transfer",
        operator: "Bruno Opérateur",
        motif: "Kbis au nom du contestataire",
      }),
    ).toMatchObject({ ok: true });
    expect(structureRow(structureId)).toMatchObject({ mainManagerId: contester.userId, verificationStatus: "unverified" });
    expect(
      getDb()
        .select()
        .from(attachments)
        .where(and(eq(attachments.structureId, structureId), eq(attachments.status, "approved")))
        .all()
        .map((a) => a.userId),
    ).toEqual([contester.userId]);
    expect(getDb().select().from(bankAccounts).where(eq(bankAccounts.structureId, structureId)).get()!.removedAt).toBeInstanceOf(Date);
    expect(getDb().select().from(structureContests).where(eq(structureContests.id, contested.data.contestId)).get()).toMatchObject({
      status: "transferred",
      resolvedBy: "Bruno Opérateur",
    });
    expect((await newestLetter(structureId)).code).toMatch(CODE_PATTERN);
    expect(mailsTo(contesterUser.contactEmail).map((m) => m.template)).toContain("contest-resolved");
    expect(mailsTo(managerUser.contactEmail).map((m) => m.template)).toContain("contest-resolved");
    expect(audits("operator.contest_resolved").map((a) => JSON.parse(a.details!))).toMatchObject([
      { operator: "Bruno Opérateur", decision: "transfer", from: manager.userId, to: contester.userId },
    ]);
    expect(await resolveContest(contested.data.contestId, { decision: "keep", operator: "Bruno Opérateur", motif: "x" })).toMatchObject({
      ok: false,
    });
  });

  it("suspend a structure: no code works and nothing can be transmitted until an operator verifies it", async () => {
    const { actor: manager, structureId } = await managerWithStructure();
    const { code } = await newestLetter(structureId);
    const contested = contestManagement(await actorFor(await activeUser()), { structureId, motif: "Usurpation." }, META);
    if (!contested.ok) throw new Error("contest");
    expect(
      await resolveContest(contested.data.contestId, {
        decision: "suspend",
        operator: "Chloé Opératrice",
        motif: "Aucun justificatif des deux côtés",
      }),
    ).toMatchObject({ ok: true });
    expect(structureRow(structureId).verificationStatus).toBe("suspended");
    expect(verifyWithCode(manager, { structureId, code }, META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/suspendue/),
    });
    expect(await requestNewLetter(manager, structureId, META)).toMatchObject({ ok: false });
  });
});
