// Only the resilience suite uses this: it files a GNR line for last year whatever the year, and the
// sourced rates (db/rates/) do not cover GNR at the full tariff after 2024. So that it does not
// depend on the calendar, its test database (never the real one) gets a rate for last year's
// deliveries when no sourced one exists, labelled as fictitious. The e2e suite uses real rates only.
import Database from "better-sqlite3";

/** Last year in Paris: the year the test rates cover. */
export function lastYear() {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric" }).format(new Date())) - 1;
}

export function addTestRatesForLastYear(databaseFile) {
  const year = lastYear();
  const db = new Database(databaseFile);
  try {
    for (const [product, rate, unit] of [
      ["gnr", 14960, "hl"],
      ["lpg", 5720, "100 kg"],
    ]) {
      db.prepare(
        `INSERT INTO refund_rates (product, valid_from, valid_to, rate_milli_euros, unit, kind, source, source_url)
         SELECT @product, @from, @to, @rate, @unit, 'official', 'Taux fictif : base de test uniquement', ''
         WHERE NOT EXISTS (SELECT 1 FROM refund_rates WHERE product = @product AND valid_to >= @from AND valid_from <= @to)`,
      ).run({ product, rate, unit, from: `${year}-01-01`, to: `${year}-12-31` });
    }
  } finally {
    db.close();
  }
  return year;
}
