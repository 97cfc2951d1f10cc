import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, structures } from "@/db/schema";
import { can } from "@/lib/access";
import { DEPARTEMENTS, departementOf, parseDepartements } from "@/lib/agents/departements";
import { enrolAgent, inviteAgent, readInvitation, resendInvitation } from "@/lib/agents/invitations";
import { deactivateAgent, myActivity, updateAgent } from "@/lib/agents/management";
import { AGENT_IDLE_MS, AGENT_MAX_MS, completeAgentSignIn, resolveAgentSession, signInAgentWithPassword } from "@/lib/agents/sessions";
import { totpCode } from "@/lib/agents/totp";
import { getDb } from "@/lib/db";
import { renderMail } from "@/lib/mail/templates";
import { markLetterSent, pendingLetters, resolveContest } from "@/lib/structures/operator";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { contestManagement } from "@/lib/structures/contests";
import { META, activeUser, actorFor, mailsTo } from "../support/accounts";
import {
  AGENT_PASSWORD,
  administrator,
  agentRow,
  agentToken,
  agentWith,
  enrolFromMail,
  invitationTokenMailedTo,
  signInAgent,
  tick,
} from "../support/agents";
import { importSample } from "../support/directory";
import { managerWithStructure } from "../support/structures";

beforeEach(async () => {
  await importSample();
});

describe("départements", () => {
  it("reads the département of a postal code as the database does", () => {
    const cases: [string | null, string | null][] = [
      ["31450", "31"],
      ["01000", "01"],
      ["20000", "2A"],
      ["20167", "2A"],
      ["20200", "2B"],
      ["20600", "2B"],
      ["97100", "971"],
      ["97600", "976"],
      ["75001", "75"],
      [null, null],
      ["3145", null],
    ];
    for (const [postalCode, departement] of cases) {
      expect(departementOf(postalCode)).toBe(departement);
      const sqlite = getDb().$client.prepare(
        `SELECT CASE WHEN ? IS NULL OR length(?) <> 5 THEN NULL WHEN substr(?, 1, 2) = '20' THEN CASE WHEN ? < '20200' THEN '2A' ELSE '2B' END WHEN substr(?, 1, 2) IN ('97', '98') THEN substr(?, 1, 3) ELSE substr(?, 1, 2) END AS d`,
      );
      expect(sqlite.get(...Array(7).fill(postalCode))).toEqual({ d: departement });
    }
    expect(DEPARTEMENTS).toHaveLength(101);
  });

  it("parses a typed list and names what is not a département", () => {
    expect(parseDepartements("12, 2a;971 12 9")).toEqual({ ok: true, departements: ["09", "12", "2A", "971"] });
    expect(parseDepartements("20, 99")).toMatchObject({ ok: false, error: expect.stringContaining("20, 99") });
  });

  it("gives every structure its département from its SIRENE postal code", async () => {
    const { structureId } = await managerWithStructure();
    expect(getDb().select({ d: structures.departement }).from(structures).where(eq(structures.id, structureId)).get()).toEqual({ d: "31" });
  });
});

