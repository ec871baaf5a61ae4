import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseFlavour } from "@/lib/db/adapters";
import { providerPaths } from "@/lib/db/migrate/files";
import { checkSearchObjects } from "@/lib/db/migrate/search-check";
import { availableFlavours, testPostgresUrl } from "@/lib/testing/databases";

// The drift check's half for the text-search objects the migration engine ignores: it must find
// the committed migrations right and notice a migration that loses one.

const postgresUrl = testPostgresUrl() ?? "postgresql://postgres@127.0.0.1:1/none";
let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "signet-search-check-test-"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A copy of the committed migrations, plus one more migration when `extra` is given. */
function migrations(flavour: DatabaseFlavour, extra?: string): string {
  const dir = path.join(root, `${flavour}-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(providerPaths(flavour).migrationsDir, dir, { recursive: true });
  if (extra) {
    fs.mkdirSync(path.join(dir, "20990101000000_lose_search"));
    fs.writeFileSync(path.join(dir, "20990101000000_lose_search", "migration.sql"), extra);
  }
  return dir;
}

it.each(availableFlavours())("%s: the committed migrations build every text-search object", async (flavour) => {
  expect(await checkSearchObjects(flavour, { migrationsDir: migrations(flavour), postgresUrl })).toEqual([]);
});

it("sqlite: a migration that loses a trigger or changes a search table is reported", async () => {
  const migrationsDir = migrations(
    "sqlite",
    `DROP TRIGGER "Certificate_search_update";
DROP TABLE "SignerSearch";
CREATE VIRTUAL TABLE "SignerSearch" USING fts5("name", content='Signer', content_rowid='rowid');`,
  );
  const problems = await checkSearchObjects("sqlite", { migrationsDir, postgresUrl });
  expect(problems.map((p) => p.message)).toEqual([
    `sqlite: the migrations do not create the text-search trigger "Certificate_search_update"`,
    `sqlite: the text-search table "SignerSearch" differs from lib/db/migrate/search-objects.ts`,
  ]);
});

it.runIf(availableFlavours().includes("postgres"))(
  "postgres: a migration that drops an index is reported",
  async () => {
    const migrationsDir = migrations("postgres", `DROP INDEX "Signer_name_trgm_idx";`);
    const problems = await checkSearchObjects("postgres", { migrationsDir, postgresUrl });
    expect(problems.map((p) => p.message)).toEqual([
      `postgres: the migrations do not create the text-search index "Signer_name_trgm_idx"`,
    ]);
  },
);
