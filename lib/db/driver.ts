import { createHash } from "node:crypto";
import pg from "pg";
import { SQLITE_BEGIN, type DatabaseFlavour } from "./adapters";
import { withTransaction, type Db, type DbOrTx, type TransactionOptions, type Tx } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { dialectOf, providerFieldOf, type WriteStatement } from "./sql";

// Raw statements straight on the database driver under Prisma's adapter (better-sqlite3's
// connection, pg's pool), for the hot paths whose statements are all raw SQL already: through the
// client each raw statement cost ~0.3 ms of CPU in its query pipeline, several times the statement
// itself (the release gate ran a dozen per decision). A driver session answers the raw-statement
// methods of the client ($queryRaw, $queryRawUnsafe, $executeRaw, $executeRawUnsafe) and the
// provider, so the repository functions written against DbOrTx run on it unchanged; any other use
// of the client (a model method) throws RequiresClient, and withDriverTransaction then rolls back
// and runs the same work through the client instead. Nothing outside lib/db sees the driver.

/** What adapters.ts records when the client's adapter connects. */
export type DriverHolder = {
  flavour: DatabaseFlavour;
  /** better-sqlite3's Database (one connection per client, as Prisma's adapter keeps it) */
  sqlite?: SqliteConnection;
  /** serialises transactions on the SQLite connection with the adapter's own (adapters.ts) */
  sqliteLock: Lock;
  pool?: pg.Pool;
};

type SqliteStatement = {
  reader: boolean;
  columns(): { name: string }[];
  bind(args: unknown[]): { run(): { changes: number }; raw(): { all(): unknown[][] } };
};
export type SqliteConnection = { prepare(sql: string): SqliteStatement };

/** A FIFO lock: `acquire()` answers the function that releases it. */
export class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

export function newDriverHolder(flavour: DatabaseFlavour): DriverHolder {
  return { flavour, sqliteLock: new Lock() };
}

const holders = new WeakMap<object, DriverHolder>();

/** Called by client.ts for every client it makes. */
export function registerDriver(client: object, holder: DriverHolder): void {
  holders.set(client, holder);
}

/** Thrown by a driver session on anything but a raw statement: the work needs the client. */
export class RequiresClient extends Error {
  constructor(what: string) {
    super(`${what} needs the Prisma client`);
    this.name = "RequiresClient";
  }
}

type Runner = {
  query(sql: string, args: unknown[]): Promise<Record<string, unknown>[]>;
  execute(sql: string, args: unknown[]): Promise<number>;
};

function sqliteArg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function sqliteRunner(conn: SqliteConnection): Runner {
  return {
    query: async (sql, args) => {
      const stmt = conn.prepare(sql);
      const bound = stmt.bind(args.map(sqliteArg));
      if (!stmt.reader) {
        bound.run();
        return [];
      }
      const names = stmt.columns().map((c) => c.name);
      return bound
        .raw()
        .all()
        .map((row) => {
          const o: Record<string, unknown> = {};
          for (let i = 0; i < names.length; i++) o[names[i]] = row[i];
          return o;
        });
    },
    execute: async (sql, args) => conn.prepare(sql).bind(args.map(sqliteArg)).run().changes,
  };
}

// Timestamps come back as their text (UTC wall time, as Prisma stores them; toDate in sql.ts reads
// it): pg would read a "timestamp without time zone" in the process's local zone.
const TIMESTAMP_OIDS = new Set([1082, 1114, 1184]);
const asText = (value: string) => value;

function pgRunner(client: pg.Pool | pg.PoolClient): Runner {
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      TIMESTAMP_OIDS.has(oid)
        ? asText
        : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
  };
  // a Date as UTC text: PostgreSQL reads it into a timestamp column as the wall time Prisma stores
  const arg = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  const config = (text: string, args: unknown[]) => ({
    name: statementName(text, args.length),
    text,
    values: args.map(arg),
    types,
  });
  return {
    query: async (text, args) => (await client.query(config(text, args))).rows,
    execute: async (text, args) => (await client.query(config(text, args))).rowCount ?? 0,
  };
}

// Named (prepared) statements on PostgreSQL for the statements run again and again: PostgreSQL
// then parses each once per connection and, after five runs, keeps a generic plan instead of
// planning every run. The gate's facts read is one large statement; planning its statements was
// half of PostgreSQL's CPU per decision (6.2–6.5 → 3.0 ms in scripts/bench/gate-probe.ts at 20k).
// A text is named from its third run (one with its values written in is seldom run three times),
// at most PREPARED_MAX texts per process (so per connection); never one of several statements
// (a prepared statement is one statement).
// SIGNET_PG_PREPARED_STATEMENTS=off turns it off: a transaction-mode pooler needs it off unless it
// tracks prepared statements itself (PgBouncer ≥ 1.21 with max_prepared_statements set).
const PREPARED_MAX = 256;
const PREPARED_AFTER_RUNS = 3;
const statementNames = new Map<string, string>();
const statementRuns = new Map<string, number>();

