import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapterFactory } from "@/lib/db/adapters";
import {
  MigrationError,
  applyMigrations,
  createPairedMigration,
  diffSchemaAgainstMigrations,
  migrationStatus,
} from "@/lib/db/migrate";
import { checkSchemaDrift } from "@/lib/db/migrate/drift";
import { PROJECT_ROOT, migrationNames, providerPaths } from "@/lib/db/migrate/files";
import { SHADOW_DATABASE_PREFIX } from "@/lib/db/migrate/migration-adapters";
import {
  type TestDatabase,
  availableFlavours,
  createEmptyTestDatabase,
  createTestDatabase,
  describeEachDatabase,
  testPostgresUrl,
} from "@/lib/testing/databases";

const postgresUrl = testPostgresUrl();
const committedMigrations = migrationNames(providerPaths("sqlite").migrationsDir);

/** Table names of a database, to check what a migration really did. */
async function tableNames(db: TestDatabase): Promise<string[]> {
  if (db.flavour === "sqlite") {
    const conn = new Database(db.url.slice("file:".length), { readonly: true });
    try {
      const rows = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      return rows.map((row) => row.name).sort();
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    return result.rows.map((row) => row.name).sort();
  } finally {
    await client.end();
  }
}

/** A copy of the repo's prisma/ folder and the schema renderer, to break without harm. */
function copyProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "signet-drift-"));
  fs.mkdirSync(path.join(root, "scripts"));
  for (const script of ["generate-client.mjs", "schema-source.mjs"]) {
    fs.copyFileSync(path.join(PROJECT_ROOT, "scripts", script), path.join(root, "scripts", script));
  }
  fs.mkdirSync(path.join(root, "prisma"));
  fs.copyFileSync(path.join(PROJECT_ROOT, "prisma/schema.base.prisma"), path.join(root, "prisma/schema.base.prisma"));
  for (const flavour of ["sqlite", "postgres"]) {
    fs.mkdirSync(path.join(root, "prisma", flavour));
    fs.copyFileSync(
      path.join(PROJECT_ROOT, "prisma", flavour, "schema.prisma"),
      path.join(root, "prisma", flavour, "schema.prisma"),
    );
    fs.cpSync(
      path.join(PROJECT_ROOT, "prisma", flavour, "migrations"),
      path.join(root, "prisma", flavour, "migrations"),
      {
        recursive: true,
      },
    );
  }
  return root;
}

