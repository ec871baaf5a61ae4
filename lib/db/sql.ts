import { Prisma } from "./generated/sqlite/client";

// Raw SQL for the bulk reads of an evaluation run: Prisma's query engine costs several times more
// CPU per row than the query itself at 100,000 certificates. The SQL is portable (quoted
// identifiers, no dialect functions) and runs unchanged on SQLite and PostgreSQL.

export { Prisma };

/** Either explicit ids (at most ~500: SQLite's bound-parameter limit) or an id range of one page. */
export type SubjectScope = { ids: string[] } | { fromId: string; toId: string };

/** `<column> IN (...)`, or the page's id range (ids of one page are contiguous in id order). */
export function inScope(column: string, scope: SubjectScope): Prisma.Sql {
  const col = Prisma.raw(column);
  if ("ids" in scope) return scope.ids.length > 0 ? Prisma.sql`${col} IN (${Prisma.join(scope.ids)})` : Prisma.sql`1 = 0`;
  return Prisma.sql`${col} >= ${scope.fromId} AND ${col} <= ${scope.toId}`;
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
 * Raw results: columns keep their types on both databases, but aggregates (MAX of a timestamp)
 * come back as text on SQLite, and counts as bigint.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  // PostgreSQL "timestamp without time zone" text: Prisma stores UTC
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
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

export function chunks<T>(items: T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