function statementName(text: string, parameters: number): string | undefined {
  if (process.env.SIGNET_PG_PREPARED_STATEMENTS === "off" || (parameters === 0 && text.includes(";"))) return undefined;
  const name = statementNames.get(text);
  if (name || statementNames.size >= PREPARED_MAX) return name;
  const runs = (statementRuns.get(text) ?? 0) + 1;
  if (runs < PREPARED_AFTER_RUNS) {
    // texts seen once or twice: forgotten in bulk rather than kept forever
    if (statementRuns.size >= 4 * PREPARED_MAX) statementRuns.clear();
    statementRuns.set(text, runs);
    return undefined;
  }
  statementRuns.delete(text);
  const named = `signet_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
  statementNames.set(text, named);
  return named;
}

function runnerOf(holder: DriverHolder): Runner | null {
  if (holder.flavour === "sqlite") return holder.sqlite ? sqliteRunner(holder.sqlite) : null;
  return holder.pool ? pgRunner(holder.pool) : null;
}

const RAW_METHODS = new Set(["$queryRaw", "$queryRawUnsafe", "$executeRaw", "$executeRawUnsafe"]);

function toSql(first: unknown, values: unknown[]): Prisma.Sql {
  return first instanceof Prisma.Sql ? first : Prisma.sql(first as TemplateStringsArray, ...values);
}

/** A client look-alike for raw statements on `runner` (see the note at the top). */
function session(flavour: DatabaseFlavour, runner: Runner): Tx {
  const text = (s: Prisma.Sql) => (flavour === "postgres" ? s.text : s.sql);
  const [providerField, provider] = providerFieldOf(flavour);
  const methods: Record<string, unknown> = {
    [providerField]: provider,
    $queryRawUnsafe: (sql: string, ...args: unknown[]) => runner.query(sql, args),
    $executeRawUnsafe: (sql: string, ...args: unknown[]) => runner.execute(sql, args),
    $queryRaw: (first: unknown, ...values: unknown[]) => {
      const s = toSql(first, values);
      return runner.query(text(s), s.values);
    },
    $executeRaw: (first: unknown, ...values: unknown[]) => {
      const s = toSql(first, values);
      return runner.execute(text(s), s.values);
    },
  };
  return new Proxy(methods, {
    get(target, key) {
      if (typeof key === "string" && (RAW_METHODS.has(key) || key === providerField)) return target[key];
      // probes of promise-likes and inspection are not uses of the client
      if (typeof key === "symbol" || key === "then" || key === "toJSON") return undefined;
      throw new RequiresClient(`db.${key}`);
    },
  }) as unknown as Tx;
}

/**
 * `db` for raw statements outside a transaction, on the driver when its adapter has connected;
 * a transaction (or a client without a driver yet) is answered as it is, so a caller inside a
 * transaction stays inside it. Only for functions that use raw statements alone.
 */
export function onDriver<T extends DbOrTx>(db: T): T {
  const holder = holders.get(db);
  const runner = holder && runnerOf(holder);
  return runner ? (session(holder.flavour, runner) as unknown as T) : db;
}

/**
 * withTransaction on the driver: BEGIN, `work`, COMMIT (ROLLBACK on error), with the same isolation
 * the client's transaction has (SQLite: the one connection, its transactions serialised with the
 * client's; PostgreSQL: a pool connection, READ COMMITTED). When `work` needs the client
 * (RequiresClient), the driver transaction is rolled back and `work` runs again in withTransaction,
 * with `fallbackOptions` (its timeout and wait: a long batch needs more than the client's default).
 */
export async function withDriverTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  fallbackOptions?: TransactionOptions,
): Promise<T> {
  const holder = holders.get(db);
  if (!holder || (holder.flavour === "sqlite" ? !holder.sqlite : !holder.pool))
    return withTransaction(db, work, fallbackOptions);
  try {
    return holder.flavour === "sqlite" ? await sqliteTransaction(holder, work) : await pgTransaction(holder, work);
  } catch (error) {
    if (error instanceof RequiresClient) return withTransaction(db, work, fallbackOptions);
    throw error;
  }
}

async function sqliteTransaction<T>(holder: DriverHolder, work: (tx: Tx) => Promise<T>): Promise<T> {
  const conn = holder.sqlite!;
  const release = await holder.sqliteLock.acquire();
  try {
    const runner = sqliteRunner(conn);
    // as the client's transactions begin (adapters.ts): the write lock first, waiting for another connection's
    await runner.execute(SQLITE_BEGIN, []);
    try {
      const result = await work(session("sqlite", runner));
      await runner.execute("COMMIT", []);
      return result;
    } catch (error) {
      // SQLite may have rolled back already (a failed COMMIT, SQLITE_FULL): the error that caused it counts
      await runner.execute("ROLLBACK", []).catch(() => undefined);
      throw error;
    }
  } finally {
    release();
  }
}

async function pgTransaction<T>(holder: DriverHolder, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await holder.pool!.connect();
  let isBroken = false;
  try {
    const runner = pgRunner(client);
    await client.query("BEGIN");
    try {
      const result = await work(session("postgres", runner));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => (isBroken = true));
      throw error;
    }
  } finally {
    client.release(isBroken);
  }
}

/**
 * These writes as one atomic write, for a hot path: on PostgreSQL ONE statement (each write but the
 * last a data-modifying CTE of it; a statement is atomic, so there is no BEGIN or COMMIT to wait
 * for, two round trips fewer than a transaction, and the writes travel together); on SQLite one
 * driver transaction (its statements cost no round trip). The writes must not read each other's
 * rows: a CTE's rows are not visible to the rest of its statement.
 */
export async function writeAtomically(db: Db, writes: WriteStatement[]): Promise<void> {
  if (dialectOf(db) === "sqlite")
    return withDriverTransaction(db, async (tx) => {
      for (const write of writes) {
        const { sql, values } = write("sqlite", 1);
        await tx.$executeRawUnsafe(sql, ...values);
      }
    });
  const parts: { sql: string; values: unknown[] }[] = [];
  let next = 1;
  for (const write of writes) {
    const part = write("postgres", next);
    next += part.values.length;
    parts.push(part);
  }
  const last = parts.pop();
  if (!last) return;
  const ctes = parts.map((p, i) => `"w${i}" AS (${p.sql})`);
  const sql = ctes.length ? `WITH ${ctes.join(", ")} ${last.sql}` : last.sql;
  await onDriver(db).$executeRawUnsafe(sql, ...parts.flatMap((p) => p.values), ...last.values);
}
