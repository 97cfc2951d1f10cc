import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, mandateInvitations, mandates, outbox } from "@/db/schema";
import { AccessDenied, can } from "@/lib/access";
import { parisToday } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { renderMail } from "@/lib/mail/templates";
import { MAX_MANDATE_FILE_ROWS, readMandateFile, type MandateRights } from "@/lib/mandates/invitation-file";
import {
  INVALID_INVITATION,
  INVITATION_DAYS,
  cancelInvitation,
  confirmMandateFile,
  followInvitation,
  invitationView,
  invitationsOfStructure,
  previewMandateFile,
} from "@/lib/mandates/invitations";
import { decideMandate, giveMandate } from "@/lib/mandates/mandates";
import { purgeExpiredData } from "@/lib/privacy/purge";
import { RETENTION_DAYS } from "@/lib/privacy/retention";
import { limit } from "@/lib/security/rate-limit";
import { hashToken } from "@/lib/security/tokens";
import { createStructure } from "@/lib/structures/create-structure";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META, activeUser, actorFor, mailsTo } from "../support/accounts";
import { administrator } from "../support/agents";
import { importSample } from "../support/directory";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

const DAY = 86_400_000;
const NOW = new Date("2026-12-07T10:00:00Z");
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;
const ON_PORTAL = SAMPLE_FIXTURES.gaec.siret;
const NOT_YET = SAMPLE_FIXTURES.individual.siret;
const MANDATED = SAMPLE_FIXTURES.cuma.siret;
const DEFAULTS: MandateRights = { canEdit: true, canTransmit: true, endDate: null };
const csv = (text: string) => new TextEncoder().encode(text);
const file = (text: string) => ({ name: "mandats.csv", bytes: csv(text) });

describe("reading the file", () => {
  it("reads « ; » and « , » files, with or without BOM, and applies the file's choice to empty cells", () => {
    for (const text of [
      `\uFEFFsiret;courriel\r\n${ON_PORTAL};\r\n${NOT_YET};ferme@exemple.fr\r\n`,
      `siret,courriel,droits,transmission,date_fin\n${ON_PORTAL},,,,\n${NOT_YET},Ferme@Exemple.fr,,,\n`,
    ]) {
      const read = readMandateFile(csv(text), DEFAULTS, NOW);
      expect(read).toEqual({
        ok: true,
        errors: [],
        rows: [
          { row: 2, siret: ON_PORTAL, email: null, canEdit: true, canTransmit: true, endDate: null },
          { row: 3, siret: NOT_YET, email: "ferme@exemple.fr", canEdit: true, canTransmit: true, endDate: null },
        ],
      });
    }
  });

  it("takes the rights of a row over the file's choice", () => {
    const read = readMandateFile(
      csv(`siret;courriel;droits;transmission;date_fin\n${ON_PORTAL};;consultation;;31/12/2027\n${NOT_YET};a@b.fr;modification;non;\n`),
      DEFAULTS,
      NOW,
    );
    expect(read.ok && read.rows.map(({ canEdit, canTransmit, endDate }) => ({ canEdit, canTransmit, endDate }))).toEqual([
      { canEdit: false, canTransmit: false, endDate: "2027-12-31" },
      { canEdit: true, canTransmit: false, endDate: null },
    ]);
  });

  it("says in French what is wrong, by row and column, and keeps the good rows", () => {
    const text = [
      "siret;courriel;droits;transmission;date_fin",
      `${ON_PORTAL};;;;`,
      "12345678901234;a@b.fr;;;",
      `${ON_PORTAL};;;;`,
      `${NOT_YET};pas-une-adresse;;;`,
      `${MANDATED};x@y.fr;lecture;peut-être;`,
      `${CENTRE};x@y.fr;consultation;oui;31/09/2027`,
      `${SAMPLE_FIXTURES.closed.siret};x@y.fr;;;01/01/2020`,
      `${SAMPLE_FIXTURES.laPoste.siret};x@y.fr;;;`,
      `${SAMPLE_FIXTURES.cuma.siret};x@y.fr`,
    ].join("\n");
    const read = readMandateFile(csv(text), DEFAULTS, NOW);
    if (!read.ok) throw new Error("lu");
    expect(read.rows.map((r) => r.row)).toEqual([2, 9]);
    const errors = read.errors.map((e) => `${e.row}:${e.column}`);
    expect(errors).toEqual([
      "3:siret",
      "4:siret",
      "5:courriel",
      "6:droits",
      "6:transmission",
      "7:transmission",
      "7:date_fin",
      "8:date_fin",
      "10:null",
    ]);
    expect(read.errors.at(-1)!.message).toBe("Cette ligne a 2 colonnes au lieu de 5 (séparateur « ; »).");
    const said = Object.fromEntries(read.errors.map((e) => [`${e.row}:${e.column}`, e.message]));
    expect(said["4:siret"]).toBe("Ce SIRET figure déjà à la ligne 2 du fichier.");
    expect(said["6:droits"]).toContain("« consultation » ou « modification »");
    expect(said["7:transmission"]).toBe("La transmission demande le droit de modification.");
    expect(said["7:date_fin"]).toContain("31/09/2027");
    expect(said["8:date_fin"]).toBe("La date de fin est aujourd'hui ou plus tard.");
    for (const error of read.errors) expect(error.message).toMatch(/^[A-ZÀ-ÝÉ«]/);
  });

  it("refuses a wrong header, an empty file, a file of another encoding, too many rows", () => {
    expect(readMandateFile(csv("siret;email\n1;2\n"), DEFAULTS, NOW)).toMatchObject({
      ok: false,
      errors: [{ row: 1, message: expect.stringContaining("siret;courriel;droits;transmission;date_fin") }],
    });
    expect(readMandateFile(csv("siret;courriel\n"), DEFAULTS, NOW)).toMatchObject({
      ok: false,
      errors: [{ message: "Le fichier ne contient aucune exploitation." }],
    });
    expect(readMandateFile(new Uint8Array([0x73, 0xe9, 0x3b]), DEFAULTS, NOW)).toMatchObject({
      ok: false,
      errors: [{ message: expect.stringContaining("UTF-8") }],
    });
    const many = `siret;courriel\n${`${ON_PORTAL};\n`.repeat(MAX_MANDATE_FILE_ROWS + 1)}`;
    expect(readMandateFile(csv(many), DEFAULTS, NOW)).toMatchObject({
      ok: false,
      errors: [{ message: `Le fichier contient ${MAX_MANDATE_FILE_ROWS + 1} lignes : ${MAX_MANDATE_FILE_ROWS} au plus par import.` }],
    });
  });
});

