import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import type { DriverHolder, SqliteConnection } from "./driver";

// The runtime driver adapters for the application's Prisma client. The provider follows
// DATABASE_URL: `file:` → SQLite (better-sqlite3), `postgres://` / `postgresql://` → PostgreSQL
// (pg). Migration-only workarounds live in lib/db/migrate/, not here.

export type DatabaseFlavour = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/signet.db";

/** How long a SQLite writer waits for another writer's lock before failing (ms). */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_POSTGRES_POOL_SIZE = 10;

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

/**
 * DATABASE_URL, or the SQLite file in the data directory when unset. SIGNET_DATA_DIR is honoured
 * so that this agrees with lib/config.ts about where the default database lives.
 */
export function resolveDatabaseUrl(env: Record<string, string | undefined>): string {
  const url = env.DATABASE_URL?.trim();
  if (url) return url;
  const dataDir = env.SIGNET_DATA_DIR?.trim();
  return dataDir ? `file:${path.join(dataDir, "signet.db")}` : DEFAULT_DATABASE_URL;
}

export function databaseFlavour(url: string): DatabaseFlavour {
  if (url.startsWith("postgres")) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  // never echo the whole URL: it may carry a password
  throw new DatabaseUrlError(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${url.split(":")[0]}:…"`,
  );
}

/** The file path of a `file:` URL (query parameters dropped), relative to the working directory. */
export function sqliteFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:(\/\/(?=\/))?/, "");
  return withoutScheme.split("?")[0];
}

export type AdapterOptions = {
  /** PostgreSQL connections per client (default 10). Ignored for SQLite. */
  poolSize?: number;
  /** receives the driver (connection or pool) when the adapter connects: lib/db/driver.ts */
  driver?: DriverHolder;
  /** SQLite's page cache per connection, in MiB (better-sqlite3's build: 16). Ignored for PostgreSQL. */
  sqliteCacheMiB?: number;
};

/** The driver adapter factory to pass as `adapter` to the generated PrismaClient. */
export function createAdapterFactory(url: string, options: AdapterOptions = {}): SqlMigrationAwareDriverAdapterFactory {
  if (databaseFlavour(url) === "postgres") {
    const factory = new PrismaPg({
      connectionString: url,
      max: options.poolSize ?? DEFAULT_POSTGRES_POOL_SIZE,
      // pg waits forever for a connection by default; a dead server should fail a request instead
      connectionTimeoutMillis: 10_000,
    });
    const holder = options.driver;
    if (holder) {
      const connect = factory.connect.bind(factory);
      factory.connect = async () => {
        const adapter = await connect();
        const pool = (adapter as unknown as { client?: pg.Pool }).client;
        if (typeof pool?.connect === "function") holder.pool = pool;
        return adapter;
      };
    }
    return factory;
  }
  return sqliteFactory(url, options.driver, options.sqliteCacheMiB);
}

/** better-sqlite3's SQLITE_MAX_VARIABLE_NUMBER (SQLite ≥ 3.32 default); adapters.int.test.ts checks it. */
export const SQLITE_MAX_BIND_VALUES = 32_766;

function sqliteFactory(url: string, holder?: DriverHolder, cacheMiB?: number): SqlMigrationAwareDriverAdapterFactory {
  // `timeout` is better-sqlite3's busy timeout
  const factory = new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: SQLITE_BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  // WAL lets readers proceed while a writer commits (the web server and the job runner share the
  // file). The setting is stored in the database file; asking again is cheap. In WAL mode
  // synchronous=NORMAL stays consistent after a crash and skips an fsync per commit (a power cut
  // may lose the last commits, never corrupt the file); per-connection, so set on every connect.
  //
  // SQLite plans queries by the statistics ANALYZE stores, and nothing else gathers them: without
  // them the gate's open-findings read walked every open finding through the (resolvedAt,
  // severityRank) index instead of reading the signer's, certificate's and key's few (0.55 s per
  // decision at 20,000 certificates). SQLite's advice for long-lived connections: optimize=0x10002
  // on open (ANALYZE where statistics are missing or stale), with analysis_limit keeping it to a
  // sample of each index; refreshPlannerStatistics (lib/db/sql.ts) repeats it after the findings job.
  factory.connect = async () => {
    const adapter = await connect();
    // Prisma assumes SQLite's old limit of 999 bound values per statement when the adapter does not
    // say, and refuses (P2029) an owner scope or an id list longer than that; the SQLite that
    // better-sqlite3 builds takes 32,766 (SQLITE_MAX_VARIABLE_NUMBER), as PostgreSQL's limit is.
    adapter.getConnectionInfo ??= () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false });
    await adapter.executeScript(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;",
    );
    // a negative cache_size is in KiB; the cache grows only as pages are read (lib/db/client.ts
    // SERVER_SQLITE_CACHE_MIB says why the web server's is larger than the default 16 MiB)
    if (cacheMiB) await adapter.executeScript(`PRAGMA cache_size = ${-Math.round(cacheMiB * 1024)};`);
    // with a checkpoint thread (wal-checkpointer.ts) a commit here checkpoints only as a backstop
    if (walCheckpointThread.get())
      await adapter.executeScript(`PRAGMA wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES};`);
    const client = (adapter as unknown as { client?: unknown }).client;
    reusePreparedStatements(client);
    beginImmediately(client);
    if (holder && isSqliteConnection(client)) shareConnection(adapter, client, holder);
    return adapter;
  };
  return factory;
}

