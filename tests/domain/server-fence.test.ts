import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The fence of ADR 0019 is an ESLint rule of the project's own config (eslint-rules/server-fence.mjs):
 * linted as files of app/, a client component reaching the database fails `npm run lint`, and one
 * that only takes data in props, types or server actions passes; linted as a module of lib/, db/ or
 * app/, one that reads the database, files, headers or secrets without `import "server-only"` fails
 * (`npm run lint` lists every such module of the tree). Run here so the rules cannot rot.
 */
const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function lintErrors(rule: string, code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}
const fenceErrors = (code: string, file = "app/(portail)/fixture/client-form.tsx") => lintErrors("local/server-fence", code, file);
const markerErrors = (code: string, file = "lib/fixture/service.ts") => lintErrors("local/server-only-marker", code, file);

describe("the server fence", () => {
  // Loading Next's ESLint config takes seconds: once, outside the tests' own time (ADR 0017).
  beforeAll(async () => {
    await fenceErrors("export {};\n");
  }, 120_000);

  it("fails a client component that imports the database, directly or through a service", async () => {
    expect(await fenceErrors(`"use client";\nimport { getDb } from "@/lib/db";\nexport const F = () => String(getDb());\n`)).toEqual([
      expect.stringMatching(/« @\/lib\/db » est réservé au serveur/),
    ]);
    const [through] = await fenceErrors(
      `"use client";\nimport { addLine } from "@/lib/refunds/requests";\nexport const F = () => String(addLine);\n`,
    );
    expect(through).toMatch(/« @\/lib\/refunds\/requests » est réservé au serveur \(server-only\)/);
    expect(
      await fenceErrors(`"use client";\nimport { readFileSync } from "node:fs";\nexport const F = () => String(readFileSync);\n`),
    ).toHaveLength(1);
    expect(
      await fenceErrors(`"use client";\nimport { cookies } from "next/headers";\nexport const F = () => String(cookies);\n`),
    ).toHaveLength(1);
  });

  it("fails a module of app/_components, client or not", async () => {
    expect(
      await fenceErrors(`import { getDb } from "@/lib/db";\nexport const F = () => String(getDb());\n`, "app/_components/fixture.tsx"),
    ).toHaveLength(1);
  });

  it("lets a client component take types, pure helpers and server actions", async () => {
    const code = `"use client";
import type { Actor } from "@/lib/auth/sessions";
import { formatEuros } from "@/lib/refunds/amounts";
import { addLineAction } from "@/app/(portail)/remboursement-tic/actions";
export const F = (p: { actor: Actor }) => String(formatEuros(1) + addLineAction + p.actor.userId);
`;
    expect(await fenceErrors(code)).toEqual([]);
    // A server component page may read the database: the fence is for the client side only.
    expect(
      await fenceErrors(
        `import { getDb } from "@/lib/db";\nexport default function P() { return String(getDb()); }\n`,
        "app/(portail)/fixture/page.tsx",
      ),
    ).toEqual([]);
  });

  it('lists a module that reads the database, files, headers or the configuration without `import "server-only"`', async () => {
    expect(await markerErrors(`import { getDb } from "@/lib/db";\nexport const f = () => getDb();\n`)).toEqual([
      expect.stringMatching(/^Ce module lit « @\/lib\/db » : il commence par import "server-only"/),
    ]);
    for (const root of [
      "@/db/client",
      "node:fs",
      "fs",
      "node:fs/promises",
      "next/headers",
      "@/lib/config",
      "@/lib/prepared",
      "better-sqlite3",
      "../db",
      "../config",
    ]) {
      expect(await markerErrors(`import { x } from "${root}";\nexport const f = () => x;\n`), root).toHaveLength(1);
    }
    // db/ and app/'s own modules too (a helper beside a page reading cookies).
    expect(await markerErrors(`import Database from "better-sqlite3";\nexport const d = Database;\n`, "db/fixture.ts")).toHaveLength(1);
    expect(
      await markerErrors(`import { cookies } from "next/headers";\nexport const c = cookies;\n`, "app/(public)/fixture/cookie.ts"),
    ).toHaveLength(1);
  });

  it("passes a marked module, a pure one, type-only imports and Next.js's route files", async () => {
    expect(await markerErrors(`import "server-only";\nimport { getDb } from "@/lib/db";\nexport const f = () => getDb();\n`)).toEqual([]);
    expect(
      await markerErrors(`import { z } from "zod";\nimport { fullName } from "@/lib/names";\nexport const f = () => [z, fullName];\n`),
    ).toEqual([]);
    expect(
      await markerErrors(
        `import type { Db } from "@/lib/db";\nimport { type Config } from "@/lib/config";\nexport type T = [Db, Config];\n`,
      ),
    ).toEqual([]);
    expect(
      await markerErrors(
        `import { getDb } from "@/lib/db";\nexport default function P() { return String(getDb()); }\n`,
        "app/(portail)/fixture/page.tsx",
      ),
    ).toEqual([]);
  });
});
