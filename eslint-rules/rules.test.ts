import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import importBoundaries, { resolveSpecifier } from "./import-boundaries.mjs";
import noPrismaOutsideDb from "./no-prisma-outside-db.mjs";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, "..");
const at = (file: string) => path.join(root, file);

describe("resolveSpecifier", () => {
  it("turns aliases and relative paths into repository paths and strips node:", ({ expect }) => {
    expect(resolveSpecifier("@/lib/db/client", at("lib/domain/x.ts"))).toBe("lib/db/client");
    expect(resolveSpecifier("../db/client", at("lib/domain/x.ts"))).toBe("lib/db/client");
    expect(resolveSpecifier("./generated/sqlite/client", at("lib/db/client.ts"))).toBe(
      "lib/db/generated/sqlite/client",
    );
    expect(resolveSpecifier("node:fs/promises", at("lib/domain/x.ts"))).toBe("fs/promises");
    expect(resolveSpecifier("@prisma/client", at("app/page.tsx"))).toBe("@prisma/client");
  });
});

const plain = new RuleTester({ languageOptions: { parser: tseslint.parser } });

const domain = { allow: ["lib/domain", "zod", "vitest"], reason: "pure" };
/** Imports that `file` may not make under the zone's `options`: one invalid case each. */
const refused = (file: string, options: object, ...codes: string[]) =>
  codes.map((code) => ({ filename: at(file), code, options: [options], errors: [{ messageId: "boundary" }] }));
plain.run("import-boundaries", importBoundaries, {
  valid: [
    {
      filename: at("lib/domain/a.ts"),
      code: 'import { z } from "zod"; import { b } from "./b"; import type { T } from "@/lib/domain/findings/types";',
      options: [domain],
    },
    {
      filename: at("components/x.tsx"),
      code: 'import { cn } from "@/components/ui/cn";',
      options: [{ forbid: ["app"] }],
    },
    // "application" is not below "app"
    { filename: at("components/x.tsx"), code: 'import x from "@/application/x";', options: [{ forbid: ["app"] }] },
  ],
  invalid: [
    ...refused(
      "lib/domain/a.ts",
      domain,
      'import { readFileSync } from "node:fs";',
      'import { readFile } from "fs/promises";',
      'import { getDb } from "../db/client";',
      'const pg = await import("pg");',
    ),
    ...refused(
      "components/x.tsx",
      { forbid: ["app"] },
      'import { a } from "@/app/(app)/actions";',
      'export { a } from "../app/setup/actions";',
    ),
    ...refused(
      "lib/db/x.ts",
      { forbid: ["lib/services", "lib/auth"] },
      'import type { Actor } from "@/lib/services/audit";',
    ),
    ...refused(
      "app/page.tsx",
      { forbid: ["@prisma", "lib/db/generated"] },
      'import { Prisma } from "@prisma/client";',
      'import type { Signer } from "@/lib/db/generated/sqlite/client";',
    ),
  ],
});

// The first type-aware case builds the whole project's program (tens of seconds; minutes on a
// loaded machine), so these cases get a long timeout.
RuleTester.it = (text: string, method: () => void) => it(text, method, 600_000);

// Type-aware: the fixture files do not exist; the project service type-checks the code as if
// they were in the project (tsconfig.json includes **/*.ts).
const typed = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: { allowDefaultProject: ["eslint-rules/*.ts"] }, tsconfigRootDir: root },
  },
});
const file = at("eslint-rules/fixture-service.ts");
typed.run("no-prisma-outside-db", noPrismaOutsideDb, {
  valid: [
    // handing the client to lib/db is the point of the boundary
    {
      filename: file,
      code: 'import { getDb } from "@/lib/db/client"; import { findSignerById } from "@/lib/db/signers/signers"; export const f = () => findSignerById(getDb(), "s1");',
    },
    // fields of a row a repository returned are data, not Prisma calls
    {
      filename: file,
      code: 'import { getDb } from "@/lib/db/client"; import { findSignerById } from "@/lib/db/signers/signers"; export const f = async () => (await findSignerById(getDb(), "s1"))?.name;',
    },
    { filename: file, code: "const signer = { findMany: () => [] }; signer.findMany();" },
    { filename: file, code: 'import type { Db } from "@/lib/db/client"; export type T = Db["signer"];' },
  ],
  invalid: [
    {
      filename: file,
      code: 'import { getDb } from "@/lib/db/client"; export const f = () => getDb().signer.findMany();',
      errors: [{ messageId: "prismaCall", data: { text: "getDb().signer" } }],
    },
    {
      // whatever the variable is named, and through a transaction client
      filename: file,
      code: 'import type { Db, Tx } from "@/lib/db/client"; export const f = (whatever: Db | Tx) => whatever.certificate.count();',
      errors: [{ messageId: "prismaCall" }],
    },
    {
      filename: file,
      code: 'import type { Db } from "@/lib/db/client"; export const f = (x: Db) => x.$transaction(async (t) => t.person.deleteMany());',
      errors: [
        { messageId: "prismaCall", data: { text: "x.$transaction" } },
        { messageId: "prismaCall", data: { text: "t.person" } },
      ],
    },
    {
      filename: file,
      code: 'import type { Db } from "@/lib/db/client"; export const f = (db: Db) => { const s = db.signer; return s.findFirst(); };',
      errors: [{ messageId: "prismaCall" }, { messageId: "prismaCall" }],
    },
  ],
});
