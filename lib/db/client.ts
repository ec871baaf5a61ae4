import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { createAdapterFactory, databaseFlavour, resolveDatabaseUrl } from "./adapters";
import { newDriverHolder, registerDriver } from "./driver";

// Secret columns are hidden from every query unless a repository asks for them explicitly.
const omit = {
  apiToken: { tokenHash: true },
  accessLink: { tokenHash: true },
  webhookSubscription: { secretCiphertext: true },
  account: { password: true, accessToken: true, refreshToken: true, idToken: true },
} as const;

// the URL each client was made with: work moved to a worker thread opens its own client on it
const urls = new WeakMap<object, string>();

function makeClient(url: string, options: { withSecrets: boolean; poolSize?: number; sqliteCacheMiB?: number }) {
  const driver = newDriverHolder(databaseFlavour(url));
  const adapter = createAdapterFactory(url, {
    driver,
    poolSize: options.poolSize,
    sqliteCacheMiB: options.sqliteCacheMiB,
  });
  const Client = databaseFlavour(url) === "postgres" ? PostgresClient : SqliteClient;
  // The two generated clients have the same API; the SQLite one's type stands for both.
  const client = new (Client as typeof SqliteClient)({ adapter, ...(options.withSecrets ? {} : { omit }) });
  registerDriver(client, driver);
  urls.set(client, url);
  return client;
}

export type Db = ReturnType<typeof createDb>;
export type RawDb = SqliteClient;
/** The client a transaction callback receives. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** What every repository function takes: the client, or a transaction the caller opened. */
export type DbOrTx = Db | Tx;
/** Timeout, maxWait and isolation level of an interactive transaction. */
export type TransactionOptions = Parameters<Db["$transaction"]>[1];

/**
 * Runs `work` in one interactive transaction: everything written through `tx` commits together
 * or not at all. Services open transactions here and pass `tx` on to repository functions.
 */
export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return db.$transaction(work, options);
}

/**
 * The web server's SQLite page cache, in MiB (better-sqlite3 builds SQLite with 16). A team lead's
 * overview reads about 100 MB of index and table pages at 250,000 certificates (20,000 certificates,
 * 22,000 findings): with 16 MiB every statement reads most of them again from the operating system,
 * a quarter of the findings list's CPU (bench:dashboard, README). The cache fills only as pages are
 * read, so a small inventory never reaches it; CLI commands, the import thread and other worker
 * threads keep the 16 MiB default, so bench:import's memory is not spent on it.
 */
export const SERVER_SQLITE_CACHE_MIB = 128;

/**
 * `poolSize`: PostgreSQL connections (default 10; a worker thread's client needs few).
 * `sqliteCacheMiB`: SQLite's page cache (the web server's is SERVER_SQLITE_CACHE_MIB).
 */
export function createDb(url: string, options: { poolSize?: number; sqliteCacheMiB?: number } = {}) {
  return makeClient(url, { withSecrets: false, ...options }) as unknown as SqliteClient<never, typeof omit>;
}

/** The database URL a client was created with (it may carry a password: never log it). */
export function databaseUrlOf(db: Db): string {
  const url = urls.get(db);
  if (!url) throw new Error("this client was not made by lib/db/client");
  return url;
}

type Clients = { url: string; db: Db; raw?: RawDb };
const globalForDb = globalThis as unknown as { __signetDb?: Clients };

function clients(): Clients {
  const url = resolveDatabaseUrl(process.env);
  if (!globalForDb.__signetDb || globalForDb.__signetDb.url !== url) {
    globalForDb.__signetDb = { url, db: createDb(url, { sqliteCacheMiB: SERVER_SQLITE_CACHE_MIB }) };
  }
  return globalForDb.__signetDb;
}

/** The application's database client (secrets omitted). */
export function getDb(): Db {
  return clients().db;
}

/** A client that can read secret columns; only the auth library and token checks use it. */
export function getRawDb(): RawDb {
  const c = clients();
  c.raw ??= makeClient(c.url, { withSecrets: true }) as unknown as RawDb;
  return c.raw;
}

export function currentFlavour() {
  return databaseFlavour(clients().url);
}

/** Throws when the database cannot answer a trivial query (health checks). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}

/** Closes the connections (tests, CLI commands). */
export async function disconnectDb() {
  const c = globalForDb.__signetDb;
  globalForDb.__signetDb = undefined;
  await Promise.all([c?.db.$disconnect(), c?.raw?.$disconnect()]);
}

/** Closes a client made with createDb (CLI commands and scripts that open their own). */
export async function closeDb(db: Db) {
  await db.$disconnect();
}