describe("agents' sign-in", () => {
  it("enrols from the invitation: password, first TOTP code, ten recovery codes; the link serves once", async () => {
    const admin = await administrator();
    const invited = inviteAgent(
      admin,
      { email: "ines@administration.gouv.fr", firstName: "Inès", lastName: "Instructrice", roles: ["instructor"], departements: ["31"] },
      META,
      tick(),
    );
    expect(invited.ok).toBe(true);
    const token = invitationTokenMailedTo("ines@administration.gouv.fr");
    const { secret, recoveryCodes } = await enrolFromMail("ines@administration.gouv.fr");
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(agentRow("ines@administration.gouv.fr")).toMatchObject({ status: "active" });
    expect(agentRow("ines@administration.gouv.fr").totpSecret).not.toContain(secret);
    const again = await enrolAgent({ token, password: AGENT_PASSWORD, passwordConfirm: AGENT_PASSWORD, code: "000000" }, META, tick());
    expect(again).toMatchObject({ ok: false, formError: expect.stringContaining("plus valable") });
  });

  it("refuses a weak password and a wrong code at enrolment, and an expired link", async () => {
    const admin = await administrator();
    inviteAgent(
      admin,
      { email: "x@administration.gouv.fr", firstName: "X", lastName: "Y", roles: ["operator"], departements: [] },
      META,
      tick(),
    );
    const token = invitationTokenMailedTo("x@administration.gouv.fr");
    expect(await enrolAgent({ token, password: "motdepasse", passwordConfirm: "motdepasse", code: "123456" }, META, tick())).toMatchObject({
      fieldErrors: { password: expect.any(String) },
    });
    expect(
      await enrolAgent({ token, password: AGENT_PASSWORD, passwordConfirm: AGENT_PASSWORD, code: "123456" }, META, tick()),
    ).toMatchObject({ fieldErrors: { code: expect.any(String) } });
    expect(
      await enrolAgent({ token, password: AGENT_PASSWORD, passwordConfirm: AGENT_PASSWORD, code: "123456" }, META, tick(25 * 3600)),
    ).toMatchObject({ formError: expect.stringContaining("expiré") });
  });

  it("a stolen password without the second factor gets no session", async () => {
    const admin = await administrator();
    const now = tick();
    const first = await signInAgentWithPassword({ email: admin.email, password: AGENT_PASSWORD }, META, now);
    if (!first.ok) throw new Error("password refused");
    expect(resolveAgentSession(first.token, now)).toBeNull();
    // The half session expires after five minutes.
    const late = tick(301);
    expect(completeAgentSignIn(first.token, totpCode(admin.secret, late), META, late)).toEqual({ ok: false, reason: "expired" });
  });

  it("gives the same answer for a wrong password, an unknown address and an invited agent", async () => {
    const admin = await administrator();
    inviteAgent(
      admin,
      { email: "pending@administration.gouv.fr", firstName: "P", lastName: "Q", roles: ["payer"], departements: [] },
      META,
      tick(),
    );
    const wrong = await signInAgentWithPassword({ email: admin.email, password: "pas le bon mot de passe" }, META, tick());
    const unknown = await signInAgentWithPassword({ email: "nobody@administration.gouv.fr", password: AGENT_PASSWORD }, META, tick());
    const invited = await signInAgentWithPassword({ email: "pending@administration.gouv.fr", password: AGENT_PASSWORD }, META, tick());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(invited).toEqual(wrong);
  });

  it("refuses a replayed TOTP code, even in a new sign-in", async () => {
    const admin = await administrator();
    const now = tick();
    const code = totpCode(admin.secret, now);
    const a = await signInAgentWithPassword({ email: admin.email, password: AGENT_PASSWORD }, META, now);
    const b = await signInAgentWithPassword({ email: admin.email, password: AGENT_PASSWORD }, META, now);
    if (!a.ok || !b.ok) throw new Error("password refused");
    expect(completeAgentSignIn(a.token, code, META, now)).toMatchObject({ ok: true });
    expect(completeAgentSignIn(b.token, code, META, now)).toEqual({ ok: false, reason: "invalid" });
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "agent.totp_replayed")).all()).toHaveLength(1);
  });

  it("accepts each recovery code once", async () => {
    const admin = await administrator();
    const admin2Email = "ops@administration.gouv.fr";
    inviteAgent(admin, { email: admin2Email, firstName: "O", lastName: "P", roles: ["operator"], departements: ["31"] }, META, tick());
    const { recoveryCodes } = await enrolFromMail(admin2Email);
    const one = await signInAgentWithPassword({ email: admin2Email, password: AGENT_PASSWORD }, META, tick());
    if (!one.ok) throw new Error("password refused");
    expect(completeAgentSignIn(one.token, recoveryCodes[0]!.toLowerCase(), META, tick())).toMatchObject({ ok: true });
    const two = await signInAgentWithPassword({ email: admin2Email, password: AGENT_PASSWORD }, META, tick());
    if (!two.ok) throw new Error("password refused");
    expect(completeAgentSignIn(two.token, recoveryCodes[0]!, META, tick())).toEqual({ ok: false, reason: "invalid" });
  });

  it("limits wrong codes: locked after five, even with the right one", async () => {
    const admin = await administrator();
    const first = await signInAgentWithPassword({ email: admin.email, password: AGENT_PASSWORD }, META, tick());
    if (!first.ok) throw new Error("password refused");
    const now = tick(1);
    const results = ["000000", "111111", "222222", "333333", "444444"].map((code) => completeAgentSignIn(first.token, code, META, now));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(completeAgentSignIn(first.token, totpCode(admin.secret, now), META, now)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("ends a session after 30 idle minutes, and after 10 hours however active", async () => {
    const admin = await administrator();
    const busy = await agentToken(admin.email, admin.secret);
    let t = busy.at.getTime();
    for (let minutes = 20; minutes < 600; minutes += 20) {
      t = busy.at.getTime() + minutes * 60_000;
      expect(resolveAgentSession(busy.token, new Date(t))).not.toBeNull();
    }
    expect(resolveAgentSession(busy.token, new Date(busy.at.getTime() + AGENT_MAX_MS + 1000))).toBeNull();
    const idle = await agentToken(admin.email, admin.secret);
    expect(resolveAgentSession(idle.token, new Date(idle.at.getTime() + AGENT_IDLE_MS - 1000))).not.toBeNull();
    expect(resolveAgentSession(idle.token, new Date(idle.at.getTime() + 2 * AGENT_IDLE_MS))).toBeNull();
  });

  it("ends every session of a deactivated agent at once", async () => {
    const admin = await administrator();
    const operator = await agentWith(admin, ["operator"], ["31"]);
    const session = await agentToken(operator.email, operator.secret);
    expect(deactivateAgent(admin, { agentId: operator.agentId, motif: "Départ" }, META, tick())).toMatchObject({ ok: true });
    expect(resolveAgentSession(session.token, tick())).toBeNull();
    expect(await signInAgentWithPassword({ email: operator.email, password: AGENT_PASSWORD }, META, tick())).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});

describe("« Renvoyer l'invitation »", () => {
  it("gives an invited agent a new single-use link and a new secret, the old link dead; audited, mailed, limited", async () => {
    const admin = await administrator();
    const email = "renvoi@administration.gouv.fr";
    const invited = inviteAgent(
      admin,
      { email, firstName: "Rémi", lastName: "Renvoi", roles: ["operator"], departements: ["31"] },
      META,
      tick(),
    );
    if (!invited.ok) throw new Error(JSON.stringify(invited));
    const agentId = invited.data.agentId;
    const oldToken = invitationTokenMailedTo(email);
    const oldSecret = (await readInvitation(oldToken, tick()))!.secret.replace(/\s/g, "");

    const resent = resendInvitation(admin, { agentId }, META, tick());
    expect(resent).toMatchObject({ ok: true, message: expect.stringContaining("le lien précédent ne fonctionne plus") });
    const newToken = invitationTokenMailedTo(email);
    expect(newToken).not.toBe(oldToken);
    // The old link shows nothing and enrols no one, even with a code of the secret it showed.
    expect(await readInvitation(oldToken, tick())).toBeNull();
    const now = tick();
    expect(
      await enrolAgent(
        { token: oldToken, password: AGENT_PASSWORD, passwordConfirm: AGENT_PASSWORD, code: totpCode(oldSecret, now) },
        META,
        now,
      ),
    ).toMatchObject({ ok: false, formError: expect.stringContaining("plus valable") });
    // The new link shows a new secret; its mail says it replaces the earlier one.
    expect((await readInvitation(newToken, tick()))!.secret.replace(/\s/g, "")).not.toBe(oldSecret);
    const [mail] = mailsTo(email);
    const rendered = await renderMail("agent-invitation", JSON.parse(mail!.props!));
    expect(rendered.text).toContain(`/administration/invitation/${newToken}`);
    expect(rendered.text).toContain("Ce lien remplace celui de l'invitation précédente, qui ne fonctionne plus.");
    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.action, "agent.invitation_resent")).all();
    expect(audit).toEqual([expect.objectContaining({ actorAgentId: admin.agentId, targetType: "agent", targetId: String(agentId) })]);
    expect(audit[0]!.details).not.toContain(email);

    // Three a day for one agent: the fourth is refused in French, nothing written.
    expect(resendInvitation(admin, { agentId }, META, tick())).toMatchObject({ ok: true });
    expect(resendInvitation(admin, { agentId }, META, tick())).toMatchObject({ ok: true });
    const latest = invitationTokenMailedTo(email);
    expect(resendInvitation(admin, { agentId }, META, tick())).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Trop d'invitations renvoyées à cet agent aujourd'hui : 3 au plus par jour\. Réessayez dans /),
    });
    expect(mailsTo(email)).toHaveLength(4);
    expect(invitationTokenMailedTo(email)).toBe(latest);

    // The latest link enrols; an active agent needs no invitation any more.
    await enrolFromMail(email);
    expect(agentRow(email)).toMatchObject({ status: "active" });
    expect(resendInvitation(admin, { agentId }, META, tick(86_400))).toMatchObject({
      ok: false,
      formError: expect.stringContaining("déjà activé son accès"),
    });
  });

  it("is an administrator's action, never on themself", async () => {
    const admin = await administrator();
    const operator = await agentWith(admin, ["operator"], ["31"]);
    const invited = inviteAgent(
      admin,
      { email: "attente@administration.gouv.fr", firstName: "A", lastName: "T", roles: ["payer"], departements: [] },
      META,
      tick(),
    );
    if (!invited.ok) throw new Error(JSON.stringify(invited));
    expect(() => resendInvitation(operator, { agentId: invited.data.agentId }, META, tick())).toThrow();
    expect(() => resendInvitation(admin, { agentId: admin.agentId }, META, tick())).toThrow();
    expect(mailsTo("attente@administration.gouv.fr")).toHaveLength(1);
  });
});

