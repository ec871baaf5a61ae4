import type { DatabaseFlavour } from "./adapters";
import type { DbOrTx } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { SEARCHED_COLUMNS } from "./migrate/search-objects";

// The one module for raw SQL and the differences between SQLite and PostgreSQL: which database a
// client talks to, the raw-row decoders, the portable helpers of the bulk reads (Prisma's query
// engine costs several times more CPU per row than the query itself at 100,000 certificates) and
// the JSON bulk writers. Repositories ask here instead of probing the client themselves.

export { Prisma };

// ---------------------------------------------------------------- dialect

/** Where the generated client records its provider (private to Prisma: read and imitated only here). */
const PROVIDER_FIELD = "_activeProvider";

/** The database behind a client or transaction (the generated client records its provider). */
export function dialectOf(db: DbOrTx): DatabaseFlavour {
  return (db as unknown as Record<string, unknown>)[PROVIDER_FIELD] === "postgresql" ? "postgres" : "sqlite";
}

/** The provider field for a client look-alike (the driver's session), so `dialectOf` reads it as a client's. */
export function providerFieldOf(flavour: DatabaseFlavour): [name: string, value: string] {
  return [PROVIDER_FIELD, flavour === "postgres" ? "postgresql" : "sqlite"];
}

export const isPostgres = (db: DbOrTx): boolean => dialectOf(db) === "postgres";

/**
 * A case-insensitive "contains" for both providers: SQLite's LIKE already ignores ASCII case;
 * PostgreSQL needs mode insensitive, which SQLite's client rejects. Prisma passes % and _ on as
 * wildcards; PostgreSQL's LIKE escapes with a backslash by default, so there they stay literal.
 * SQLite's LIKE has no escape character unless the statement names one (textSearchIds does).
 */
export function contains(db: DbOrTx, q: string): { contains: string; mode?: "insensitive" } {
  return isPostgres(db) ? { contains: escapeLike(q), mode: "insensitive" } : { contains: q };
}

/** A term for LIKE with a backslash as its escape: its %, _ and backslashes match themselves. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------- text search

/**
 * Lowercase hex values starting with `hex`, as a range an index on the column serves on both
 * databases: a LIKE prefix is case-insensitive on SQLite, and PostgreSQL reads a btree for one
 * only under the C collation ("C.UTF-8" is not). "g" sorts after every hex digit.
 */
export function hexPrefixRange(hex: string): { gte: string; lt: string } {
  if (!/^[0-9a-f]+$/.test(hex)) throw new Error("a hex prefix is lowercase hex digits");
  return { gte: hex, lt: `${hex}g` };
}

export type TextSearch = {
  /** at most this many ids; more matches answer null */
  limit: number;
  /** also rows whose column starts with this lowercase hex (fingerprints, serials) */
  hexPrefixes?: { column: string; hex: string }[];
};

/**
 * Ids of the rows of `table` where a searched column contains `term` (case-insensitive as LIKE
 * is, % and _ literal) or a hex column starts with the prefix given; null when the caller's Prisma
 * where (`contains`, `hexPrefixWhere`) should answer instead: on PostgreSQL always, since its trigram
 * GIN indexes (lib/db/migrate/search-objects.ts) serve ILIKE '%term%' directly, and on SQLite when more than `limit` rows match.
 * SQLite reads the FTS5 trigram index for terms of 3 characters or more (a trigram needs three):
 * the candidates are the rows holding all of the term's trigrams, in any order and column, and
 * each is checked with the LIKE the Prisma where would run, so the rows are the same.
 */
