// Preloaded into the bench's server by `npm run bench:national` (node -r): writes each distinct SQL
// text the server prepares to BENCH_SQL_LOG, one JSON string a line, so that the bench can ask
// SQLite for their query plans on the national database (EXPLAIN QUERY PLAN). Not used otherwise.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node -r), loaded before any ES module */
const Database = require("better-sqlite3");
const { appendFileSync } = require("node:fs");

const seen = new Set();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function prepareLogged(source, ...rest) {
  if (process.env.BENCH_SQL_LOG && !seen.has(source)) {
    seen.add(source);
    appendFileSync(process.env.BENCH_SQL_LOG, `${JSON.stringify(source)}\n`);
  }
  return prepare.call(this, source, ...rest);
};