describe("the agents' part of the policy", () => {
  async function outsideStructure() {
    const other = await managerWithStructure(SAMPLE_FIXTURES.individual.siret);
    getDb().update(structures).set({ postalCode: "12000" }).where(eq(structures.id, other.structureId)).run();
    return other;
  }

  it("administrators manage others, never themselves; nobody else manages", async () => {
    const admin = await administrator();
    const operator = await agentWith(admin, ["operator"], ["31"]);
    expect(can(admin, "agent.invite")).toBe(true);
    expect(can(admin, "agent.manage", { agentId: operator.agentId })).toBe(true);
    expect(can(admin, "agent.manage", { agentId: admin.agentId })).toBe(false);
    expect(() => updateAgent(admin, { agentId: admin.agentId, roles: ["administrator", "payer"], departements: [] }, META)).toThrow(
      "agent.manage",
    );
    expect(can(operator, "agent.invite")).toBe(false);
    expect(can(operator, "agent.manage", { agentId: admin.agentId })).toBe(false);
  });

  it("operators act inside their départements only; other roles and farm users not at all", async () => {
    const admin = await administrator();
    const inside = await managerWithStructure();
    const outside = await outsideStructure();
    const operator = await agentWith(admin, ["operator"], ["31"]);
    const instructor = await agentWith(admin, ["instructor"], ["31"]);
    const farmer = await actorFor(inside.user);
    for (const action of ["letter.handle", "structure.review", "support.view", "support.act"] as const) {
      expect(can(operator, action, { structureId: inside.structureId })).toBe(true);
      expect(can(operator, action, { structureId: outside.structureId })).toBe(false);
      expect(can(instructor, action, { structureId: inside.structureId })).toBe(false);
      expect(can(farmer, action, { structureId: inside.structureId })).toBe(false);
    }
    expect(can(operator, "support.view", { userId: inside.user.id })).toBe(true);
    // A farm action is never an agent's.
    expect(can(operator, "structure.manage", { structureId: inside.structureId })).toBe(false);
    // Départements taken away apply at once.
    updateAgent(admin, { agentId: operator.agentId, roles: ["operator"], departements: ["12"] }, META);
    const refreshed = await signInAgent(operator.email, operator.secret);
    expect(can(refreshed, "letter.handle", { structureId: inside.structureId })).toBe(false);
    expect(can(refreshed, "letter.handle", { structureId: outside.structureId })).toBe(true);
  });

  it("an operator posts a letter and decides through the same services, audited with their id", async () => {
    const admin = await administrator();
    const inside = await managerWithStructure();
    const operator = await agentWith(admin, ["operator"], ["31"]);
    const outsider = await agentWith(admin, ["operator"], ["12"]);
    const letter = pendingLetters().find((l) => l.structureId === inside.structureId)!;
    expect(() => markLetterSent(letter.id, outsider)).toThrow("letter.handle");
    expect(markLetterSent(letter.id, operator)).toMatchObject({ ok: true });
    const activity = myActivity(operator);
    expect(activity.map((a) => a.action)).toContain("operator.letter_sent");
    expect(myActivity(outsider).map((a) => a.action)).not.toContain("operator.letter_sent");
    // The command line's form still works.
    expect(await resolveContest(999, { decision: "keep", operator: "Nom Prénom", motif: "x" })).toMatchObject({ ok: false });
  });

  it("an operator decides a contest of their département only; both people are mailed, the agent's name never", async () => {
    const admin = await administrator();
    const inside = await managerWithStructure();
    const contester = await actorFor(await activeUser());
    const contest = contestManagement(contester, { structureId: inside.structureId, motif: "Je suis le gérant." }, META);
    if (!contest.ok) throw new Error(JSON.stringify(contest));
    const operator = await agentWith(admin, ["operator"], ["31"]);
    const outsider = await agentWith(admin, ["operator"], ["12"]);
    await expect(
      resolveContest(contest.data.contestId, { decision: "keep", operator: outsider, motif: "Pièces probantes" }),
    ).rejects.toThrow("contest.decide");
    expect(await resolveContest(contest.data.contestId, { decision: "keep", operator, motif: "Pièces probantes" })).toMatchObject({
      ok: true,
    });
    const decided = getDb().select().from(auditEvents).where(eq(auditEvents.action, "operator.contest_resolved")).get()!;
    expect(decided.actorAgentId).toBe(operator.agentId);
    const mail = mailsTo(contester.contactEmail).find((m) => m.template === "contest-resolved")!;
    expect(mail.props).toContain("Pièces probantes");
    expect(mail.props).not.toContain(operator.lastName);
  });
});