/** Adds a column to the base schema only. */
function addColumn(root: string): void {
  const base = path.join(root, "prisma/schema.base.prisma");
  const schema = fs.readFileSync(base, "utf8");
  const changed = schema.replace(/model Team \{\n/, "model Team {\n  slackChannel String?\n");
  expect(changed).not.toBe(schema);
  fs.writeFileSync(base, changed);
}

/** Renders the provider schemas from the base, as npm run db:generate does. */
function renderSchemas(root: string): void {
  // without node_modules in the copy, the script only renders the schemas (no client generation)
  const result = spawnSync(process.execPath, [path.join(root, "scripts/generate-client.mjs")], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}

/** Adds the same hand-written migration to both providers of a copied project. */
function addMigration(root: string, folder: string, sql: string): void {
  for (const flavour of ["sqlite", "postgres"] as const) {
    const dir = path.join(providerPaths(flavour, path.join(root, "prisma")).migrationsDir, folder);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function expectMigrationError(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => expect.unreachable("expected a MigrationError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationError);
  expect((error as Error).message).not.toContain("\n");
  return error as MigrationError;
}

it("the repository has committed migrations, paired across providers", () => {
  expect(committedMigrations.length).toBeGreaterThan(0);
  expect(migrationNames(providerPaths("postgres").migrationsDir)).toEqual(committedMigrations);
});

for (const flavour of availableFlavours()) {
  describe(`migrations on a fresh ${flavour} database`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createEmptyTestDatabase(flavour);
    });
    afterAll(async () => {
      await db?.cleanup();
    });

    it("reports every migration as pending before the first apply", async () => {
      const status = await migrationStatus({ url: db.url });
      expect(status.pending).toEqual(committedMigrations);
      expect(status.isUpToDate).toBe(false);
    });

    it("applies every migration, creating the schema's tables", async () => {
      const started = performance.now();
      const { applied } = await applyMigrations({ url: db.url });
      console.info(`fresh ${flavour} apply: ${Math.round(performance.now() - started)} ms`);
      expect(applied).toEqual(committedMigrations);
      expect(await tableNames(db)).toEqual(
        expect.arrayContaining(["_prisma_migrations", "Signer", "Certificate", "AuditEvent"]),
      );
    });

    it("applies nothing the second time", async () => {
      expect(await applyMigrations({ url: db.url })).toEqual({ applied: [] });
    });

    it("then reports a clean status", async () => {
      const status = await migrationStatus({ url: db.url });
      expect(status).toMatchObject({
        flavour,
        hasMigrationsTable: true,
        pending: [],
        unknown: [],
        failed: [],
        edited: [],
      });
      expect(status.isUpToDate).toBe(true);
    });

    it("reports a migration that is applied but missing on disk", async () => {
      const root = copyProject();
      try {
        const migrationsDir = providerPaths(flavour, path.join(root, "prisma")).migrationsDir;
        fs.renameSync(
          path.join(migrationsDir, committedMigrations[0]),
          path.join(migrationsDir, "29990101000000_other"),
        );
        const status = await migrationStatus({ url: db.url, migrationsDir });
        expect(status.unknown).toEqual([committedMigrations[0]]);
        expect(status.isUpToDate).toBe(false);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe(`awkward migration scripts on ${flavour}`, () => {
    let db: TestDatabase;
    let root: string;
    beforeAll(async () => {
      db = await createTestDatabase(flavour);
      root = copyProject();
    });
    afterAll(async () => {
      await db?.cleanup();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it("applies a script with semicolons in comments and strings, and a comment-only script", async () => {
      addMigration(root, "29990101000000_only_comment", "-- nothing to do; really nothing\n");
      addMigration(
        root,
        "29990101000001_semicolons",
        `-- a comment; with a semicolon\nCREATE TABLE "Note" ("id" INTEGER NOT NULL, "body" TEXT NOT NULL DEFAULT 'a;b'); -- trailing; comment\n` +
          `CREATE INDEX "Note_id_idx" ON "Note"("id");\n`,
      );
      const migrationsDir = providerPaths(flavour, path.join(root, "prisma")).migrationsDir;
      const { applied } = await applyMigrations({ url: db.url, migrationsDir });
      expect(applied).toEqual(["29990101000000_only_comment", "29990101000001_semicolons"]);
      expect(await tableNames(db)).toContain("Note");
    });

    it("replays them in a shadow database to compare with the schema", async () => {
      // the Note table is not in the schema, so the diff drops it; replaying must not fail first
      const sql = await diffSchemaAgainstMigrations(flavour, {
        url: flavour === "postgres" ? postgresUrl! : undefined,
        prismaDir: path.join(root, "prisma"),
      });
      expect(sql).toMatch(/DROP TABLE "Note"/);
    });

    it("names the migration that failed, in one line", async () => {
      addMigration(root, "29990101000002_broken", `SELECT * FROM "NoSuchTable";\n`);
      const migrationsDir = providerPaths(flavour, path.join(root, "prisma")).migrationsDir;
      const error = await expectMigrationError(applyMigrations({ url: db.url, migrationsDir }));
      expect(error.message).toMatch(/^migration 29990101000002_broken failed/);
      expect(error.message).toContain("NoSuchTable");
      const status = await migrationStatus({ url: db.url, migrationsDir });
      expect(status.failed).toEqual(["29990101000002_broken"]);
    });
  });
}

describe("set-up mistakes give one-line errors", () => {
  it("SQLite: a data directory that cannot be created", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-notdir-"));
    try {
      // tests run as root, so permissions cannot stop a write; a file where a directory should be can
      fs.writeFileSync(path.join(dir, "data"), "not a directory");
      const error = await expectMigrationError(
        applyMigrations({ url: `file:${path.join(dir, "data/sub/signet.db")}` }),
      );
      expect(error.message).toBe(
        `cannot create the SQLite database directory ${path.join(dir, "data/sub")}: a parent path is a file, not a directory (ENOTDIR)`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("SQLite: a missing data directory is created", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-mkdir-"));
    try {
      const file = path.join(dir, "nested/data/signet.db");
      const { applied } = await applyMigrations({ url: `file:${file}` });
      expect(applied).toEqual(committedMigrations);
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("PostgreSQL: a server that is not listening", async () => {
    const port = await closedPort();
    const error = await expectMigrationError(
      applyMigrations({ url: `postgresql://postgres@127.0.0.1:${port}/signet` }),
    );
    expect(error.message).toBe(`cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it("an unsupported URL", async () => {
    const error = await expectMigrationError(applyMigrations({ url: "mysql://root:secret@127.0.0.1/signet" }));
    expect(error.message).toMatch(/^DATABASE_URL must start with file:/);
    expect(error.message).not.toContain("secret");
  });
});

describe("schema drift", () => {
  let root: string;
  beforeAll(() => {
    root = copyProject();
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("finds none in the committed migrations", async () => {
    expect(await diffSchemaAgainstMigrations("sqlite", { prismaDir: path.join(root, "prisma") })).toBe("");
    if (postgresUrl) expect(await checkSchemaDrift({ root, postgresUrl })).toEqual([]);
  });

  it("reports provider schemas that were not re-rendered from the base", async () => {
    addColumn(root);
    const problems = await checkSchemaDrift({
      root,
      postgresUrl: postgresUrl ?? "postgresql://postgres@127.0.0.1:1/none",
    });
    expect(problems[0].message).toMatch(
      /^provider schemas are stale: schema drift: prisma\/sqlite\/schema.prisma differs/,
    );
  });

  it("reports a schema change that has no migration, with the SQL it needs", async () => {
    renderSchemas(root);
    const sql = await diffSchemaAgainstMigrations("sqlite", { prismaDir: path.join(root, "prisma") });
    expect(sql).toContain(`ALTER TABLE "Team" ADD COLUMN "slackChannel" TEXT`);
    if (!postgresUrl) return;
    const problems = await checkSchemaDrift({ root, postgresUrl });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^sqlite: the migrations do not build prisma\/sqlite\/schema.prisma/),
      expect.stringMatching(/^postgres: the migrations do not build prisma\/postgres\/schema.prisma/),
    ]);
    expect(problems[1].sql).toContain(`ALTER TABLE "Team" ADD COLUMN     "slackChannel" TEXT`);
  });

  it.skipIf(!postgresUrl)("is cleared by a paired migration for the change", async () => {
    const created = await createPairedMigration({
      name: "Team slack channel",
      postgresUrl: postgresUrl!,
      prismaDir: path.join(root, "prisma"),
      createdAt: new Date("2099-01-01T00:00:00Z"),
    });
    expect(created?.folder).toBe("20990101000000_team_slack_channel");
    expect(fs.readFileSync(created!.files.postgres, "utf8")).toContain("slackChannel");
    expect(await checkSchemaDrift({ root, postgresUrl: postgresUrl! })).toEqual([]);
    // nothing left to create
    expect(
      await createPairedMigration({ name: "again", postgresUrl: postgresUrl!, prismaDir: path.join(root, "prisma") }),
    ).toBeNull();
  });

  it("reports migration folders that are not paired", async () => {
    const pgMigrations = providerPaths("postgres", path.join(root, "prisma")).migrationsDir;
    fs.renameSync(path.join(pgMigrations, committedMigrations[0]), path.join(pgMigrations, "20000101000000_renamed"));
    const problems = await checkSchemaDrift({
      root,
      postgresUrl: postgresUrl ?? "postgresql://postgres@127.0.0.1:1/none",
    });
    expect(problems.map((p) => p.message)).toContain(
      `the sqlite and postgres migration folders differ (only in sqlite: ${committedMigrations[0]}; only in postgres: 20000101000000_renamed)`,
    );
  });

  it.skipIf(!postgresUrl)("leaves no shadow database behind", async () => {
    const client = new pg.Client({ connectionString: postgresUrl! });
    await client.connect();
    try {
      // this process's shadow databases only: other runs may be using the server at the same time
      const result = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [
        `${SHADOW_DATABASE_PREFIX}${process.pid}\\_%`,
      ]);
      expect(result.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe("the runtime SQLite adapter", () => {
  it("switches the database to WAL", async () => {
    const db = await createTestDatabase("sqlite");
    try {
      const adapter = await createAdapterFactory(db.url).connect();
      try {
        const result = await adapter.queryRaw({ sql: "PRAGMA journal_mode", args: [], argTypes: [] });
        expect(result.rows).toEqual([["wal"]]);
      } finally {
        await adapter.dispose();
      }
    } finally {
      await db.cleanup();
    }
  });
});

describeEachDatabase("the test database helper", (db) => {
  it("hands each block a fresh, fully migrated database", async () => {
    const status = await migrationStatus({ url: db.url });
    expect(status.flavour).toBe(db.flavour);
    expect(status.isUpToDate).toBe(true);
    expect(status.local).toEqual(committedMigrations);
  });
});

describe("TEST_POSTGRES_URL", () => {
  it("must name a server on this machine", () => {
    expect(testPostgresUrl({ TEST_POSTGRES_URL: "postgresql://postgres@localhost:5432/test" })).toBeTruthy();
    expect(testPostgresUrl({})).toBeNull();
    for (const url of [
      "postgresql://postgres@db.example.com:5432/test",
      "postgresql://postgres@127.0.0.1:5432/test?host=db.example.com",
      "mysql://root@127.0.0.1/test",
    ]) {
      expect(() => testPostgresUrl({ TEST_POSTGRES_URL: url })).toThrow(
        /must be a postgresql:\/\/ URL on 127.0.0.1 or localhost/,
      );
    }
  });
});

describe("applyMigrations on an up-to-date database", () => {
  it("does not start the engine, so it succeeds while another connection holds the SQLite file open", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-uptodate-"));
    const file = path.join(dir, "app.db");
    try {
      expect((await applyMigrations({ url: `file:${file}` })).applied.length).toBeGreaterThan(0);
      const holder = new Database(file);
      holder.prepare("BEGIN IMMEDIATE").run(); // another process in the middle of a write
      const started = Date.now();
      expect(await applyMigrations({ url: `file:${file}` })).toEqual({ applied: [] });
      expect(Date.now() - started).toBeLessThan(5_000);
      holder.prepare("ROLLBACK").run();
      holder.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
