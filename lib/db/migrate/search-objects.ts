import type { DatabaseFlavour } from "../adapters";

// The text-search objects (migration 20261204223850_text_search) that Prisma's schema cannot
// describe: SQLite's FTS5 tables and the triggers that keep them current, PostgreSQL's trigram GIN
// indexes. The migration engine is told to leave them alone (so no new migration drops them) and
// the drift check verifies that the migrations build each one exactly as defined here. A migration
// that changes one changes its definition here too.

export type SearchObject = { type: "table" | "trigger" | "index"; name: string; sql: string };

/**
 * An FTS5 trigram index over some text columns of a table, kept current by three triggers. It
 * records which rows hold each trigram, not where (detail=none), and no column sizes (they serve
 * only ranking): a search matches candidates on all of the term's trigrams and then checks each
 * with LIKE (lib/db/sql.ts textSearchIds), so positions would decide nothing. Keeping positions
 * and sizes made each row's index entries about half again as costly to write (60,000 rows of
 * three columns, 500 a transaction: 41 µs of CPU a row against 28).
 */
function sqliteSearch(table: string, columns: string[]): SearchObject[] {
  const name = `${table}Search`;
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const values = (row: "new" | "old") => columns.map((c) => `${row}."${c}"`).join(", ");
  const insert = `INSERT INTO "${name}"(rowid, ${cols}) VALUES (new.rowid, ${values("new")});`;
  const remove = `INSERT INTO "${name}"("${name}", rowid, ${cols}) VALUES ('delete', old.rowid, ${values("old")});`;
  return [
    {
      type: "table",
      name,
      sql: `CREATE VIRTUAL TABLE "${name}" USING fts5(${cols}, content='${table}', content_rowid='rowid', tokenize='trigram', detail=none, columnsize=0)`,
    },
    {
      type: "trigger",
      name: `${table}_search_insert`,
      sql: trigger(`${table}_search_insert`, `INSERT ON "${table}"`, insert),
    },
    {
      type: "trigger",
      name: `${table}_search_delete`,
      sql: trigger(`${table}_search_delete`, `DELETE ON "${table}"`, remove),
    },
    {
      type: "trigger",
      name: `${table}_search_update`,
      sql: trigger(`${table}_search_update`, `UPDATE OF ${cols} ON "${table}"`, `${remove} ${insert}`),
    },
  ];
}

const trigger = (name: string, on: string, body: string) => `CREATE TRIGGER "${name}" AFTER ${on} BEGIN ${body} END`;

/** As pg_indexes prints it: PostgreSQL quotes an identifier only when it must. */
function postgresSearch(table: string, columns: string[]): SearchObject[] {
  const ident = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`);
  return columns.map((c) => ({
    type: "index",
    name: `${table}_${c}_trgm_idx`,
    sql: `CREATE INDEX "${table}_${c}_trgm_idx" ON public.${ident(table)} USING gin (${ident(c)} gin_trgm_ops)`,
  }));
}

/** The searched columns: the certificate list, the signer list and the owners list (lib/db/search.ts). */
export const SEARCHED_COLUMNS = {
  Certificate: ["subjectCn", "subject", "issuerCn"],
  Signer: ["name"],
  Person: ["name", "email"],
} as const;

export function searchObjects(flavour: DatabaseFlavour): SearchObject[] {
  const build = flavour === "sqlite" ? sqliteSearch : postgresSearch;
  return Object.entries(SEARCHED_COLUMNS).flatMap(([table, columns]) => build(table, [...columns]));
}

/** FTS5's own tables behind each virtual table: the migration engine must not see them as Prisma's. */
const FTS5_SHADOW_SUFFIXES = ["", "_config", "_data", "_docsize", "_idx"];

/** The tables the migration engine leaves alone (PostgreSQL's objects are indexes, not tables). */
export function externalSearchTables(flavour: DatabaseFlavour): string[] {
  return searchObjects(flavour)
    .filter((o) => o.type === "table")
    .flatMap((o) => FTS5_SHADOW_SUFFIXES.map((suffix) => `${o.name}${suffix}`));
}

/**
 * The engine's diff without its statements dropping a search index (it sees PostgreSQL's trigram
 * indexes as indexes the schema lacks). Any other statement stays, so real drift still shows.
 */
export function withoutSearchIndexDrops(flavour: DatabaseFlavour, sql: string): string {
  const names = new Set(
    searchObjects(flavour)
      .filter((o) => o.type === "index")
      .map((o) => o.name),
  );
  const kept = sql
    .split(/\n\s*\n/)
    .filter((block) => {
      const statements = block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("--"));
      const drop = statements.length === 1 ? /^DROP INDEX "([^"]+)";$/.exec(statements[0]) : null;
      return !(drop && names.has(drop[1]));
    })
    .join("\n\n");
  return /^\s*(--[^\n]*\s*)*$/.test(kept) ? "" : kept;
}

/** The same SQL whatever its spacing and statement terminators. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/\s+/g, " ")
    .replace(/\s*;\s*/g, "; ")
    .replace(/;\s*$/, "")
    .replace(/\(\s+/g, "(")
    .trim();
}
