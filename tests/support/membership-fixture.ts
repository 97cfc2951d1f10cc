// Test fixture written straight into a test database (e2e, resilience).
import Database from "better-sqlite3";

/**
 * Test fixture: makes this person a member of the structure with an approved subscription to its
 * TIC space, from today. The onboarding steps themselves are driven through the UI in
 * spaces.spec.ts; the refund and access tests start once they are done.
 */
export function grantTicSubscriptionIn(
  databaseFile: string,
  loginEmail: string,
  structureId: number,
  rights: { canView: boolean; canEdit: boolean },
) {
  const db = new Database(databaseFile);
  try {
    db.transaction(() => {
      const user = db.prepare("SELECT id FROM users WHERE login_email = ?").get(loginEmail) as { id: number };
      const space = db
        .prepare("SELECT id FROM spaces WHERE structure_id = ? AND kind = 'ticRefund' AND closed_at IS NULL")
        .get(structureId) as { id: number };
      const now = Date.now();
      db.prepare("INSERT INTO attachments (user_id, structure_id, status, requested_at, decided_at) VALUES (?, ?, 'approved', ?, ?)").run(
        user.id,
        structureId,
        now,
        now,
      );
      db.prepare("INSERT OR REPLACE INTO user_preferences (user_id, current_structure_id) VALUES (?, ?)").run(user.id, structureId);
      db.prepare(
        "INSERT INTO subscriptions (user_id, space_id, can_view, can_edit, start_date, status, requested_at, decided_at) VALUES (?, ?, ?, ?, ?, 'approved', ?, ?)",
      ).run(
        user.id,
        space.id,
        rights.canView ? 1 : 0,
        rights.canEdit ? 1 : 0,
        new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date()),
        now,
        now,
      );
    })();
  } finally {
    db.close();
  }
}

/** Test fixture: makes this person an approved member of the structure (no subscription), working on it. */
export function attachIn(databaseFile: string, loginEmail: string, structureId: number) {
  const db = new Database(databaseFile);
  try {
    db.transaction(() => {
      const user = db.prepare("SELECT id FROM users WHERE login_email = ?").get(loginEmail) as { id: number };
      const now = Date.now();
      db.prepare("INSERT INTO attachments (user_id, structure_id, status, requested_at, decided_at) VALUES (?, ?, 'approved', ?, ?)").run(
        user.id,
        structureId,
        now,
        now,
      );
      db.prepare("INSERT OR REPLACE INTO user_preferences (user_id, current_structure_id) VALUES (?, ?)").run(user.id, structureId);
    })();
  } finally {
    db.close();
  }
}
