import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { CHECKS, CHECKS_FIRED_SQL } from "@/lib/instruction/checks";
import { refundFarm } from "../support/refund-farm";
import { T0, ageBankDetails, farmSiretsIn, otherFarm, transmitted } from "../support/instruction";

// What migration 0016 stores for the list (ADR 0026 « Speed »): the request's département and the
// mask of the checks, both kept by triggers. The request file computes the checks live; the stored
// mask must always be what the same conditions say now, whatever wrote what.

const sqlite = () => getDb().$client;
const DAY = 86_400_000;

/** Requests whose stored mask differs from the live conditions (the list's and the file's). */
const stale = () =>
  sqlite()
    .prepare(
      `SELECT id, checks_fired AS stored, ${CHECKS_FIRED_SQL("r")} AS live FROM refund_requests r WHERE checks_fired <> ${CHECKS_FIRED_SQL("r")}`,
    )
    .all();

/** The stored tallies (migration 0017) that differ from the live count: « département/status/instructor/flagged: stored ≠ live ». */
const untallied = () => {
  const key = (r: { d: string; s: string; i: number; f: number }) => `${r.d}/${r.s}/${r.i}/${r.f}`;
  const live = new Map(
    (
      sqlite()
        .prepare(
          "SELECT coalesce(departement, '') AS d, status AS s, coalesce(instructor_agent_id, 0) AS i, checks_fired <> 0 AS f, count(*) AS n FROM refund_requests GROUP BY 1, 2, 3, 4",
        )
        .all() as { d: string; s: string; i: number; f: number; n: number }[]
    ).map((r) => [key(r), r.n]),
  );
  const stored = new Map(
    (
      sqlite()
        .prepare("SELECT departement AS d, status AS s, instructor_agent_id AS i, flagged AS f, n FROM request_tallies WHERE n <> 0")
        .all() as {
        d: string;
        s: string;
        i: number;
        f: number;
        n: number;
      }[]
    ).map((r) => [key(r), r.n]),
  );
  return [...new Set([...live.keys(), ...stored.keys()])]
    .filter((k) => live.get(k) !== stored.get(k))
    .map((k) => `${k}: ${stored.get(k) ?? 0} ≠ ${live.get(k) ?? 0}`);
};

/** Requests whose stored total (migration 0019) differs from the sum of their lines: « id: stored ≠ live ». */
const untotalled = () =>
  (
    sqlite()
      .prepare(
        "SELECT id, lines_total_cents AS stored, (SELECT coalesce(sum(l.amount_cents), 0) FROM refund_lines l WHERE l.request_id = r.id) AS live FROM refund_requests r WHERE stored <> live",
      )
      .all() as { id: number; stored: number; live: number }[]
  ).map((r) => `${r.id}: ${r.stored} ≠ ${r.live}`);

