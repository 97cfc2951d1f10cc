// The sourced rates stop at 2023 deliveries (DOMAIN.md). So that tests which file refund lines do
// not depend on the calendar, a test database (never the real one) gets a rate for last year's
// deliveries when no sourced one exists, labelled as such.
import Database from "better-sqlite3";

/** Last year in Paris: the year the test rates cover. */
export function lastYear() {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric" }).format(new Date())) - 1;
}

export function addTestRatesForLastYear(databaseFile) {
  const year = lastYear();
  const db = new Database(databaseFile);
  try {
    for (const [product, rate] of [["gnr", 14960], ["lpg", 5720]]) {
      db.prepare(
        `INSERT INTO refund_rates (product, valid_from, valid_to, rate_milli_euros, source)
         SELECT @product, @from, @to, @rate, 'Taux fictif : base de test uniquement'
         WHERE NOT EXISTS (SELECT 1 FROM refund_rates WHERE product = @product AND valid_to >= @from AND valid_from <= @to)`,
      ).run({ product, rate, from: `${year}-01-01`, to: `${year}-12-31` });
    }
  } finally {
    db.close();
  }
  return year;
}
