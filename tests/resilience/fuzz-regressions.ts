// Inputs that once made a fuzzed form fail, kept as fixed cases: they are posted on every run,
// before the random ones, whatever the seed. Add here the input a failure prints (by the form's
// button), with the date and what it found.
type Posted = Record<string, string | string[] | Blob>;

const csvFile = (text: string) => new Blob([new TextEncoder().encode(text)], { type: "text/csv" });

export const FUZZ_REGRESSIONS: { button: RegExp; found: string; values: Posted }[] = [
  {
    // 2026-12 (issue 22, point 0): csv-parse's « Invalid Opening Quote » reached the page in English.
    button: /^Importer les lignes/,
    found: "a quote inside a value: the parser's English message was shown",
    values: { file: csvFile('numero_facture;date_livraison;produit;volume\nFA"1;15/03/2023;GNR;100\n') },
  },
  {
    button: /^Importer les lignes/,
    found: "a quote left open until the end of the file",
    values: { file: csvFile('numero_facture;date_livraison;produit;volume\n"FA-1;15/03/2023;GNR;100\n') },
  },
  {
    button: /^Importer/,
    found: "a random byte string with a quote in the header (the portfolio's import reads it too)",
    values: { file: csvFile('x"\u0001;"\u0002"z\n') },
  },
  {
    // 2026-12-07 (issue 19, the administration's forms fuzzed): a valid motif disabled the account,
    // whose form then disappeared with its confirmation; the page now says it (lib/notices.ts).
    button: /^Désactiver le compte$/,
    found: "FUZZ_SEED=1682926825: a success shown neither as an error nor as a confirmation",
    values: { inconnu: ["0", "isA,6u]"], motif: "0" },
  },
  {
    // 2026-12-07: the same on an agent's page (« Désactiver l'agent »).
    button: /^Désactiver l'agent$/,
    found: "a success shown neither as an error nor as a confirmation",
    values: { motif: "0" },
  },
  {
    // 2026-12-07 (issue 20, the instructors' forms fuzzed): a short valid message asked the complement,
    // the request became « À compléter » and the form disappeared with its confirmation; the file now
    // says it from the address, as after « Prendre en charge », « Accepter » and « Rejeter ».
    button: /^Demander un complément$/,
    found: "FUZZ_SEED=302743051: a success shown neither as an error nor as a confirmation",
    values: { body: "on", inconnu: [] },
  },
];

export const fixedCasesFor = (button: string) => FUZZ_REGRESSIONS.filter((c) => c.button.test(button)).map((c) => c.values);

/** A posted input as text to paste into FUZZ_REGRESSIONS (files by their bytes as text). */
export async function describePosted(values: Posted): Promise<string> {
  const entries = await Promise.all(
    Object.entries(values).map(async ([name, value]) => {
      const items = Array.isArray(value) ? value : [value];
      const shown = await Promise.all(
        items.map(async (item) =>
          item instanceof Blob ? `csvFile(${JSON.stringify(await item.text())})` : JSON.stringify(item.slice(0, 500)),
        ),
      );
      return `${JSON.stringify(name)}: ${shown.length === 1 ? shown[0] : `[${shown.join(", ")}]`}`;
    }),
  );
  return `{ ${entries.join(", ")} }`;
}
