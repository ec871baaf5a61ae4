import { randomUUID } from "node:crypto";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
} from "@prisma/driver-adapter-utils";
import { sqliteFilePath } from "../adapters";
import { MigrationError } from "./errors";

// Driver adapter factories for the schema engine. They differ from the runtime ones in
// lib/db/adapters.ts by three workarounds the engine needs (see ../shared/docs/toolchain.md).

/** SQLite: the engine sends whole multi-statement scripts through executeRaw. */
export function sqliteMigrationFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  // the shadow database stays the adapter's default, an in-memory one
  const factory = new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5_000 });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withScriptFallback(await factory.connect()),
    connectToShadowDb: async () => withScriptFallback(await factory.connectToShadowDb()),
  };
}

/**
 * better-sqlite3's prepare() takes one statement, and the engine hands migration scripts to
 * executeRaw whole. Such scripts have no parameters, so they can go through exec() instead, which
 * parses statements itself (no splitting on `;`, which breaks on a `;` inside a comment).
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isMultiStatementError(error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

function isMultiStatementError(error: unknown): boolean {
  // "contains more than one statement" (a script) or "contains no statements" (only comments)
  return error instanceof Error && /more than one statement|no statements/.test(error.message);
}

export const SHADOW_DATABASE_PREFIX = "signet_shadow_";

/**
 * PostgreSQL: pg_catalog type fixes on every connection, and a shadow database of our own.
 * adapter-pg's connectToShadowDb drops the shadow database before closing its pool (which fails),
 * and with a connection string it silently reuses the real database.
 */
export function postgresMigrationFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  const connect = async () => withWholeScripts(withCatalogTypes(await factory.connect()));
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect,
    connectToShadowDb: async () => {
      const admin = await factory.connect();
      // the pid tells whose it is, should one ever be left behind
      const database = `${SHADOW_DATABASE_PREFIX}${process.pid}_${randomUUID().replaceAll("-", "")}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const drop = async () => {
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      let shadow: SqlDriverAdapter;
      try {
        const pool = new PrismaPg({ connectionString: withDatabase(url, database), max: 2 });
        shadow = withWholeScripts(withCatalogTypes(await pool.connect()));
      } catch (error) {
        await drop().catch(() => {});
        throw error;
      }
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await drop();
      };
      return shadow;
    },
  };
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

type PgAdapterInternals = {
  underlyingDriver?: () => { query(text: string): Promise<unknown> };
  onError?: (error: unknown) => never;
};

/**
 * adapter-pg's executeScript splits the script on every `;`, so a semicolon in a comment or a
 * string literal breaks a migration. PostgreSQL's simple-query protocol takes the whole script
 * (and runs it as one implicit transaction, as Prisma's native engine does).
 */
function withWholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as PgAdapterInternals;
  if (typeof internals.underlyingDriver !== "function" || typeof internals.onError !== "function") {
    throw new MigrationError("@prisma/adapter-pg changed its internals; update lib/db/migrate/migration-adapters.ts");
  }
  const pool = internals.underlyingDriver();
  const onError = internals.onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      // the adapter's own error mapping, so the engine reports database errors as usual
      onError(error);
    }
  };
  return adapter;
}

// adapter-pg cannot map pg_catalog's "char" (18) and name (19) columns, or arrays of them, which
// the engine reads while describing a schema (prisma/orm#27403): report them as text / text[].
const CATALOG_TYPE_REMAP: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

type PgField = { dataTypeID: number };
type PerformIO = (query: SqlQuery) => Promise<{ fields?: PgField[] }>;

/** Patches this connection (and its transactions) only; other adapters in the process are untouched. */
function withCatalogTypes<T extends SqlQueryable>(queryable: T): T {
  const target = queryable as unknown as { performIO?: PerformIO; startTransaction?: unknown };
  if (typeof target.performIO !== "function") {
    // a future adapter-pg may rename it: fail loudly rather than mis-describe the schema
    throw new MigrationError(
      "@prisma/adapter-pg no longer has performIO(); update lib/db/migrate/migration-adapters.ts",
    );
  }
  const performIO = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? [])
      field.dataTypeID = CATALOG_TYPE_REMAP[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  const adapter = queryable as unknown as Partial<SqlDriverAdapter>;
  if (typeof adapter.startTransaction === "function") {
    const startTransaction = adapter.startTransaction.bind(queryable);
    adapter.startTransaction = async (isolationLevel) => withCatalogTypes(await startTransaction(isolationLevel));
  }
  return queryable;
}

/** One statement on a PostgreSQL server, on a connection of its own (CREATE/DROP DATABASE). */
export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
