import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import fence from "./eslint-rules/server-fence.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  // ADR 0019: client components never reach the data layer (tests/domain/server-fence.test.ts).
  { files: ["app/**/*.tsx", "app/**/*.ts"], plugins: { local: fence }, rules: { "local/server-fence": "error" } },
  // ADR 0019: a module that reads the database, files, headers or secrets is marked `import "server-only"`.
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "lib/**/*.ts", "lib/**/*.tsx", "db/**/*.ts"],
    plugins: { local: fence },
    rules: { "local/server-only-marker": "error" },
  },
  // Issue 18: no line over 140 characters (Prettier's print width); a long string, template or URL is kept whole.
  {
    rules: {
      "max-len": ["error", { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
