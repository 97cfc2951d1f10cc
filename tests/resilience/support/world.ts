// A structure with everything on it, built over HTTP: the TIC space, bank details, a draft request
// with a line, a pending attachment request, a consultation-only member, and a stranger.
import { expect } from "vitest";
import { createResendStub } from "../../support/resend-stub.mjs";
import { attachIn, grantTicSubscriptionIn } from "../../support/membership-fixture";
import { pdfFile } from "../../support/refund-files";
import { addTestRatesForLastYear } from "../../support/test-rates.mjs";
import { query } from "./app-server";
import { activePerson, createStructure, requestAttachment } from "../../support/people";
import { alertText, statusText, Visitor } from "../../support/visitor";

export const SIRET = "41234567000019";
export const OTHER_SIRET = "73282932000074";
/** The sample's centre de gestion (SAMPLE_FIXTURES.managementCentre). */
export const CENTRE_SIRET = "77123456400017";

export async function buildWorld(url: string, stub: ReturnType<typeof createResendStub>, databaseFile: string) {
  const year = addTestRatesForLastYear(databaseFile);
  const manager = await activePerson(url, () => stub.mails, "monde.gestionnaire@exemple.fr");
  await createStructure(manager, SIRET);
  const structureId = query<{ id: number }>(databaseFile, "SELECT id FROM structures WHERE siret = ?", SIRET)[0]!.id;
  const structurePage = `/gestionnaire/structures/${structureId}`;
  const opened = await manager.fillAndSubmit(structurePage, "Valider", {
    kinds: "ticRefund",
    canView: "on",
    canEdit: "on",
    pacage: "031123456",
    beneficiaryCategory: "company",
  });
  expect(statusText(opened), alertText(opened)).toContain("est ouvert");
  const rib = await pdfFile("rib.pdf");
  const account = await manager.fillAndSubmit(structurePage, "Enregistrer les références bancaires", {
    holder: "GAEC DU MOULIN",
    iban: "FR7630006000011234567890189",
    bic: "AGRIFRPPXXX",
    rib: new Blob([Buffer.from(rib.bytes)], { type: "application/pdf" }),
  });
  expect(statusText(account), alertText(account)).toContain("sont enregistrées");
  const created = await manager.fillAndSubmit("/remboursement-tic", "Saisir la demande", { year: String(year), notInDifficulty: "on" });
  expect(created.status, alertText(created)).toBe(303);
  const requestPage = created.location!;
  const line = await manager.fillAndSubmit(requestPage, "Valider et fermer", {
    invoiceNumber: "FA-1",
    deliveryDate: `${year}-03-15`,
    product: "gnr",
    volume: "100",
    billedFullTariff: "oui",
  });
  expect(statusText(line), alertText(line)).toContain("est ajoutée");

  const requester = await activePerson(url, () => stub.mails, "monde.demandeur@exemple.fr");
  await requestAttachment(requester, SIRET);
  const viewer = await activePerson(url, () => stub.mails, "monde.lecteur@exemple.fr");
  grantTicSubscriptionIn(databaseFile, "monde.lecteur@exemple.fr", structureId, { canView: true, canEdit: false });
  const stranger = await activePerson(url, () => stub.mails, "monde.autre@exemple.fr");
  await createStructure(stranger, OTHER_SIRET);
  // A centre de gestion's gestionnaire principal (« Demander des mandats à partir d'un fichier ») and a member who is not (ADR 0029).
  const centre = await activePerson(url, () => stub.mails, "monde.centre@exemple.fr");
  await createStructure(centre, CENTRE_SIRET, { managementCentre: true });
  const centreId = query<{ id: number }>(databaseFile, "SELECT id FROM structures WHERE siret = ?", CENTRE_SIRET)[0]!.id;
  const accountant = await activePerson(url, () => stub.mails, "monde.comptable@exemple.fr");
  attachIn(databaseFile, "monde.comptable@exemple.fr", centreId);
  const lineId = (query(databaseFile, "SELECT id FROM refund_lines ORDER BY id LIMIT 1") as { id: number }[])[0]!.id;
  const pages = { structurePage, requestPage, linePage: `${requestPage}/lignes/${lineId}`, deletePage: `${requestPage}/supprimer` };
  return { manager, viewer, stranger, centre, accountant, anonymous: new Visitor(url), structureId, pages };
}

/** Everything a person's action could have written (sessions, throttling counters, audit and mail delivery aside). */
export function fingerprint(databaseFile: string): string {
  const tables = [
    "users",
    "mail_tokens",
    "structures",
    "attachments",
    "user_preferences",
    "services",
    "spaces",
    "subscriptions",
    "bank_accounts",
    "refund_requests",
    "refund_lines",
    "refund_status_events",
    "mandates",
    "mandate_invitations",
    // Instruction (issue 20): the messages between the administration and the farm.
    "refund_messages",
    "refund_message_lines",
    // The administration's agents (issue 19); wrong codes are counted in rate_limits, not here.
    "agents",
    "agent_roles",
    "agent_departements",
    "agent_invitations",
    "agent_recovery_codes",
  ];
  const rows = tables.map((table) => query(databaseFile, `SELECT * FROM ${table} ORDER BY 1`));
  // Mails: which were written, not their delivery state (the worker sends them in the background).
  rows.push(query(databaseFile, 'SELECT id, "to", template FROM outbox ORDER BY 1'));
  rows.push(query(databaseFile, "SELECT id, sha256 FROM stored_files ORDER BY 1"));
  // A wrong verification code is counted on purpose (attempts): what else a letter holds must not move.
  rows.push(query(databaseFile, "SELECT id, structure_id, code_hash, sent_at, used_at, revoked_at FROM verification_letters ORDER BY 1"));
  rows.push(query(databaseFile, "SELECT * FROM structure_contests ORDER BY 1"));
  // Payment orders and their items (issue 20): one insert or status too many is a write.
  rows.push(
    query(databaseFile, "SELECT * FROM payment_orders ORDER BY 1"),
    query(databaseFile, "SELECT * FROM payment_order_items ORDER BY 1"),
  );
  return JSON.stringify(rows);
}
