// Test fixture written straight into the e2e database: a manager with a lot on their plate, so
// that the responsive sweep sees long pages (tests/e2e/responsive.spec.ts).
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";

export type BusyManager = { loginEmail: string; structureId: number; requestId: number; siret: string };

/**
 * A gestionnaire principal (active account, this password) of a structure whose TIC space is open,
 * with `pending` people waiting for their attachment to be decided and a draft refund request for
 * `year` with `lines` lines. Rates and amounts are plausible, not recomputed: the pages only show them.
 */
export async function busyManagerIn(
  databaseFile: string,
  options: { loginEmail: string; password: string; siret: string; name: string; year: number; pending: number; lines: number },
): Promise<BusyManager> {
  const passwordHash = await hash(options.password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const db = new Database(databaseFile);
  try {
    return db.transaction(() => {
      const now = Date.now();
      const person = db.prepare(
        `INSERT INTO users (login_email, contact_email, last_name, first_name, phone, siret, address_street, postal_code, city,
           terms_accepted_at, status, password_hash, created_at, activated_at)
         VALUES (?, ?, ?, ?, NULL, ?, '3 route de Lavaur', '31500', 'Toulouse', ?, ?, ?, ?, ?) RETURNING id`,
      );
      const managerId = (
        person.get(
          options.loginEmail,
          options.loginEmail,
          "Durand-Lacassagne",
          "Marie-Christine",
          options.siret,
          now,
          "active",
          passwordHash,
          now,
          now,
        ) as { id: number }
      ).id;
      const structureId = (
        db
          .prepare(
            `INSERT INTO structures (siret, siren, name, street, postal_code, city, naf_code, legal_category, status, is_management_centre, main_manager_id, created_at, created_by)
             VALUES (?, ?, ?, '3 route de Lavaur', '31500', 'Toulouse', '01.11Z', '6598', 'active', 0, ?, ?, ?) RETURNING id`,
          )
          .get(options.siret, options.siret.slice(0, 9), options.name, managerId, now, managerId) as { id: number }
      ).id;
      const attach = db.prepare("INSERT INTO attachments (user_id, structure_id, status, requested_at, decided_at) VALUES (?, ?, ?, ?, ?)");
      attach.run(managerId, structureId, "approved", now, now);
      db.prepare("INSERT INTO user_preferences (user_id, current_structure_id) VALUES (?, ?)").run(managerId, structureId);
      db.prepare(
        `INSERT INTO spaces (structure_id, kind, can_view, can_edit, pacage, beneficiary_category, opened_at, opened_by)
         VALUES (?, 'ticRefund', 1, 1, '031123456', 'company', ?, ?)`,
      ).run(structureId, now, managerId);
      for (let i = 1; i <= options.pending; i++) {
        const email = options.loginEmail.replace("@", `.demandeur${i}@`);
        const id = (
          person.get(email, email, `Demandeur-Numéro-${i}`, "Jean-Baptiste", options.siret, now, "active", null, now, now) as { id: number }
        ).id;
        attach.run(id, structureId, "pending", now - i * 60_000, null);
      }
      const requestId = (
        db
          .prepare(
            `INSERT INTO refund_requests (structure_id, year, status, not_in_difficulty, pacage, beneficiary_category, created_at, created_by, updated_at)
             VALUES (?, ?, 'draft', 0, '031123456', 'company', ?, ?, ?) RETURNING id`,
          )
          .get(structureId, options.year, now, managerId, now) as { id: number }
      ).id;
      const line = db.prepare(
        `INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, amount_cents, created_at, created_by)
         VALUES (?, ?, ?, 'gnr', ?, 14960, ?, ?, ?)`,
      );
      for (let i = 1; i <= options.lines; i++) {
        const volumeMilli = 1_234_567 * i; // hectolitres × 1000
        line.run(
          requestId,
          `FAC-${options.year}-GNR-LIVRAISON-${String(i).padStart(4, "0")}`,
          `${options.year}-${String(((i - 1) % 12) + 1).padStart(2, "0")}-15`,
          volumeMilli,
          Math.round((volumeMilli * 14960) / 1e4),
          now,
          managerId,
        );
      }
      return { loginEmail: options.loginEmail, structureId, requestId, siret: options.siret };
    })();
  } finally {
    db.close();
  }
}
