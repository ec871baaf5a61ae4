import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import type { DatabaseFlavour } from "@/lib/db/adapters";
import { createDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { adminQuery, withDatabase } from "@/lib/db/migrate/migration-adapters";

// Fresh databases for integration tests: a migrated SQLite file always, and a migrated
// PostgreSQL database when TEST_POSTGRES_URL names a local server. Each is removed on cleanup.

export type TestDatabase = { flavour: DatabaseFlavour; url: string; cleanup(): Promise<void> };

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** TEST_POSTGRES_URL when set; throws unless it points at this machine (tests drop databases). */
export function testPostgresUrl(env: Record<string, string | undefined> = process.env): string | null {
  const url = env.TEST_POSTGRES_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("TEST_POSTGRES_URL is not a valid URL");
  }
  // pg lets ?host= override the URL's host, so that must not sneak a remote server in either
  const hosts = [parsed.hostname, ...parsed.searchParams.getAll("host"), ...parsed.searchParams.getAll("hostaddr")];
  const remote = hosts.find((host) => !LOCAL_HOSTS.has(host));
  if (!parsed.protocol.startsWith("postgres") || remote !== undefined) {
    throw new Error(
      `TEST_POSTGRES_URL must be a postgresql:// URL on 127.0.0.1 or localhost (tests create and drop databases), not "${remote ?? parsed.protocol}"`,
    );
  }
  return url;
}

/** The flavours this run can test: SQLite, plus PostgreSQL when TEST_POSTGRES_URL is set. */
export function availableFlavours(): DatabaseFlavour[] {
  return testPostgresUrl() ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A database with no tables at all (the migration tests start from these). */
export async function createEmptyTestDatabase(flavour: DatabaseFlavour): Promise<TestDatabase> {
  if (flavour === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-test-"));
    return {
      flavour,
      url: `file:${path.join(dir, "signet.db")}`,
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = testPostgresUrl();
  if (!serverUrl) throw new Error("a PostgreSQL test database needs TEST_POSTGRES_URL");
  const name = `signet_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  return {
    flavour,
    url: withDatabase(serverUrl, name),
    // FORCE: a test that forgot to disconnect must not leave the database behind
    cleanup: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A fresh database with every migration applied. */
export async function createTestDatabase(flavour: DatabaseFlavour): Promise<TestDatabase> {
  const db = await createEmptyTestDatabase(flavour);
  try {
    await applyMigrations({ url: db.url });
  } catch (error) {
    await db.cleanup();
    throw error;
  }
  return db;
}

/** One fresh migrated database per available flavour. */
export async function createTestDatabases(): Promise<TestDatabase[]> {
  const created: TestDatabase[] = [];
  try {
    for (const flavour of availableFlavours()) created.push(await createTestDatabase(flavour));
  } catch (error) {
    await Promise.all(created.map((db) => db.cleanup()));
    throw error;
  }
  return created;
}

export type TestDatabaseHandle = { readonly flavour: DatabaseFlavour; readonly url: string };

/**
 * `describe(name (flavour))` once per available database. The database is created in a beforeAll
 * that runs before the block's own hooks, and dropped after them; read `db.url` inside hooks/tests.
 */
export function describeEachDatabase(name: string, fn: (db: TestDatabaseHandle) => void): void {
  for (const flavour of availableFlavours()) {
    describe(`${name} (${flavour})`, () => {
      let database: TestDatabase | undefined;
      const handle: TestDatabaseHandle = {
        flavour,
        get url() {
          if (!database)
            throw new Error("the test database exists once beforeAll has run; read url inside hooks or tests");
          return database.url;
        },
      };
      beforeAll(async () => {
        database = await createTestDatabase(flavour);
      });
      afterAll(async () => {
        await database?.cleanup();
      });
      fn(handle);
    });
  }
}

/**
 * A client on the block's database: opened in a beforeAll registered here (so the block's later
 * hooks can use it) and disconnected after the block's own afterAll hooks. `use` receives it:
 * `let db: Db; openTestDb(database, (client) => (db = client));`
 */
export function openTestDb(database: TestDatabaseHandle, use: (db: Db) => void): void {
  let db: Db | undefined;
  beforeAll(() => {
    db = createDb(database.url);
    use(db);
  });
  afterAll(async () => {
    await db?.$disconnect();
  });
}

/**
 * `openTestDb` plus data every test in the block shares, inserted once the database is open:
 * `openSeededTestDb(database, insertCa, (client, ca) => { db = client; caId = ca.id; })`.
 * A seed slower than the hook timeout passes `{ seedTimeoutMs }`.
 */
export function openSeededTestDb<T>(
  database: TestDatabaseHandle,
  seed: (db: Db) => Promise<T>,
  use: (db: Db, seeded: T) => void,
  options: { seedTimeoutMs?: number } = {},
): void {
  let db: Db;
  openTestDb(database, (client) => (db = client));
  beforeAll(async () => use(db, await seed(db)), options.seedTimeoutMs);
}
