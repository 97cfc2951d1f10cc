// The marker half of the fence (ADR 0019): a module that itself reads the database, files, headers
// or the configuration (secrets) starts with `import "server-only"`, so that Next.js refuses to put
// it in a client bundle whatever path leads there. `local/server-fence` follows imports from the
// client side; this rule checks each module on the server side, without following anything: it
// lists every module of lib/, db/ and app/ (outside Next.js's route files) whose own value imports
// name one of the roots below and which lacks the marker. `npx eslint --rule
// 'local/server-only-marker: error' .` (part of `npm run lint`) lists them after a merge.
import path from "node:path";

/** What reads the database, files, headers or secrets, imported directly. */
const ROOTS = [/^better-sqlite3$/, /^(node:)?fs(\/promises)?$/, /^next\/headers$/, /^@\/lib\/(db|config|prepared)$/, /^@\/db\/client$/];

/** Relative specifiers are resolved against the importing file and compared as project paths. */
const ROOT_FILES = ["lib/db", "lib/config", "lib/prepared", "db/client"];

/** Next.js's own route files are server modules by construction (the client fence covers the rest). */
const ROUTE_FILE =
  /\/app\/.*\/?(page|layout|route|template|default|error|global-error|not-found|loading|actions|opengraph-image|icon|sitemap|robots)\.(ts|tsx)$/;

function isRoot(specifier, file, root) {
  if (ROOTS.some((re) => re.test(specifier))) return true;
  if (!specifier.startsWith(".")) return false;
  const target = path
    .relative(root, path.resolve(path.dirname(file), specifier))
    .split(path.sep)
    .join("/")
    .replace(/\.(ts|tsx)$/, "");
  return ROOT_FILES.includes(target);
}

export const serverOnlyMarker = {
  meta: {
    type: "problem",
    docs: { description: 'A module that reads the database, files, headers or secrets starts with import "server-only".' },
    schema: [],
    messages: {
      missing:
        "Ce module lit {{specifier}} : il commence par import \"server-only\" (ADR 0019), pour qu'aucun composant client ne puisse l'embarquer.",
    },
  },
  create(context) {
    const file = context.filename;
    const posix = file.split(path.sep).join("/");
    if (ROUTE_FILE.test(posix)) return {};
    const root = context.cwd;
    let marked = false;
    let first = null;
    return {
      ImportDeclaration(node) {
        if (node.source.value === "server-only") marked = true;
        if (first || node.importKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) return;
        if (isRoot(node.source.value, file, root)) first = node;
      },
      "Program:exit"() {
        if (first && !marked) context.report({ node: first, messageId: "missing", data: { specifier: `« ${first.source.value} »` } });
      },
    };
  },
};