describe("the stored checks (refund_requests.checks_fired)", () => {
  it("every trigger computes the mask with the list's own conditions (CHECKS_FIRED_SQL)", () => {
    const triggers = sqlite().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%checks%'").all() as {
      name: string;
      sql: string;
    }[];
    expect(triggers.map((t) => t.name).sort()).toEqual([
      "bank_accounts_checks_delete",
      "bank_accounts_checks_insert",
      "bank_accounts_checks_update",
      "refund_lines_checks_delete",
      "refund_lines_checks_insert",
      "refund_lines_checks_update",
      "refund_requests_checks_delete",
      "refund_requests_checks_insert",
      "refund_requests_checks_update",
    ]);
    // Change a check in lib/instruction/checks.ts: write a migration that recreates these triggers.
    for (const trigger of triggers) expect(trigger.sql, trigger.name).toContain(`SET \`checks_fired\` = ${CHECKS_FIRED_SQL("r")}`);
  });

  it("stays equal to the live checks, and the tallies to the requests, over many random writes (lines, statuses, instructors, accounts, postal codes, deletions)", async () => {
    const world = await refundFarm();
    const farms = [world];
    for (const siret of farmSiretsIn("31", 3)) farms.push(await otherFarm(siret));
    const db = sqlite();
    let seed = 20;
    // A 32-bit LCG in integers (a product in floats would lose its low bits): the same walk on every run.
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const file = db
      .prepare(
        `INSERT INTO stored_files (structure_id, kind, media_type, original_name, byte_size, sha256, content, uploaded_at, uploaded_by)
         VALUES (?, 'invoice', 'application/pdf', 'facture.pdf', 4, 'test', X'25504446', ?, ?)`,
      )
      .run(world.structureId, T0.getTime(), world.actor.userId).lastInsertRowid;
    const agentIds = [1, 2].map((n) =>
      Number(
        db
          .prepare("INSERT INTO agents (email, first_name, last_name, status, created_at) VALUES (?, 'Ana', 'Gent', 'active', ?)")
          .run(`agent${n}@administration.gouv.fr`, T0.getTime()).lastInsertRowid,
      ),
    );
    const ibans = ["FR7630006000011234567890189", "FR1420041010050500013M02606", "FR7610011000201234567890188"];
    const accounts = farms.map((farm) => ({ structureId: farm.structureId, id: farm.bankAccountId }));
    const requests: number[] = [];
    const lines: number[] = [];
    const operations = [
      // A request of a farm for a year it has none of yet, on one of its accounts, in any status.
      () => {
        const farm = pick(farms);
        const year = pick([2021, 2022, 2023]);
        if (db.prepare("SELECT 1 FROM refund_requests WHERE structure_id = ? AND year = ?").get(farm.structureId, year)) return;
        const account = pick(accounts.filter((a) => a.structureId === farm.structureId));
        const at = T0.getTime() - Math.floor(next() * 60) * DAY;
        requests.push(
          Number(
            db
              .prepare(
                `INSERT INTO refund_requests (structure_id, year, status, bank_account_id, not_in_difficulty, created_at, created_by, updated_at, transmitted_at)
                 VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
              )
              .run(
                farm.structureId,
                year,
                pick(["draft", "submitted", "processing", "incomplete", "accepted"]),
                account.id,
                at,
                farm.actor.userId,
                at,
                at,
              ).lastInsertRowid,
          ),
        );
      },
      () => {
        if (requests.length === 0) return;
        const added = db
          .prepare(
            `INSERT INTO refund_lines (request_id, invoice_number, delivery_date, product, volume_milli, rate_milli_euros, rate_kind, amount_cents, invoice_file_id, created_at, created_by)
             VALUES (?, ?, '2023-03-15', ?, ?, 14960, ?, 100, ?, ?, ?) ON CONFLICT DO NOTHING`,
          )
          .run(
            pick(requests),
            pick(["F-1", "F-2", "F-3", "F-4", "F-5", "F-6"]),
            pick(["gnr", "gnr", "naturalGasHeating"]),
            pick([1_000, 3_000, 10_000, 40_000]),
            pick(["official", "official", "official", "calculated", "provisional"]),
            next() < 0.85 ? file : null,
            T0.getTime(),
            world.actor.userId,
          );
        if (added.changes === 1) lines.push(Number(added.lastInsertRowid));
      },
      () => {
        if (lines.length === 0) return;
        // The volume and, with it, the amount (migration 0019 keeps the request's total).
        const volume = pick([1_000, 3_000, 50_000]);
        db.prepare("UPDATE refund_lines SET volume_milli = ?, amount_cents = ? WHERE id = ?").run(volume, volume / 10, pick(lines));
      },
      () =>
        lines.length > 0 &&
        db.prepare("UPDATE OR IGNORE refund_lines SET invoice_number = ? WHERE id = ?").run(pick(["F-1", "F-2", "F-7"]), pick(lines)),
      () =>
        lines.length > 0 &&
        db.prepare("UPDATE refund_lines SET invoice_file_id = ? WHERE id = ?").run(next() < 0.5 ? file : null, pick(lines)),
      () =>
        lines.length > 0 &&
        db.prepare("UPDATE refund_lines SET rate_kind = ? WHERE id = ?").run(pick(["official", "calculated"]), pick(lines)),
      () =>
        lines.length > 0 && db.prepare("DELETE FROM refund_lines WHERE id = ?").run(lines.splice(Math.floor(next() * lines.length), 1)[0]),
      () =>
        requests.length > 0 &&
        db
          .prepare("UPDATE refund_requests SET status = ? WHERE id = ?")
          .run(pick(["draft", "submitted", "processing", "rejected"]), pick(requests)),
      () =>
        requests.length > 0 &&
        db
          .prepare("UPDATE refund_requests SET transmitted_at = ? WHERE id = ?")
          .run(T0.getTime() - Math.floor(next() * 90) * DAY, pick(requests)),
      () => {
        const farm = pick(farms);
        accounts.push({
          structureId: farm.structureId,
          id: Number(
            db
              .prepare(
                `INSERT INTO bank_accounts (structure_id, holder, iban, bic, rib_file_id, is_default, created_at, created_by)
                 VALUES (?, 'EARL', ?, 'AGRIFRPPXXX', ?, 0, ?, ?)`,
              )
              .run(farm.structureId, pick(ibans), file, T0.getTime() - Math.floor(next() * 90) * DAY, farm.actor.userId).lastInsertRowid,
          ),
        });
      },
      () =>
        db
          .prepare("UPDATE bank_accounts SET created_at = ? WHERE id = ?")
          .run(T0.getTime() - Math.floor(next() * 90) * DAY, pick(accounts).id),
      () =>
        requests.length > 0 &&
        db.prepare("UPDATE refund_requests SET instructor_agent_id = ? WHERE id = ?").run(pick([null, ...agentIds]), pick(requests)),
      () =>
        db.prepare("UPDATE structures SET postal_code = ? WHERE id = ?").run(pick(["31450", "81100", "20167"]), pick(farms).structureId),
      () => {
        if (requests.length === 0) return;
        const [id] = requests.splice(Math.floor(next() * requests.length), 1);
        db.prepare("DELETE FROM refund_lines WHERE request_id = ?").run(id);
        db.prepare("DELETE FROM refund_requests WHERE id = ?").run(id);
        lines.splice(0, lines.length, ...(db.prepare("SELECT id FROM refund_lines").pluck().all() as number[]));
      },
    ];
    // Lines twice as often as the other writes; the farms' years are few, so the previous year's request is often there.
    const weighted = [...operations, operations[1]!];
    const fired = new Set<number>();
    const tallied = new Set<string>();
    for (let step = 0; step < 1200; step++) {
      pick(weighted)();
      if (step % 20 === 19) {
        expect(stale(), `after step ${step}`).toEqual([]);
        expect(untallied(), `after step ${step}`).toEqual([]);
        expect(untotalled(), `after step ${step}`).toEqual([]);
        for (const row of db
          .prepare("SELECT departement || '/' || instructor_agent_id || '/' || flagged AS k FROM request_tallies WHERE n > 0")
          .all() as { k: string }[])
          tallied.add(row.k);
        for (const row of db.prepare("SELECT checks_fired AS mask FROM refund_requests").all() as { mask: number }[]) fired.add(row.mask);
      }
    }
    expect(stale()).toEqual([]);
    expect(untallied()).toEqual([]);
    expect(untotalled()).toEqual([]);
    // The totals did move: more than the one amount a new line carries.
    expect(new Set(db.prepare("SELECT lines_total_cents FROM refund_requests").pluck().all()).size).toBeGreaterThan(3);
    // The tallies did move between départements and instructors.
    expect(tallied.size).toBeGreaterThan(3);
    // The walk did exercise every check, alone and together (the fresh or shared IBANs flag most requests).
    expect(CHECKS.filter((_, bit) => [...fired].some((mask) => mask & (1 << bit)))).toEqual([...CHECKS]);
    expect(fired.size).toBeGreaterThan(4);
  });

  it("is set on transmission and refreshed on the requests another write affects", async () => {
    const world = await refundFarm();
    ageBankDetails(world, 1000); // older than both transmissions
    const mask = (id: number) =>
      (sqlite().prepare("SELECT checks_fired AS m FROM refund_requests WHERE id = ?").get(id) as { m: number }).m;
    const earlier = await transmitted(
      world,
      2022,
      [{ invoiceNumber: "A-1", volume: "10", deliveryDate: "2022-03-01" }],
      new Date("2024-06-15T10:00:00Z"),
    );
    const mine = await transmitted(world, 2023, [{ invoiceNumber: "A-2", volume: "100" }]);
    expect([mask(earlier), mask(mine)]).toEqual([0, 0b10]); // volumeJump on the 2023 request
    // Another farm transmits the same invoice number: both requests are flagged « même n° de facture ».
    const [siret] = farmSiretsIn("31", 1);
    const other = await otherFarm(siret!);
    ageBankDetails(other);
    const theirs = await transmitted(other, 2023, [{ invoiceNumber: "A-1", volume: "1" }]);
    expect([mask(earlier), mask(theirs)]).toEqual([0b1, 0b1]);
    // The previous year's line grows: the jump is gone on the next year's request.
    sqlite().prepare("UPDATE refund_lines SET volume_milli = 50000 WHERE request_id = ?").run(earlier);
    expect(mask(mine)).toBe(0);
  });
});

describe("the stored département (refund_requests.departement)", () => {
  it("is the structure's, from the request's creation, and follows the structure's postal code", async () => {
    const world = await refundFarm();
    const id = await transmitted(world, 2023, [{ invoiceNumber: "D-1", volume: "10" }]);
    const departement = () => (sqlite().prepare("SELECT departement AS d FROM refund_requests WHERE id = ?").get(id) as { d: string }).d;
    expect(departement()).toBe("31");
    sqlite().prepare("UPDATE structures SET postal_code = '20167' WHERE id = ?").run(world.structureId);
    expect(departement()).toBe("2A");
    // Written by hand, it is put back to the structure's.
    sqlite().prepare("UPDATE refund_requests SET departement = '75' WHERE id = ?").run(id);
    expect(departement()).toBe("2A");
  });
});

describe("the stored total of a request's lines (refund_requests.lines_total_cents)", () => {
  it("follows a line moved to another request, and a request's lines all deleted", async () => {
    const world = await refundFarm();
    ageBankDetails(world);
    const first = await transmitted(
      world,
      2022,
      [{ invoiceNumber: "T-1", volume: "100", deliveryDate: "2022-03-01" }],
      new Date("2024-06-15T10:00:00Z"),
    );
    const second = await transmitted(world, 2023, [
      { invoiceNumber: "T-2", volume: "200" },
      { invoiceNumber: "T-3", volume: "50" },
    ]);
    const db = sqlite();
    const total = (id: number) => db.prepare("SELECT lines_total_cents FROM refund_requests WHERE id = ?").pluck().get(id) as number;
    const live = (id: number) =>
      db.prepare("SELECT coalesce(sum(amount_cents), 0) FROM refund_lines WHERE request_id = ?").pluck().get(id) as number;
    expect(total(first)).toBeGreaterThan(0);
    expect([total(first), total(second)]).toEqual([live(first), live(second)]);
    db.prepare("UPDATE refund_lines SET request_id = ? WHERE invoice_number = 'T-3'").run(first);
    expect([total(first), total(second)]).toEqual([live(first), live(second)]);
    db.prepare("DELETE FROM refund_lines WHERE request_id = ?").run(second);
    expect(total(second)).toBe(0);
    expect(untotalled()).toEqual([]);
  });
});
