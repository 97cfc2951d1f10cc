// `npm run bench:national`: grows the bench's database to the size of the whole country, around the
// people the bench signs in as (their pages show the same things, only the database is bigger):
// about 200,000 farms, 400,000 users, 1,000 centres de gestion holding 200 mandates each, three years
// of refund requests (600,000, with their lines; each farm's documents are a few bytes).
export const NATIONAL = { farms: 200_000, users: 400_000, centres: 1_000, mandatesPerCentre: 200, years: 3 };

/**
 * Adds the national filler to a database already seeded by the bench (ids above the existing ones).
 * Statements prepared once, a transaction per 5,000 farms or users and a large page cache: one
 * transaction for everything made every read search an ever longer WAL.
 */
export function seedNational(db, { passwordHash, withLuhnKey, now, year }) {
  db.pragma("cache_size = -262144");
  let random = 7;
  const next = () => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const count = (table) => db.prepare(`SELECT count(*) AS n FROM ${table}`).get().n;
  const insertUser =
    db.prepare(`INSERT INTO users (login_email, contact_email, last_name, first_name, siret, address_street, postal_code, city,
    terms_accepted_at, status, password_hash, secret_question, secret_answer_hash, created_at, activated_at, password_changed_at)
    VALUES (?, ?, ?, ?, ?, '1 rue du Pays', '31450', 'MONTGISCARD', ?, 'active', ?, 'Question ?', ?, ?, ?, ?)`);
  const insertStructure =
    db.prepare(`INSERT INTO structures (siret, siren, name, street, postal_code, city, naf_code, legal_category, status,
    is_management_centre, verification_status, main_manager_id, created_at, created_by) VALUES (?, ?, ?, '1 CHE DU PAYS', '31450', 'MONTGISCARD', ?, ?, 'active', ?, ?, ?, ?, ?)`);
  const insertDirectory =
    db.prepare(`INSERT INTO directory_establishments (siret, siren, street, postal_code, city, naf_code, is_head_office, is_active, is_diffusible)
    VALUES (?, ?, '1 CHE DU PAYS', '31450', 'MONTGISCARD', ?, 1, 1, 1)`);
  const insertAttachment = db.prepare(
    `INSERT INTO attachments (user_id, structure_id, status, requested_at, decided_at, decided_by) VALUES (?, ?, 'approved', ?, ?, ?)`,
  );
  const insertSpace =
    db.prepare(`INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by)
    VALUES (?, 'ticRefund', 1, 1, '031123456', 'company', ?, ?)`);
  const insertSubscription =
    db.prepare(`INSERT INTO subscriptions (user_id, space_id, can_view, can_edit, start_date, status, requested_at, decided_at, decided_by)
    VALUES (?, ?, 1, 1, '2026-01-01', 'approved', ?, ?, ?)`);
  const insertMandate =
    db.prepare(`INSERT INTO mandates (farm_structure_id, agent_structure_id, can_edit, can_transmit, end_date, origin, status, requested_at, requested_by, decided_at, decided_by)
    VALUES (?, ?, 1, ?, NULL, 'given', 'active', ?, ?, ?, ?)`);
  const insertFile =
    db.prepare(`INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by)
    VALUES (?, ?, 'application/pdf', ?, 4, 'bench', X'25504446', ?, ?)`);
  const insertAccount =
    db.prepare(`INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by)
    VALUES (?, 'EARL DU PAYS', ?, 'AGRIFRPPXXX', ?, 1, ?, ?)`);
  const insertRequest =
    db.prepare(`INSERT INTO refund_requests (structure_id, year, status, reference, bank_account_id, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at, transmitted_at)
    VALUES (?, ?, ?, ?, ?, 1, '031123456', 'company', ?, ?, ?, ?)`);
  const insertLine =
    db.prepare(`INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, rate_kind, amount_cents, invoice_file_id, created_at, created_by)
    VALUES (?, ?, ?, 'gnr', ?, 38600, 'official', ?, ?, ?, ?)`);
  const statuses = ["submitted", "processing", "payment", "payment", "payment", "draft", "incomplete"];
  const years = Array.from({ length: NATIONAL.years }, (_, i) => year - NATIONAL.years + i);
  const added = { users: 0, farms: 0, centres: 0, mandates: 0, requests: 0, lines: 0 };

  const CHUNK = 5_000;
  const chunked = (index) => {
    if (index % CHUNK === 0) {
      if (db.inTransaction) db.exec("COMMIT");
      db.exec("BEGIN");
    }
  };
  db.exec("BEGIN");
  {
    const farmsToAdd = NATIONAL.farms - count("structures WHERE is_management_centre = 0");
    const centreIds = [];
    const farmSpaces = [];
    // The centres de gestion, each with one user of its own.
    for (let c = 0; c < NATIONAL.centres; c++) {
      const siren = withLuhnKey(String(60_000_000 + c));
      const user = insertUser.run(
        `centre.${c}@pays.exemple.fr`,
        `centre.${c}@pays.exemple.fr`,
        `Centre${c}`,
        "Comptable",
        withLuhnKey(`${siren}0001`),
        now,
        passwordHash,
        passwordHash,
        now,
        now,
        now,
      ).lastInsertRowid;
      const id = insertStructure.run(
        withLuhnKey(`${siren}0001`),
        siren,
        `CENTRE DE GESTION ${c}`,
        "69.20Z",
        "9220",
        1,
        "verified",
        user,
        now,
        user,
      ).lastInsertRowid;
      insertDirectory.run(withLuhnKey(`${siren}0001`), siren, "69.20Z");
      insertAttachment.run(user, id, now, now, user);
      centreIds.push(id);
      added.users++;
      added.centres++;
    }
    // The farms: a gestionnaire principal each, an open TIC space, bank details, a mandate to a
    // centre (200 per centre), three years of requests with their lines.
    for (let f = 0; f < farmsToAdd; f++) {
      chunked(f);
      const siren = withLuhnKey(String(30_000_000 + f));
      const siret = withLuhnKey(`${siren}0001`);
      const manager = insertUser.run(
        `exploitant.${f}@pays.exemple.fr`,
        `exploitant.${f}@pays.exemple.fr`,
        `Exploitant${f}`,
        "Prénom",
        siret,
        now,
        passwordHash,
        passwordHash,
        now,
        now,
        now,
      ).lastInsertRowid;
      const farm = insertStructure.run(
        siret,
        siren,
        `EARL DU PAYS ${f}`,
        "01.11Z",
        "6598",
        0,
        next() < 0.8 ? "verified" : "unverified",
        manager,
        now,
        manager,
      ).lastInsertRowid;
      insertDirectory.run(siret, siren, "01.11Z");
      insertAttachment.run(manager, farm, now, now, manager);
      farmSpaces.push([farm, insertSpace.run(farm, now, manager).lastInsertRowid]);
      added.users++;
      added.farms++;
      if (added.mandates < NATIONAL.centres * NATIONAL.mandatesPerCentre) {
        insertMandate.run(farm, centreIds[added.mandates % NATIONAL.centres], next() < 0.3 ? 1 : 0, now, manager, now, manager);
        added.mandates++;
      }
      const rib = insertFile.run(farm, "rib", "rib.pdf", now, manager).lastInsertRowid;
      // Each farm its own IBAN and invoice numbers, as in life: one IBAN or number shared by 200,000
      // farms would flag every request, and make each insert re-check them all (migration 0017).
      const account = insertAccount.run(farm, `FR76300070000${String(farm).padStart(11, "0")}89`, rib, now, manager).lastInsertRowid;
      const invoice = insertFile.run(farm, "invoice", "facture.pdf", now, manager).lastInsertRowid;
      for (const y of years) {
        const status = statuses[Math.floor(next() * statuses.length)];
        const changed = now - Math.floor(next() * 3 * 365 * 86_400_000);
        const request = insertRequest.run(
          farm,
          y,
          status,
          status === "draft" ? null : `TIC-${y}-P${String(f).padStart(6, "0")}`,
          account,
          changed,
          manager,
          changed,
          // Every request past « Brouillon » was transmitted (the instructors' list sorts on it).
          status === "draft" ? null : changed,
        ).lastInsertRowid;
        added.requests++;
        const lines = 1 + Math.floor(next() * 3);
        for (let n = 1; n <= lines; n++) {
          const volume = 500_000 + Math.floor(next() * 5_000_000);
          insertLine.run(
            request,
            `FA-${farm}-${y}-${n}`,
            `${y}-${String(1 + (n % 12)).padStart(2, "0")}-15`,
            volume,
            Math.round((volume * 38_600) / 10_000),
            invoice,
            changed,
            manager,
          );
          added.lines++;
        }
      }
    }
    // The other users: members of a farm (every second one subscribed to its TIC space).
    const usersToAdd = NATIONAL.users - count("users");
    for (let u = 0; u < usersToAdd; u++) {
      chunked(u);
      const [farm, space] = farmSpaces[u % farmSpaces.length];
      const user = insertUser.run(
        `membre.${u}@pays.exemple.fr`,
        `membre.${u}@pays.exemple.fr`,
        `Membre${u}`,
        "Prénom",
        "73282932000074",
        now,
        passwordHash,
        passwordHash,
        now,
        now,
        now,
      ).lastInsertRowid;
      insertAttachment.run(user, farm, now, now, user);
      if (u % 2 === 0) insertSubscription.run(user, space, now, now, user);
      added.users++;
    }
  }
  db.exec("COMMIT");
  // No ANALYZE: the portal's own database never runs it, so the query plans here are the ones it gets.
  return added;
}
