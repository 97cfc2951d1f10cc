import { and, count, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, directoryEstablishments, directoryLegalUnits, refundLines, refundRequests, structures } from "@/db/schema";
import { getDb } from "@/lib/db";
import { formatSiret } from "@/lib/identifiers";
import { endMandate, giveMandate } from "@/lib/mandates/mandates";
import { formatEuros } from "@/lib/refunds/amounts";
import { addBankAccount } from "@/lib/refunds/bank-accounts";
import { ATTESTATION_NEEDS_TRANSMISSION, BULK_CSV_COLUMNS, NOT_IN_PORTFOLIO, importPortfolioLines } from "@/lib/refunds/bulk-import";
import { csvTemplate } from "@/lib/refunds/csv-lines";
import { addLine, createRequest, importLines } from "@/lib/refunds/requests";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { META } from "../support/accounts";
import { importSample } from "../support/directory";
import { csv, pdfFile } from "../support/refund-files";
import { attachedMember, managerWithStructure, openTicSpace } from "../support/structures";

/** Mid-2024: deliveries of 2021, 2022 and 2023 can be filed; GNR 14,96 €/hl, GPL 5,72 €/100 kg. */
const NOW = new Date("2024-06-15T10:00:00Z");
const HEADER = "siret;numero_facture;date_livraison;produit;volume;tarif_plein";
const CENTRE = SAMPLE_FIXTURES.managementCentre.siret;

/** Active farms of the bundled SIRENE sample beyond the named fixtures. */
function moreFarmSirets(n: number): string[] {
  const named: string[] = Object.values(SAMPLE_FIXTURES).map((f) => f.siret);
  return getDb()
    .select({ siret: directoryEstablishments.siret })
    .from(directoryEstablishments)
    .innerJoin(directoryLegalUnits, eq(directoryLegalUnits.siren, directoryEstablishments.siren))
    .where(
      and(
        eq(directoryEstablishments.isActive, true),
        eq(directoryLegalUnits.isActive, true),
        eq(directoryLegalUnits.isDiffusible, true),
        like(directoryEstablishments.nafCode, "01%"),
      ),
    )
    .all()
    .map((row) => row.siret)
    .filter((siret) => !named.includes(siret))
    .slice(0, n);
}

async function farmGivingMandate(
  siret: string,
  centreId: number,
  rights: "consultation" | "modification" = "modification",
  canTransmit = false,
) {
  const manager = await managerWithStructure(siret);
  openTicSpace(manager.actor, manager.structureId);
  const mandate = giveMandate(
    manager.actor,
    { farmStructureId: manager.structureId, agentSiret: CENTRE, rights, canTransmit, endDate: null },
    META,
  );
  if (!mandate.ok) throw new Error(JSON.stringify(mandate));
  const name = getDb().select({ name: structures.name }).from(structures).where(eq(structures.id, manager.structureId)).get()!.name;
  return { ...manager, siret, name, mandateId: mandate.data.mandateId, centreId };
}

/** A centre de gestion, one of its users (not its manager), and three client farms that gave it « Modification ». */
async function portfolio() {
  await importSample();
  const centre = await managerWithStructure(CENTRE, true);
  const user = (await attachedMember(centre.actor, centre.structureId)).actor;
  const [gaec, individual, cuma] = [
    await farmGivingMandate(SAMPLE_FIXTURES.gaec.siret, centre.structureId),
    await farmGivingMandate(SAMPLE_FIXTURES.individual.siret, centre.structureId),
    await farmGivingMandate(SAMPLE_FIXTURES.cuma.siret, centre.structureId),
  ] as const;
  const account = addBankAccount(
    gaec.actor,
    {
      structureId: gaec.structureId,
      holder: "GAEC du Moulin",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPPXXX",
      makeDefault: true,
      rib: await pdfFile("rib.pdf"),
    },
    META,
  );
  if (!account.ok) throw new Error(JSON.stringify(account));
  return { centre, user, gaec, individual, cuma, bankAccountId: account.data.bankAccountId };
}

const counts = () => ({
  requests: getDb().select({ n: count() }).from(refundRequests).get()!.n,
  lines: getDb().select({ n: count() }).from(refundLines).get()!.n,
  audit: getDb()
    .select({ n: count() })
    .from(auditEvents)
    .where(inArray(auditEvents.action, ["refund.created", "refund.lines_imported"]))
    .get()!.n,
});