export async function textSearchIds(
  db: DbOrTx,
  table: keyof typeof SEARCHED_COLUMNS,
  term: string,
  search: TextSearch,
): Promise<string[] | null> {
  if (isPostgres(db)) return null;
  const like = `%${escapeLike(term)}%`;
  const matches = Prisma.join(
    SEARCHED_COLUMNS[table].map((c) => Prisma.sql`${Prisma.raw(`"${c}"`)} LIKE ${like} ESCAPE '\\'`),
    " OR ",
  );
  const index = Prisma.raw(`"${table}Search"`);
  const trigrams = trigramsOf(term);
  const candidates =
    trigrams.length > 0
      ? Prisma.sql`rowid IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ${allOf(trigrams)}) AND`
      : Prisma.empty;
  const from = Prisma.raw(`SELECT "id" FROM "${table}" WHERE`);
  const parts = [Prisma.sql`${from} ${candidates} (${matches})`];
  for (const { column, hex } of search.hexPrefixes ?? []) {
    const { gte, lt } = hexPrefixRange(hex);
    const col = Prisma.raw(`"${column}"`);
    parts.push(Prisma.sql`${from} ${col} >= ${gte} AND ${col} < ${lt}`);
  }
  const rows = await db.$queryRaw<{ id: string }[]>`${Prisma.join(parts, " UNION ")} LIMIT ${search.limit + 1}`;
  return rows.length > search.limit ? null : rows.map((r) => r.id);
}

/** The distinct runs of three characters in `term` (none when it is shorter). */
export function trigramsOf(term: string): string[] {
  const chars = [...term];
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(""));
  return [...trigrams];
}

/** An FTS5 query for the rows that hold every one of `tokens`, each quoted as an FTS5 string. */
function allOf(tokens: string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");
}

/** Dates as raw-query parameters: SQLite compares Prisma's stored text form, PostgreSQL takes a Date. */
export function sqlDate(db: DbOrTx, d: Date): Date | string {
  return isPostgres(db) ? d : sqliteTimestamp(d);
}