/** A connection's wal_autocheckpoint while a checkpoint thread runs (wal-checkpointer.ts): ~40 MB of log. */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

const globalForWal = globalThis as unknown as { __signetWalCheckpointThread?: object };

/**
 * The process's checkpoint thread (wal-checkpointer.ts), on globalThis: Next.js may bundle this
 * module more than once (instrumentation, routes), and every copy's connections must see it.
 */
export const walCheckpointThread = {
  get: (): object | undefined => globalForWal.__signetWalCheckpointThread,
  set: (thread: object | undefined) => void (globalForWal.__signetWalCheckpointThread = thread),
};

function isSqliteConnection(client: unknown): client is SqliteConnection {
  return typeof (client as { prepare?: unknown } | undefined)?.prepare === "function";
}

type TransactionLike = { commit(): Promise<void>; rollback(): Promise<void> };

/**
 * Hands the connection to lib/db/driver.ts, whose transactions on it must not overlap the client's:
 * the adapter serialises its own with a private lock, so each of its transactions also holds the
 * holder's lock from start until commit or rollback, the lock driver transactions take.
 */
function shareConnection(adapter: object, client: SqliteConnection, holder: DriverHolder) {
  const a = adapter as { startTransaction?: (...args: unknown[]) => Promise<TransactionLike> };
  const start = a.startTransaction?.bind(adapter);
  if (!start) return;
  a.startTransaction = async (...args: unknown[]) => {
    const release = await holder.sqliteLock.acquire();
    let tx: TransactionLike;
    try {
      tx = await start(...args);
    } catch (error) {
      release();
      throw error;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(release);
    tx.rollback = () => rollback().finally(release);
    return tx;
  };
  holder.sqlite = client;
}

/**
 * The adapter opens its transactions with a deferred BEGIN. In WAL mode a deferred transaction that
 * reads and then writes fails at once with SQLITE_BUSY (the busy timeout does not apply) when
 * another connection committed since its read: with the findings sweep writing on a worker
 * thread's connection (or a cron job in another process), an audited write (the audit chain's head
 * is read, then appended to) failed now and then. BEGIN IMMEDIATE takes the write lock first,
 * waiting up to the busy timeout for the other connection's transaction to end. Within one
 * connection nothing changes: its transactions are serialised anyway (shareConnection).
 */
function beginImmediately(client: unknown): void {
  const db = client as { prepare?: (sql: string) => unknown } | undefined;
  if (typeof db?.prepare !== "function") return;
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => prepare(sql === "BEGIN" ? SQLITE_BEGIN : sql);
}

/** How every SQLite transaction starts: the client's (beginImmediately) and the driver's (driver.ts). */
export const SQLITE_BEGIN = "BEGIN IMMEDIATE";

/** Prepared statements kept per connection (least recently used dropped first). */
export const PREPARED_STATEMENTS_KEPT = 200;

type Statement = {
  reader: boolean;
  columns(): unknown[];
  run(...args: unknown[]): unknown;
  raw(toggle?: boolean): Statement;
  all(...args: unknown[]): unknown[];
};

/**
 * The adapter prepares every statement again on every call (better-sqlite3's `prepare(sql).bind(args)`,
 * and a bound statement cannot be bound again): compiling the SQL cost more than running it on the
 * gate's hot path, and as much again for every small read elsewhere. This keeps the compiled
 * statements of the connection by their text and hands the adapter a statement bound to this call's
 * arguments, used once, exactly as it uses its own (`bind(args)` then `run()`, or `reader`,
 * `columns()` and `raw().all()`). If a later adapter stops exposing its client this does nothing.
 */
export function reusePreparedStatements(client: unknown): void {
  const db = client as { prepare?: (sql: string) => Statement } | undefined;
  if (typeof db?.prepare !== "function") return;
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Statement>();
  const compiled = (sql: string): Statement => {
    let stmt = kept.get(sql);
    if (stmt) kept.delete(sql);
    else {
      stmt = prepare(sql);
      if (kept.size >= PREPARED_STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
    }
    kept.set(sql, stmt);
    return stmt;
  };
  const once = (stmt: Statement, args: unknown[]) => ({
    reader: stmt.reader,
    columns: () => stmt.columns(),
    run: () => stmt.run(args),
    raw: () => ({ all: () => stmt.raw(true).all(args) }),
  });
  db.prepare = (sql: string) => {
    const stmt = compiled(sql);
    return { ...once(stmt, []), bind: (args: unknown[]) => once(stmt, args) } as unknown as Statement;
  };
}
