import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseFlavour } from "../adapters";
import { applyMigrations } from "../migrate";
import { errorMessage } from "./errors";
import { SHADOW_DATABASE_PREFIX, adminQuery, withDatabase } from "./migration-adapters";
import { normaliseSql, searchObjects, type SearchObject } from "./search-objects";
import { ownedScopeObjects, type OwnedScopeObject } from "./owned-scope-objects";

// The drift check's half for the text-search objects, which the engine is told to ignore: the
// migrations, replayed on a fresh database, must build each one exactly as search-objects.ts
// defines it (a SQLite migration that redefines a searched table drops its triggers, for one).
// The owned-scope triggers (owned-scope-objects.ts) are checked the same way.

export type SearchObjectProblem = { message: string; sql?: string };

/** What a fresh database built from `migrationsDir` lacks or defines differently. */
export async function checkSearchObjects(
  flavour: DatabaseFlavour,
  options: { migrationsDir: string; postgresUrl: string },
): Promise<SearchObjectProblem[]> {
  try {
    const found =
      flavour === "sqlite"
        ? await sqliteObjects(options.migrationsDir)
        : await postgresObjects(options.migrationsDir, options.postgresUrl);
    return compare(flavour, found);
  } catch (error) {
    return [{ message: `${flavour}: cannot check the text-search objects: ${errorMessage(error)}` }];
  }
}

function compare(flavour: DatabaseFlavour, found: Map<string, string>): SearchObjectProblem[] {
  const expectations: (readonly [string, string, SearchObject | OwnedScopeObject])[] = [
    ...searchObjects(flavour).map((o) => ["text-search", "search-objects.ts", o] as const),
    ...ownedScopeObjects(flavour).map((o) => ["owned-scope", "owned-scope-objects.ts", o] as const),
  ];
  return expectations.flatMap(([kind, file, expected]) => {
    const actual = found.get(expected.name);
    if (actual === undefined)
      return [
        {
          message: `${flavour}: the migrations do not create the ${kind} ${expected.type} "${expected.name}"`,
          sql: expected.sql,
        },
      ];
    if (normaliseSql(actual) === normaliseSql(expected.sql)) return [];
    return [
      {
        message: `${flavour}: the ${kind} ${expected.type} "${expected.name}" differs from lib/db/migrate/${file}`,
        sql: `expected: ${normaliseSql(expected.sql)}\nfound:    ${normaliseSql(actual)}`,
      },
    ];
  });
}

async function sqliteObjects(migrationsDir: string): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "signet-search-check-"));
  try {
    const file = path.join(dir, "check.db");
    await applyMigrations({ url: `file:${file}`, migrationsDir });
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL`).all() as {
        name: string;
        sql: string;
      }[];
      return new Map(rows.map((r) => [r.name, r.sql]));
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresObjects(migrationsDir: string, serverUrl: string): Promise<Map<string, string>> {
  // named like the engine's shadow databases, so the test that none is left behind covers it
  const name = `${SHADOW_DATABASE_PREFIX}${process.pid}_search_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  try {
    const url = withDatabase(serverUrl, name);
    await applyMigrations({ url, migrationsDir });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ name: string; sql: string }>(
        `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = 'public'
         UNION ALL SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
         UNION ALL SELECT proname, pg_get_functiondef(oid) FROM pg_proc
           WHERE pronamespace = 'public'::regnamespace AND prorettype = 'trigger'::regtype`,
      );
      return new Map(result.rows.map((r) => [r.name, r.sql]));
    } finally {
      await client.end();
    }
  } finally {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
