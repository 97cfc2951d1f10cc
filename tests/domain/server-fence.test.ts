import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The fence of ADR 0019 is an ESLint rule of the project's own config (eslint-rules/server-fence.mjs):
 * linted as files of app/, a client component reaching the database fails `npm run lint`, and one
 * that only takes data in props, types or server actions passes. Run here so the rule cannot rot.
 */
const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function fenceErrors(code: string, file = "app/(portail)/fixture/client-form.tsx") {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === "local/server-fence").map((m) => m.message);
}

describe("the server fence", () => {
  // Loading Next's ESLint config takes seconds: once, outside the tests' own time (ADR 0017).
  beforeAll(async () => {
    await fenceErrors("export {};\n");
  }, 120_000);

  it("fails a client component that imports the database, directly or through a service", async () => {
    expect(await fenceErrors(`"use client";\nimport { getDb } from "@/lib/db";\nexport const F = () => String(getDb());\n`)).toEqual([expect.stringMatching(/« @\/lib\/db » est réservé au serveur/)]);
    const [through] = await fenceErrors(`"use client";\nimport { addLine } from "@/lib/refunds/requests";\nexport const F = () => String(addLine);\n`);
    expect(through).toMatch(/« @\/lib\/refunds\/requests » est réservé au serveur \(@\/db\/schema\)/);
    expect(await fenceErrors(`"use client";\nimport { readFileSync } from "node:fs";\nexport const F = () => String(readFileSync);\n`)).toHaveLength(1);
    expect(await fenceErrors(`"use client";\nimport { cookies } from "next/headers";\nexport const F = () => String(cookies);\n`)).toHaveLength(1);
  });

  it("fails a module of app/_components, client or not", async () => {
    expect(await fenceErrors(`import { getDb } from "@/lib/db";\nexport const F = () => String(getDb());\n`, "app/_components/fixture.tsx")).toHaveLength(1);
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
    expect(await fenceErrors(`import { getDb } from "@/lib/db";\nexport default function P() { return String(getDb()); }\n`, "app/(portail)/fixture/page.tsx")).toEqual([]);
  });
});
