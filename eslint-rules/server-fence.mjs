// The fence around the data layer (ADR 0019): a client component ("use client") or a module of
// app/_components never imports, directly or through other modules, what reads the database,
// files, headers or secrets. Type-only imports are erased at build and are allowed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serverOnlyMarker } from "./server-only-marker.mjs";

/** Imports that only a server may load: the database, the file system, headers, secrets. */
const SERVER_ROOTS = [
  /^server-only$/,
  /^better-sqlite3$/,
  /^node:/,
  /^(fs|child_process|crypto|path|os)$/,
  /^next\/headers$/,
  /^@\/db(\/|$)/,
  /^@\/lib\/(db|config|prepared)$/,
  /^next-auth(\/|$)/,
];

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

function resolveFile(fromFile, specifier, root) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && !candidate.endsWith(path.sep) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null;
}

/** The value imports of a source text (type-only ones left out). */
function valueImports(text) {
  const found = [];
  for (const match of text.matchAll(IMPORT)) if (!match[2]) found.push(match[3]);
  return found;
}

const verdicts = new Map();

/** A "use server" module is the boundary itself: its functions are called over the network. */
const isServerActions = (text) => /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(text);

/** The chain of imports from this file to a server-only root, or null. */
function serverChain(file, root, seen = new Set()) {
  if (verdicts.has(file)) return verdicts.get(file);
  if (seen.has(file)) return null;
  seen.add(file);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  let chain = null;
  if (isServerActions(text)) {
    verdicts.set(file, null);
    return null;
  }
  for (const specifier of valueImports(text)) {
    if (SERVER_ROOTS.some((re) => re.test(specifier))) {
      chain = [specifier];
      break;
    }
    const next = resolveFile(file, specifier, root);
    const sub = next ? serverChain(next, root, seen) : null;
    if (sub) {
      chain = [path.relative(root, next), ...sub];
      break;
    }
  }
  verdicts.set(file, chain);
  return chain;
}

const isClientSide = (context) => {
  const file = context.filename;
  if (file.split(path.sep).join("/").includes("/app/_components/")) return true;
  const first = context.sourceCode.ast.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
};

export const serverFence = {
  meta: {
    type: "problem",
    docs: { description: "Client components and app/_components import nothing that reaches the database, files, headers or secrets." },
    schema: [],
    messages: {
      serverImport:
        "« {{specifier}} » est réservé au serveur ({{chain}}) : un composant client ne l'importe pas ; passez-lui les données en props.",
    },
  },
  create(context) {
    if (!isClientSide(context)) return {};
    const root = context.cwd;
    verdicts.clear();
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"))) return;
        const specifier = node.source.value;
        let chain = SERVER_ROOTS.some((re) => re.test(specifier)) ? [specifier] : null;
        if (!chain) {
          const file = resolveFile(context.filename, specifier, root);
          chain = file ? serverChain(file, root) : null;
        }
        if (chain) context.report({ node, messageId: "serverImport", data: { specifier, chain: chain.join(" → ") } });
      },
    };
  },
};

const plugin = { rules: { "server-fence": serverFence, "server-only-marker": serverOnlyMarker } };
export default plugin;