describe("import across farms (centre de gestion)", () => {
  it("offers a template with the SIRET first, then exactly the per-request columns, then the sworn statement", () => {
    expect(csvTemplate(BULK_CSV_COLUMNS)).toBe("\uFEFFsiret;numero_facture;date_livraison;produit;volume;tarif_plein;attestation\r\n");
  });

  it("ticks the sworn statement from the file only under a mandate with transmission, recorded as such (issue 21, point 11)", async () => {
    await importSample();
    const centre = await managerWithStructure(CENTRE, true);
    const user = (await attachedMember(centre.actor, centre.structureId)).actor;
    const withTransmission = await farmGivingMandate(SAMPLE_FIXTURES.gaec.siret, centre.structureId, "modification", true);
    const without = await farmGivingMandate(SAMPLE_FIXTURES.individual.siret, centre.structureId, "modification", false);
    const header = `${HEADER};attestation`;
    const refused = importPortfolioLines(
      user,
      {
        file: csv(
          `${header}\n${withTransmission.siret};FA-1;15/03/2023;GNR;100;;oui\n${without.siret};FB-1;15/03/2023;GNR;100;;oui\n${without.siret};FB-2;16/03/2023;GNR;100;;peut-être\n`,
        ),
      },
      META,
      NOW,
    );
    expect(refused).toMatchObject({
      ok: false,
      rowErrors: [
        { row: 3, column: "attestation", message: ATTESTATION_NEEDS_TRANSMISSION },
        { row: 4, column: "attestation", message: "Écrivez « oui », « non » ou laissez la case vide." },
      ],
    });
    expect(counts()).toEqual({ requests: 0, lines: 0, audit: 0 });

    const done = importPortfolioLines(
      user,
      {
        file: csv(
          `${header}\n${withTransmission.siret};FA-1;15/03/2023;GNR;100;;OUI\n${without.siret};FB-1;15/03/2023;GNR;100;;\n${without.siret};FB-2;16/03/2023;GNR;100;;non\n`,
        ),
      },
      META,
      NOW,
    );
    expect(done.ok).toBe(true);
    const requestOf = (structureId: number) =>
      getDb()
        .select()
        .from(refundRequests)
        .where(and(eq(refundRequests.structureId, structureId), eq(refundRequests.year, 2023)))
        .get()!;
    expect(requestOf(withTransmission.structureId).notInDifficulty).toBe(true);
    expect(requestOf(without.structureId).notInDifficulty).toBe(false);
    const attested = getDb().select().from(auditEvents).where(eq(auditEvents.action, "refund.attested")).all();
    expect(attested).toHaveLength(1);
    expect(attested[0]).toMatchObject({ actorUserId: user.userId, targetId: String(requestOf(withTransmission.structureId).id) });
    expect(JSON.parse(attested[0]!.details!)).toMatchObject({ source: "import", underMandate: true, year: 2023 });
    // A file of the earlier format, without the column, is still read.
    expect(importPortfolioLines(user, { file: csv(`${HEADER}\n${without.siret};FB-3;17/03/2023;GNR;100;\n`) }, META, NOW).ok).toBe(true);
  });

  it("writes nothing when one row is wrong and lists every error with its row and column; the corrected file creates the drafts", async () => {
    const world = await portfolio();
    const { gaec, individual, cuma } = world;
    const rows = [
      `${formatSiret(gaec.siret)};FA-1;15/03/2023;GNR;100;`,
      `${gaec.siret};FA-2;10/10/2022;GNR;10;`,
      `${individual.siret};FB-1;15/03/2023;Gazole non routier;200;`,
      `${cuma.siret};FC-1;01/04/2023;GPL;12,5;`,
    ];
    const wrong = importPortfolioLines(
      world.user,
      { file: csv(`${HEADER}\n${rows.join("\n")}\n${cuma.siret};FC-2;31/02/2023;GNR;-4;\n`) },
      META,
      NOW,
    );
    expect(wrong).toEqual({
      ok: false,
      formError: "Rien n'a été importé : le fichier contient 2 erreurs. Corrigez-les puis importez de nouveau le fichier entier.",
      rowErrors: [
        { row: 6, column: "date_livraison", message: "La date « 31/02/2023 » n'existe pas : vérifiez le jour et le mois." },
        { row: 6, column: "volume", message: "Le volume est un nombre positif, avec au plus 3 décimales (ex. 1 250,5)." },
      ],
    });
    expect(counts()).toEqual({ requests: 0, lines: 0, audit: 0 });

    const right = importPortfolioLines(
      world.user,
      { file: csv(`\uFEFF${HEADER}\r\n${rows.join("\r\n")}\r\n${cuma.siret};FC-2;28/02/2023;GNR;4;\r\n`) },
      META,
      NOW,
    );
    expect(right.ok).toBe(true);
    const farms = right.ok ? right.data.farms : [];
    const requestOf = (structureId: number, year: number) =>
      getDb()
        .select()
        .from(refundRequests)
        .where(and(eq(refundRequests.structureId, structureId), eq(refundRequests.year, year)))
        .get()!;
    const expected = [
      { farm: individual, year: 2023, lines: 1, amountCents: 299_200 },
      { farm: cuma, year: 2023, lines: 2, amountCents: 7_150 + 5_984 },
      { farm: gaec, year: 2022, lines: 1, amountCents: 14_960 },
      { farm: gaec, year: 2023, lines: 1, amountCents: 149_600 },
    ].sort((a, b) => a.farm.name.localeCompare(b.farm.name, "fr") || a.year - b.year);
    expect(farms).toEqual(
      expected.map(({ farm, year, lines, amountCents }) => ({
        structureId: farm.structureId,
        name: farm.name,
        siret: farm.siret,
        year,
        requestId: requestOf(farm.structureId, year).id,
        created: true,
        lines,
        amountCents,
      })),
    );
    expect(right.ok && right.message).toBe(
      `5 lignes importées pour 3 exploitations (${formatEuros(476_894)} demandés). Joignez maintenant la copie de chaque facture, demande par demande.`,
    );
    // Created exactly as « Saisir la demande » would: a draft, the default account if any, no attestation, the space's PACAGE.
    expect(requestOf(gaec.structureId, 2023)).toMatchObject({
      status: "draft",
      bankAccountId: world.bankAccountId,
      notInDifficulty: false,
      pacage: "031123456",
      createdBy: world.user.userId,
    });
    expect(requestOf(cuma.structureId, 2023)).toMatchObject({ status: "draft", bankAccountId: null, notInDifficulty: false });
    expect(counts()).toEqual({ requests: 4, lines: 5, audit: 8 });
  });

  it("refuses, row by row, the farms the user may not edit, a closed year and a transmitted request", async () => {
    const world = await portfolio();
    const [consultOnly, ended] = [
      await farmGivingMandate(moreFarmSirets(1)[0]!, world.centre.structureId, "consultation"),
      await farmGivingMandate(moreFarmSirets(2)[1]!, world.centre.structureId),
    ];
    expect(endMandate(ended.actor, ended.mandateId, META).ok).toBe(true);
    const sent = createRequest(
      world.user,
      { structureId: world.gaec.structureId, year: 2023, bankAccountId: null, notInDifficulty: true },
      META,
      NOW,
    );
    const sentId = sent.ok ? sent.data.requestId : 0;
    getDb().update(refundRequests).set({ status: "submitted" }).where(eq(refundRequests.id, sentId)).run();
    const before = counts();
    const result = importPortfolioLines(
      world.user,
      {
        file: csv(
          [
            HEADER,
            `${consultOnly.siret};A-1;15/03/2023;GNR;10;`,
            `${ended.siret};A-2;15/03/2023;GNR;10;`,
            `${SAMPLE_FIXTURES.earlDemo.siret};A-3;15/03/2023;GNR;10;`,
            `732 829 320;A-4;15/03/2023;GNR;10;`,
            `${world.gaec.siret};A-5;15/03/2023;GNR;10;`,
            `${world.individual.siret};A-6;15/03/2019;GNR;10;`,
            `${world.cuma.siret};A-7;15/03/2023;GNR;10;`,
            `${world.cuma.siret};A-7;15/03/2023;GNR;12;`,
          ].join("\n"),
        ),
      },
      META,
      NOW,
    );
    expect(result).toMatchObject({
      ok: false,
      rowErrors: [
        { row: 2, column: "siret", message: NOT_IN_PORTFOLIO },
        { row: 3, column: "siret", message: NOT_IN_PORTFOLIO },
        { row: 4, column: "siret", message: NOT_IN_PORTFOLIO },
        { row: 5, column: "siret", message: expect.stringMatching(/^Le n° de SIRET/) },
        {
          row: 6,
          column: "date_livraison",
          message: `La demande 2023 de ${world.gaec.name} est transmise (statut « Mise à disposition ») : elle ne peut plus être modifiée, sauf si l'administration la déclare « à compléter ».`,
        },
        { row: 7, column: "date_livraison", message: expect.stringMatching(/^Le délai pour les livraisons de 2019 est dépassé/) },
        { row: 9, column: "numero_facture", message: "Même facture, même produit et même date de livraison qu'à la ligne 8 du fichier." },
      ],
    });
    expect(counts()).toEqual(before);
  });

  it("adds lines to an existing draft, refusing a line it already has", async () => {
    const world = await portfolio();
    const created = createRequest(
      world.user,
      { structureId: world.gaec.structureId, year: 2023, bankAccountId: null, notInDifficulty: true },
      META,
      NOW,
    );
    const id = created.ok ? created.data.requestId : 0;
    expect(
      addLine(
        world.user,
        {
          requestId: id,
          invoiceNumber: "FA-1",
          deliveryDate: "2023-03-15",
          product: "gnr",
          volume: "100",
          billedFullTariff: "",
          invoice: null,
          then: "stay",
        },
        META,
        NOW,
      ).ok,
    ).toBe(true);
    const clash = importPortfolioLines(world.user, { file: csv(`${HEADER}\n${world.gaec.siret};FA-1;15/03/2023;GNR;100;\n`) }, META, NOW);
    expect(clash).toMatchObject({
      ok: false,
      rowErrors: [{ row: 2, column: "numero_facture", message: expect.stringMatching(/^Une ligne porte déjà la facture n° FA-1/) }],
    });
    const version = getDb().select({ v: refundRequests.version }).from(refundRequests).where(eq(refundRequests.id, id)).get()!.v;
    const result = importPortfolioLines(
      world.user,
      { file: csv(`${HEADER}\n${world.gaec.siret};FA-2;16/03/2023;GNR;100;\n${world.gaec.siret};FA-3;17/03/2023;GNR;1;\n`) },
      META,
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      data: { farms: [{ requestId: id, year: 2023, created: false, lines: 2, amountCents: 151_096 }] },
    });
    const request = getDb().select().from(refundRequests).where(eq(refundRequests.id, id)).get()!;
    expect(request).toMatchObject({ notInDifficulty: true, version: version + 1 });
    expect(getDb().select({ n: count() }).from(refundLines).where(eq(refundLines.requestId, id)).get()!.n).toBe(3);
  });

  it("states the caps and the header in French", async () => {
    const world = await portfolio();
    expect(importPortfolioLines(world.user, { file: null }, META, NOW)).toEqual({
      ok: false,
      fieldErrors: { file: "Choisissez le fichier CSV à importer." },
    });
    expect(
      importPortfolioLines(
        world.user,
        { file: csv("numero_facture;date_livraison;produit;volume;tarif_plein\nA;15/03/2023;GNR;1;\n") },
        META,
        NOW,
      ),
    ).toMatchObject({
      ok: false,
      rowErrors: [
        {
          row: 1,
          column: null,
          message:
            "La première ligne doit être exactement : siret;numero_facture;date_livraison;produit;volume;tarif_plein;attestation (téléchargez le modèle).",
        },
      ],
    });
    const many = Array.from({ length: 501 }, (_, i) => `${world.gaec.siret};F-${i};15/03/2023;GNR;1;`).join("\n");
    expect(importPortfolioLines(world.user, { file: csv(`${HEADER}\n${many}\n`) }, META, NOW)).toMatchObject({
      ok: false,
      rowErrors: [{ row: 0, message: "Le fichier contient 501 lignes : 500 au plus par import." }],
    });
    // 499 lines already in the draft: two more would pass the 500 lines of a request.
    const created = createRequest(
      world.user,
      { structureId: world.gaec.structureId, year: 2023, bankAccountId: null, notInDifficulty: false },
      META,
      NOW,
    );
    const id = created.ok ? created.data.requestId : 0;
    const full = Array.from({ length: 499 }, (_, i) => `F-${i};15/03/2023;GNR;1`).join("\n");
    expect(
      importLines(world.user, { requestId: id, file: csv(`numero_facture;date_livraison;produit;volume\n${full}\n`) }, META, NOW),
    ).toMatchObject({ ok: true });
    expect(
      importPortfolioLines(
        world.user,
        {
          file: csv(
            `${HEADER}\n${world.cuma.siret};C-1;15/03/2023;GNR;1;\n${world.gaec.siret};G-1;15/03/2023;GNR;1;\n${world.gaec.siret};G-2;15/03/2023;GNR;1;\n`,
          ),
        },
        META,
        NOW,
      ),
    ).toEqual({
      ok: false,
      formError: expect.any(String),
      rowErrors: [
        {
          row: 3,
          column: null,
          message: `La demande 2023 de ${world.gaec.name} compte 499 lignes et le fichier lui en apporte 2 : 500 lignes au plus par demande.`,
        },
      ],
    });
    expect(getDb().select({ n: count() }).from(refundRequests).where(eq(refundRequests.structureId, world.cuma.structureId)).get()!.n).toBe(
      0,
    );
  });
});