describe("asking mandates from a file", () => {
  beforeEach(async () => {
    await importSample();
  });

  /** A centre de gestion (with a member who is not its manager), a farm on the portal, another already mandated. */
  async function setting() {
    const centre = await managerWithStructure(CENTRE, true);
    const accountant = await attachedMember(centre.actor, centre.structureId);
    const farm = await managerWithStructure(ON_PORTAL, false, { verified: true });
    openTicSpace(farm.actor, farm.structureId);
    const mandated = await managerWithStructure(MANDATED, false, { verified: true });
    openTicSpace(mandated.actor, mandated.structureId);
    const given = giveMandate(
      mandated.actor,
      { farmStructureId: mandated.structureId, agentSiret: CENTRE, rights: "consultation", canTransmit: false, endDate: null },
      META,
    );
    if (!given.ok) throw new Error(JSON.stringify(given));
    return { centre, accountant, farm, mandated };
  }

  const input = (agentStructureId: number, text: string) => ({
    agentStructureId,
    file: file(text),
    rights: "modification" as const,
    canTransmit: true,
    endDate: null,
  });
  const THREE = `siret;courriel\n${ON_PORTAL};\n${NOT_YET};claire.durand@exemple.fr\n12345678901234;x@y.fr\n`;

  async function preview(
    actorStructure: { actor: Awaited<ReturnType<typeof setting>>["centre"]["actor"]; structureId: number },
    text: string,
    now = NOW,
  ) {
    const result = await previewMandateFile(actorStructure.actor, input(actorStructure.structureId, text), META, now);
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.data;
  }

  const tokenMailedTo = (address: string) => {
    const mail = mailsTo(address).find((m) => m.template === "mandate-invitation");
    return mail?.props?.match(/\/invitation-mandat\/([A-Za-z0-9_-]{43})/)?.[1] ?? null;
  };

  it("previews each row (ask, invite or why not) without writing anything but the look-ups", async () => {
    const s = await setting();
    const before = { mandates: getDb().select().from(mandates).all().length, mails: getDb().select().from(outbox).all().length };
    const text = [
      "siret;courriel",
      `${ON_PORTAL};`,
      `${NOT_YET};claire.durand@exemple.fr`,
      "12345678901234;x@y.fr",
      `${MANDATED};`,
      `${SAMPLE_FIXTURES.earlDemo.siret};`,
      `${SAMPLE_FIXTURES.closed.siret};x@y.fr`,
      `${CENTRE};`,
      "73282932000009;x@y.fr",
    ].join("\n");
    const data = await preview(s.centre, text);
    expect(data.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, "ask"],
      [3, "invite"],
    ]);
    expect(data.rows[0]).toMatchObject({ farmName: SAMPLE_FIXTURES.gaec.name });
    const errors = Object.fromEntries(data.errors.map((e) => [e.row, `${e.column} ${e.message}`]));
    expect(Object.keys(errors).map(Number)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(errors[5]).toBe("siret Un mandat est déjà en vigueur entre ces deux structures. Mettez-y fin pour en établir un autre.");
    expect(errors[6]).toBe(
      "courriel Cette exploitation n'est pas encore sur le portail : indiquez son adresse électronique, elle recevra une invitation.",
    );
    expect(errors[7]).toContain("fermé");
    expect(errors[8]).toBe("siret Une structure ne se donne pas de mandat à elle-même.");
    expect(errors[9]).toContain("inconnu de la base INSEE");
    expect(getDb().select().from(mandates).all()).toHaveLength(before.mandates);
    expect(getDb().select().from(mandateInvitations).all()).toEqual([]);
    expect(getDb().select().from(outbox).all()).toHaveLength(before.mails);
  });

  it("does each confirmed row in its own transaction, mails the invitation with a link stored hashed, and says what became of each row", async () => {
    const s = await setting();
    const data = await preview(s.centre, THREE);
    const confirmed = confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
    expect(confirmed.data.results.map((r) => [r.row, r.outcome])).toEqual([
      [2, "asked"],
      [3, "invited"],
    ]);
    const asked = getDb().select().from(mandates).where(eq(mandates.id, confirmed.data.results[0]!.mandateId!)).get()!;
    expect(asked).toMatchObject({
      farmStructureId: s.farm.structureId,
      agentStructureId: s.centre.structureId,
      status: "pending",
      origin: "asked",
      canEdit: true,
      canTransmit: true,
    });
    expect(mailsTo(s.farm.actor.contactEmail).some((m) => m.template === "mandate-changed")).toBe(true);

    const invitation = getDb().select().from(mandateInvitations).get()!;
    expect(invitation).toMatchObject({
      siret: NOT_YET,
      email: "claire.durand@exemple.fr",
      status: "pending",
      agentStructureId: s.centre.structureId,
    });
    expect(invitation.expiresAt.getTime()).toBe(NOW.getTime() + INVITATION_DAYS * DAY);
    const token = tokenMailedTo("claire.durand@exemple.fr")!;
    expect(invitation.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(invitation)).not.toContain(token);
    const mail = mailsTo("claire.durand@exemple.fr")[0]!;
    expect(mail.subject).toBe(
      `${SAMPLE_FIXTURES.managementCentre.name} vous invite à lui confier vos demandes de remboursement TIC – Portail TIC`,
    );
    const rendered = await renderMail("mandate-invitation", JSON.parse(mail.props!));
    expect(rendered.text).toContain("Répondre à l'invitation");
    expect(rendered.text).toContain("ne sert qu'une fois");

    const audit = getDb()
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "mandate.invited"))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain("claire.durand@");
    expect(
      getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "mandate.asked"), eq(auditEvents.targetId, String(asked.id))))
        .all(),
    ).toHaveLength(1);

    // The same preview confirmed again: nothing more, each row says why.
    const again = confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    expect(again.ok && again.data.results.map((r) => r.outcome)).toEqual(["failed", "failed"]);
    expect(getDb().select().from(mandateInvitations).all()).toHaveLength(1);
    // The pending invitation shows on the centre's side.
    expect(invitationsOfStructure(s.centre.structureId, NOW).map((i) => i.state)).toEqual(["pending"]);
  });

  it("believes only its own seal: altered, expired, someone else's or another centre's rows are refused", async () => {
    const s = await setting();
    const data = await preview(s.centre, THREE);
    const [head, body, mac] = data.sealed.split(".");
    const forged = Buffer.from(body!, "base64url").toString("utf8").replace(NOT_YET, SAMPLE_FIXTURES.earlDemo.siret);
    for (const [actor, rows, now] of [
      [s.centre.actor, `${head}.${Buffer.from(forged).toString("base64url")}.${mac}`, NOW],
      [s.centre.actor, data.sealed, new Date(NOW.getTime() + 31 * 60_000)],
    ] as const) {
      const refused = confirmMandateFile(actor, { agentStructureId: s.centre.structureId, rows }, META, now);
      expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining("importez de nouveau le fichier") });
    }
    expect(() => confirmMandateFile(s.accountant.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW)).toThrow(
      AccessDenied,
    );
    expect(getDb().select().from(mandateInvitations).all()).toEqual([]);
  });

  it("leads the invited person, once signed in, to create that SIRET's structure, then to the waiting mandate, which they accept", async () => {
    const s = await setting();
    const data = await preview(s.centre, THREE);
    confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    const token = tokenMailedTo("claire.durand@exemple.fr")!;
    expect(invitationView(token, null, NOW)).toMatchObject({
      state: "pending",
      agentName: SAMPLE_FIXTURES.managementCentre.name,
      siret: NOT_YET,
    });

    const invited = await actorFor(await activeUser());
    expect(followInvitation(invited, token, META, NOW)).toEqual({ ok: true, data: { next: `/structures/nouvelle?siret=${NOT_YET}` } });
    // Single use: the link now works for that person only.
    const other = await actorFor(await activeUser());
    expect(followInvitation(other, token, META, NOW)).toEqual({ ok: false, formError: INVALID_INVITATION });
    expect(invitationView(token, other.userId, NOW)).toEqual({ state: "invalid" });
    expect(followInvitation(invited, token, META, NOW).ok).toBe(true);

    const created = await createStructure(invited, { siret: NOT_YET, rcs: null, isManagementCentre: false }, META, NOW);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [mandateId] = created.data.invitedMandateIds;
    const mandate = getDb().select().from(mandates).where(eq(mandates.id, mandateId!)).get()!;
    expect(mandate).toMatchObject({
      farmStructureId: created.data.structureId,
      agentStructureId: s.centre.structureId,
      status: "pending",
      origin: "asked",
      requestedBy: s.centre.actor.userId,
    });
    expect(getDb().select().from(mandateInvitations).get()).toMatchObject({ status: "converted", mandateId, usedBy: invited.userId });
    expect(invitationView(token, invited.userId, NOW)).toEqual({ state: "converted", mandateId });
    expect(mailsTo(invited.contactEmail).some((m) => m.template === "mandate-changed" && m.subject.startsWith("Demande de mandat"))).toBe(
      true,
    );

    expect(decideMandate(invited, { mandateId: mandateId!, decision: "accept", reason: null }, META, NOW).ok).toBe(true);
    expect(getDb().select().from(mandates).where(eq(mandates.id, mandateId!)).get()!.status).toBe("active");
    const actions = getDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .all()
      .map((e) => e.action);
    for (const step of ["mandate.invited", "mandate.invitation_followed", "mandate.invitation_converted", "mandate.accepted"])
      expect(actions).toContain(step);
  });

  it("converts on the first click when the farm's structure was created meanwhile, and leads its manager to the mandate", async () => {
    const s = await setting();
    const data = await preview(s.centre, THREE);
    confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    const token = tokenMailedTo("claire.durand@exemple.fr")!;
    // The structure created while the invitation was not waiting for it (a race, simulated by hand).
    const owner = await actorFor(await activeUser());
    getDb().update(mandateInvitations).set({ status: "cancelled" }).run();
    const created = await createStructure(owner, { siret: NOT_YET, rcs: null, isManagementCentre: false }, META, NOW);
    expect(created.ok && created.data.invitedMandateIds).toEqual([]);
    getDb().update(mandateInvitations).set({ status: "pending" }).run();
    const followed = followInvitation(owner, token, META, NOW);
    const mandate = getDb()
      .select()
      .from(mandates)
      .where(eq(mandates.farmStructureId, created.ok ? created.data.structureId : 0))
      .get()!;
    expect(followed).toEqual({ ok: true, data: { next: `/mandats/${mandate.id}` } });
    expect(mandate).toMatchObject({ status: "pending", agentStructureId: s.centre.structureId });
  });

  it("expires: after its days the link is refused and the structure's creation asks nothing", async () => {
    const s = await setting();
    const data = await preview(s.centre, THREE);
    confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    const token = tokenMailedTo("claire.durand@exemple.fr")!;
    const later = new Date(NOW.getTime() + INVITATION_DAYS * DAY + 1000);
    expect(invitationView(token, null, later)).toEqual({ state: "expired", agentName: SAMPLE_FIXTURES.managementCentre.name });
    const invited = await actorFor(await activeUser());
    expect(followInvitation(invited, token, META, later)).toMatchObject({ ok: false, formError: expect.stringContaining("a expiré") });
    expect(invitationsOfStructure(s.centre.structureId, later).map((i) => i.state)).toEqual(["expired"]);
    const created = await createStructure(invited, { siret: NOT_YET, rcs: null, isManagementCentre: false }, META, later);
    expect(created.ok && created.data.invitedMandateIds).toEqual([]);
    // Once expired, the centre may ask that farm again (its structure now exists: a mandate asked; the first row's still waits).
    const next = await preview(s.centre, THREE, later);
    expect(next.rows.map((r) => [r.row, r.outcome])).toEqual([[3, "ask"]]);
  });

  it("lets the centre's manager cancel a waiting invitation, and no one else", async () => {
    const s = await setting();
    const data = await preview(s.centre, THREE);
    confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    const token = tokenMailedTo("claire.durand@exemple.fr")!;
    const invitation = getDb().select().from(mandateInvitations).get()!;
    for (const actor of [s.accountant.actor, s.farm.actor])
      expect(() => cancelInvitation(actor, invitation.id, META, NOW)).toThrow(AccessDenied);
    expect(cancelInvitation(s.centre.actor, invitation.id, META, NOW)).toMatchObject({ ok: true });
    expect(cancelInvitation(s.centre.actor, invitation.id, META, NOW)).toMatchObject({
      ok: false,
      formError: "Cette invitation n'est plus en attente : rien n'a changé.",
    });
    expect(invitationView(token, null, NOW)).toEqual({ state: "invalid" });
    const invited = await actorFor(await activeUser());
    expect(followInvitation(invited, token, META, NOW)).toEqual({ ok: false, formError: INVALID_INVITATION });
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "mandate.invitation_cancelled")).all()).toHaveLength(1);
    // A new invitation may then be sent.
    expect((await preview(s.centre, THREE)).rows.map((r) => [r.row, r.outcome])).toEqual([[3, "invite"]]);
  });

  it("forgets the invited address a week after the invitation expired, was cancelled or became a mandate", async () => {
    const s = await setting();
    const data = await preview(s.centre, `siret;courriel\n${NOT_YET};a@exemple.fr\n${SAMPLE_FIXTURES.earlDemo.siret};b@exemple.fr\n`);
    confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    const [first, second] = getDb().select().from(mandateInvitations).all();
    cancelInvitation(s.centre.actor, first!.id, META, NOW);
    const expired = new Date(NOW.getTime() + (INVITATION_DAYS + RETENTION_DAYS.endedInvitation) * DAY - 1000);
    // The cancelled one is a week old by then; the other expired less than a week ago.
    expect(purgeExpiredData(expired).endedInvitation).toBe(1);
    expect(getDb().select({ id: mandateInvitations.id }).from(mandateInvitations).all()).toEqual([{ id: second!.id }]);
    expect(purgeExpiredData(new Date(expired.getTime() + 2000)).endedInvitation).toBe(1);
    expect(getDb().select().from(mandateInvitations).all()).toEqual([]);
  });

  it("limits invitations per address and per centre a day", async () => {
    const s = await setting();
    const sirets = [SAMPLE_FIXTURES.individual.siret, SAMPLE_FIXTURES.earlDemo.siret];
    // Three invitations to the same address from elsewhere today: the fourth is refused.
    for (let i = 0; i < 3; i++) limit([["mandateInvitation.address", "meme@exemple.fr"]], NOW.getTime());
    const data = await preview(s.centre, `siret;courriel\n${sirets[0]};meme@exemple.fr\n${sirets[1]};autre@exemple.fr\n`);
    const first = confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: data.sealed }, META, NOW);
    expect(first.ok && first.data.results.map((r) => [r.outcome, r.message])).toEqual([
      ["failed", expect.stringContaining("Trop d'invitations envoyées aujourd'hui à cette adresse : 3 au plus par jour.")],
      ["invited", expect.any(String)],
    ]);
    expect(mailsTo("meme@exemple.fr")).toEqual([]);
    // The centre's own daily count.
    for (let i = 0; i < 199; i++) limit([["mandateInvitation.structure", s.centre.structureId]], NOW.getTime());
    const more = await preview(s.centre, `siret;courriel\n${sirets[0]};troisieme@exemple.fr\n`);
    const second = confirmMandateFile(s.centre.actor, { agentStructureId: s.centre.structureId, rows: more.sealed }, META, NOW);
    expect(second.ok && second.data.results[0]).toMatchObject({
      outcome: "failed",
      message: expect.stringContaining("Trop d'invitations envoyées aujourd'hui par votre structure : 200 au plus par jour."),
    });
    // A day later, it goes.
    const tomorrow = new Date(NOW.getTime() + DAY + 1000);
    const retry = confirmMandateFile(
      s.centre.actor,
      {
        agentStructureId: s.centre.structureId,
        rows: (await preview(s.centre, `siret;courriel\n${sirets[0]};troisieme@exemple.fr\n`, tomorrow)).sealed,
      },
      META,
      tomorrow,
    );
    expect(retry.ok && retry.data.results[0]!.outcome).toBe("invited");
  });

  it("is a centre de gestion's gestionnaire principal's: not its other members, not a farm, not an agent", async () => {
    const s = await setting();
    expect(can(s.centre.actor, "mandate.askMany", { structureId: s.centre.structureId })).toBe(true);
    expect(can(s.accountant.actor, "mandate.askMany", { structureId: s.centre.structureId })).toBe(false);
    expect(can(s.farm.actor, "mandate.askMany", { structureId: s.farm.structureId })).toBe(false);
    const agent = await administrator();
    for (const [actor, structureId] of [
      [s.accountant.actor, s.centre.structureId],
      [s.farm.actor, s.farm.structureId],
      [s.farm.actor, s.centre.structureId],
      [agent, s.centre.structureId],
    ] as const) {
      await expect(previewMandateFile(actor as never, input(structureId, THREE), META, NOW)).rejects.toThrow(AccessDenied);
    }
    expect(getDb().select().from(mandateInvitations).all()).toEqual([]);
  });

  it("counts every SIRET read against the day's look-ups", async () => {
    const s = await setting();
    for (let i = 0; i < 199; i++) limit([["mandateLookup.user", s.centre.actor.userId]], NOW.getTime());
    const data = await preview(s.centre, THREE);
    expect(data.rows.map((r) => r.row)).toEqual([2]);
    expect(data.errors.find((e) => e.row === 3)?.message).toContain("Trop de recherches de SIRET aujourd'hui");
  });

  it("keeps the date of the file's choice and refuses a past one", async () => {
    const s = await setting();
    const past = await previewMandateFile(s.centre.actor, { ...input(s.centre.structureId, THREE), endDate: "2026-12-06" }, META, NOW);
    expect(past).toEqual({ ok: false, fieldErrors: { endDate: "La date de fin est aujourd'hui ou plus tard." } });
    const kept = await previewMandateFile(s.centre.actor, { ...input(s.centre.structureId, THREE), endDate: parisToday(NOW) }, META, NOW);
    expect(kept.ok && kept.data.rows.map((r) => r.endDate)).toEqual(["2026-12-07", "2026-12-07"]);
  });
});
