// Values a form field may receive from a tampered or careless client.
import fc from "fast-check";

export const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.constantFrom(
    "'; DROP TABLE users; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u0000",
    "NaN",
    "-1",
    "1e309",
    "on",
    "true",
    "[]",
    "{}",
    "0",
    "9".repeat(400),
  ),
  fc.integer().map(String),
);