/** How Prisma stores a DateTime in SQLite: ISO text with +00:00. */
function sqliteTimestamp(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** One SQL statement without parameters (scripts: benchmark indexes, ANALYZE). */
export async function executeStatement(db: DbOrTx, sql: string): Promise<void> {
  await db.$executeRawUnsafe(sql);
}

/**
 * Keeps the query planner's statistics current after bulk changes. SQLite: `PRAGMA optimize`
 * re-analyzes (a sample of) the tables that changed a lot since their last ANALYZE, usually
 * nothing (see the connection set-up in adapters.ts). PostgreSQL's autovacuum does this itself.
 */
export async function refreshPlannerStatistics(db: DbOrTx): Promise<void> {
  if (!isPostgres(db)) await db.$executeRawUnsafe("PRAGMA optimize");
}

/**
 * Serialises the transactions that take the same named lock, until each ends: a read-then-write
 * check ("is this the last administrator?") inside one of them cannot be overtaken by another.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: the database's write lock, taken at once
 * by a write that changes nothing (a deferred transaction would take it only at its first write,
 * after its read). Call it first in the transaction.
 */
export async function takeTransactionLock(tx: DbOrTx, name: string): Promise<void> {
  if (isPostgres(tx)) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signet:${name}`}))`;
  else await tx.$executeRawUnsafe(`UPDATE "User" SET "role" = "role" WHERE 1 = 0`);
}

// ---------------------------------------------------------------- portable reads

/**
 * Which subjects: explicit ids (at most ~500: SQLite's bound-parameter limit); one page's id range (ids of one page are contiguous in id order);
 * or the ids after one id up to and including another, either end open (null), so that the pages
 * of a whole-inventory run together cover every id, those of deleted subjects included.
 */
export type SubjectScope =
  { ids: string[] } | { fromId: string; toId: string } | { afterId: string | null; throughId: string | null };

export function inScope(column: string, scope: SubjectScope): Prisma.Sql {
  const col = Prisma.raw(column);
  if ("ids" in scope)
    return scope.ids.length > 0 ? Prisma.sql`${col} IN (${Prisma.join(scope.ids)})` : Prisma.sql`1 = 0`;
  if ("fromId" in scope) return Prisma.sql`${col} >= ${scope.fromId} AND ${col} <= ${scope.toId}`;
  const after = scope.afterId === null ? Prisma.sql`1 = 1` : Prisma.sql`${col} > ${scope.afterId}`;
  const through = scope.throughId === null ? Prisma.sql`1 = 1` : Prisma.sql`${col} <= ${scope.throughId}`;
  return Prisma.sql`${after} AND ${through}`;
}

export function scopeOf(rows: { id: string }[]): SubjectScope {
  return rows.length === 0 ? { ids: [] } : { fromId: rows[0].id, toId: rows[rows.length - 1].id };
}

/** Where the next page starts; pages are read in id order. */
export type Page = { afterId: string | null; limit: number };

export function pageSql(page: Page): { where: Prisma.Sql; tail: Prisma.Sql } {
  return {
    where: page.afterId === null ? Prisma.sql`1 = 1` : Prisma.sql`"id" > ${page.afterId}`,
    tail: Prisma.sql`ORDER BY "id" LIMIT ${page.limit}`,
  };
}

/**
 * The rows of a selection (the ids given, or the next page of the table in id order) and the scope
 * they make, over which the findings inputs then read each subject's context. `read` runs the
 * SELECT with the WHERE and the tail (order and limit) it is given.
 */
export async function readSelection<T extends { id: string }>(
  selection: { ids: string[] } | Page,
  read: (where: Prisma.Sql, tail: Prisma.Sql) => Promise<T[]>,
): Promise<{ rows: T[]; scope: SubjectScope }> {
  if ("ids" in selection) {
    if (selection.ids.length === 0) return { rows: [], scope: { ids: [] } };
    const scope = { ids: selection.ids };
    return { rows: await read(inScope('"id"', scope), Prisma.empty), scope };
  }
  const page = pageSql(selection);
  const rows = await read(page.where, page.tail);
  return { rows, scope: scopeOf(rows) };
}

/**
 * The raw-row decoders, for every raw query. Columns keep their types on both databases, but
 * aggregates (MAX of a timestamp) come back as text on SQLite, counts as bigint, and a
 * PostgreSQL "timestamp without time zone" may come back as text without a zone: Prisma stores UTC.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  // PostgreSQL "timestamp without time zone" text (or its JSON form, with a T): Prisma stores UTC
  return new Date(/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
}

/** toDate for a NOT NULL column. */
export function toRequiredDate(value: unknown): Date {
  const date = toDate(value);
  if (!date) throw new Error("a NOT NULL timestamp came back empty");
  return date;
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

export function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

export function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

export const ID_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------- JSON bulk statements

// Bulk statements that send their rows as ONE JSON parameter, expanded by the database
// (SQLite json_each, PostgreSQL jsonb_array_elements). Prisma's raw queries cost ~14 µs of CPU per
// bound parameter; a certificate row has 33, so a multi-row INSERT with a parameter per value spent
// three times longer in the client than in the database. One JSON text per statement costs writing
// that text (rowsJson) and a parse inside the database instead. Values are typed per column so both
// databases store exactly what Prisma's own writes would store (SQLite: DateTime as ISO text with
// +00:00, Boolean as 0/1; PostgreSQL: TIMESTAMP(3), BOOLEAN, BYTEA).

/** How a column's value travels: "json" is text holding the value JSON-encoded (a list in a *Json column). */
export type ColumnType = "text" | "json" | "int" | "bool" | "timestamp" | "bytes";
export type Columns = Readonly<Record<string, ColumnType>>;

/** Rows per statement: about a megabyte of JSON for certificate rows. */
const ROWS = 500;

/** A value as JSON text, typed as the column stores it. */
function encodeValue(value: unknown, type: ColumnType, flavour: DatabaseFlavour): string {
  if (value === null || value === undefined) return "null";
  switch (type) {
    case "timestamp":
      return `"${flavour === "sqlite" ? sqliteTimestamp(value as Date) : (value as Date).toISOString()}"`;
    case "bool":
      return value ? "1" : "0";
    case "bytes": {
      // PostgreSQL decodes base64 (a third shorter than hex: a certificate's DER is most of its row's
      // JSON); SQLite has unhex() only
      const bytes = value as Uint8Array;
      return `"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(flavour === "sqlite" ? "hex" : "base64")}"`;
    }
    case "json":
      return JSON.stringify(JSON.stringify(value));
    default:
      return JSON.stringify(value) ?? "null";
  }
}

function expression(column: string, type: ColumnType, flavour: DatabaseFlavour): string {
  const raw = flavour === "sqlite" ? `value->>'${column}'` : `x->>'${column}'`;
  if (flavour === "sqlite") return type === "bytes" ? `unhex(${raw})` : raw;
  switch (type) {
    case "int":
      return `(${raw})::integer`;
    case "bool":
      return `(${raw})::integer::boolean`;
    case "timestamp":
      // the text is UTC; a TIMESTAMP(3) column keeps the wall time, as Prisma writes it
      return `((${raw})::timestamptz AT TIME ZONE 'UTC')`;
    case "bytes":
      return `decode(${raw}, 'base64')`;
    default:
      return raw;
  }
}

type JsonRowsSpec = {
  table: string;
  columns: Columns;
  rows: Record<string, unknown>[];
  /** where a row keeps a column's value when not under the column's name (a field named otherwise) */
  fieldOf?: Readonly<Record<string, string>>;
  /** columns whose value every row shares, given once instead of in each row (encoded once) */
  shared?: Readonly<Record<string, unknown>>;
  onConflict?: string;
  returning?: string;
};

/** insertJsonRows' statement text, its one parameter (the rows' JSON) written as `placeholder`. */
function jsonInsertText(spec: JsonRowsSpec, flavour: DatabaseFlavour, placeholder: string): string {
  const names = Object.keys(spec.columns);
  const select = names.map((n) => expression(n, spec.columns[n], flavour)).join(", ");
  const from = flavour === "sqlite" ? `json_each(${placeholder})` : `jsonb_array_elements(${placeholder}::jsonb) AS x`;
  // "WHERE true" keeps SQLite from reading ON CONFLICT as part of a join clause
  return (
    `INSERT INTO "${spec.table}" (${names.map((n) => `"${n}"`).join(", ")}) SELECT ${select} FROM ${from} WHERE true` +
    (spec.onConflict ? ` ON CONFLICT ${spec.onConflict}` : "") +
    (spec.returning ? ` RETURNING ${spec.returning}` : "")
  );
}

/**
 * The rows as one JSON array, written in one pass: a certificate row has ~35 columns, and building
 * an object per row for JSON.stringify cost more than the database's insert of it (bench:import).
 */
function rowsJson(
  spec: Pick<JsonRowsSpec, "columns" | "fieldOf" | "shared">,
  rows: Record<string, unknown>[],
  flavour: DatabaseFlavour,
): string {
  const { shared } = spec;
  const columns = Object.entries(spec.columns).map(([name, type], i) => {
    const prefix = `${i === 0 ? "{" : ","}${JSON.stringify(name)}:`;
    return {
      prefix,
      field: spec.fieldOf?.[name] ?? name,
      type,
      // a shared column's text is written once for every row
      sharedText: shared && name in shared ? prefix + encodeValue(shared[name], type, flavour) : null,
    };
  });
  let json = "[";
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (r > 0) json += ",";
    for (const c of columns) json += c.sharedText ?? c.prefix + encodeValue(row[c.field], c.type, flavour);
    json += "}";
  }
  return json + "]";
}

/**
 * INSERT INTO table (columns) SELECT … FROM <rows as JSON> [ON CONFLICT …] [RETURNING …], a
 * statement per ROWS rows. Returns the RETURNING rows, if any.
 */
export async function insertJsonRows<R = never>(tx: DbOrTx, spec: JsonRowsSpec): Promise<R[]> {
  const flavour = dialectOf(tx);
  const sql = jsonInsertText(spec, flavour, flavour === "sqlite" ? "?" : "$1");
  const out: R[] = [];
  const jsonAt = (i: number) => (i < spec.rows.length ? rowsJson(spec, spec.rows.slice(i, i + ROWS), flavour) : null);
  // each statement's JSON is written while the statement before it runs in the database (one
  // statement in flight at a time, as before)
  let json = jsonAt(0);
  for (let i = 0; json !== null; i += ROWS) {
    const running = spec.returning ? tx.$queryRawUnsafe<R[]>(sql, json) : tx.$executeRawUnsafe(sql, json);
    try {
      json = jsonAt(i + ROWS);
    } catch (error) {
      await Promise.allSettled([running]); // not left to reject unobserved
      throw error;
    }
    const result = await running;
    if (spec.returning) out.push(...(result as R[]));
  }
  return out;
}

/**
 * A write to run together with others as one (insertAtomically, lib/db/driver.ts): its text for a
 * dialect, its placeholders numbered from `first` on PostgreSQL ($first, $first+1, …; SQLite: ?),
 * and their values in order. Each aggregate's writer builds its own; the caller only combines them.
 */
export type WriteStatement = (flavour: DatabaseFlavour, first: number) => { sql: string; values: unknown[] };

/** insertJsonRows as a WriteStatement (a few rows: one statement). */
export function jsonRowsWrite(spec: Omit<JsonRowsSpec, "returning">): WriteStatement {
  if (spec.rows.length > ROWS) throw new Error(`jsonRowsWrite: at most ${ROWS} rows`);
  return (flavour, first) => ({
    sql: jsonInsertText(spec, flavour, flavour === "sqlite" ? "?" : `$${first}`),
    values: [rowsJson(spec, spec.rows, flavour)],
  });
}

/** A timestamp as a raw statement's value for `flavour` (sqlDate for a known dialect). */
export function timestampValue(flavour: DatabaseFlavour, d: Date): string {
  return flavour === "sqlite" ? sqliteTimestamp(d) : d.toISOString();
}

/**
 * UPDATE table SET <columns> = each row's values FROM <rows as JSON> WHERE table.<key> = the row's
 * key, a statement per ROWS rows: the rows' values travel as one parameter (see insertJsonRows).
 */
export async function updateJsonRows(
  tx: DbOrTx,
  spec: {
    table: string;
    key: string;
    columns: Columns;
    rows: Record<string, unknown>[];
    /** skip rows whose stored values already equal the new ones (nothing is written for them) */
    isChangedOnly?: boolean;
  },
): Promise<number> {
  const flavour = dialectOf(tx);
  const names = Object.keys(spec.columns);
  const value = (n: string) => expression(n, spec.columns[n], flavour);
  const set = names.map((n) => `"${n}" = ${value(n)}`).join(", ");
  const from = flavour === "sqlite" ? "json_each(?)" : "jsonb_array_elements($1::jsonb) AS x";
  const key = expression(spec.key, "text", flavour);
  const changed = spec.isChangedOnly
    ? ` AND (${names.map((n) => `"${spec.table}"."${n}" IS DISTINCT FROM ${value(n)}`).join(" OR ")})`
    : "";
  const sql = `UPDATE "${spec.table}" SET ${set} FROM ${from} WHERE "${spec.table}"."${spec.key}" = ${key}${changed}`;
  let count = 0;
  for (let i = 0; i < spec.rows.length; i += ROWS) {
    const json = rowsJson({ columns: { [spec.key]: "text", ...spec.columns } }, spec.rows.slice(i, i + ROWS), flavour);
    count += await tx.$executeRawUnsafe(sql, json);
  }
  return count;
}

/**
 * `<column> IN (the values)` with the values as ONE JSON parameter, for raw statements over many
 * ids (no bound-parameter limit, and one parameter's client cost instead of one per id).
 */
export function inJsonList(db: DbOrTx, column: string, values: readonly string[]): Prisma.Sql {
  const list =
    dialectOf(db) === "sqlite"
      ? Prisma.sql`SELECT value FROM json_each(${JSON.stringify(values)})`
      : Prisma.sql`SELECT jsonb_array_elements_text(CAST(${JSON.stringify(values)} AS jsonb))`;
  return Prisma.sql`${Prisma.raw(column)} IN (${list})`;
}

/** SELECT … WHERE column IN (the values, as one JSON parameter). */
export async function selectWhereIn<R>(
  tx: DbOrTx,
  spec: { select: string; table: string; column: string; values: string[] },
): Promise<R[]> {
  const flavour = dialectOf(tx);
  const list = flavour === "sqlite" ? "SELECT value FROM json_each(?)" : "SELECT jsonb_array_elements_text($1::jsonb)";
  const sql = `SELECT ${spec.select} FROM "${spec.table}" WHERE "${spec.column}" IN (${list})`;
  const out: R[] = [];
  for (let i = 0; i < spec.values.length; i += 2_000)
    out.push(...(await tx.$queryRawUnsafe<R[]>(sql, JSON.stringify(spec.values.slice(i, i + 2_000)))));
  return out;
}
