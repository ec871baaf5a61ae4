import type { DbOrTx } from "@/lib/db/client";
import { findingScopeSql, type ScopeUser } from "@/lib/db/scope";
import type { FindingFilters } from "@/lib/domain/inventory-filters";
import { ruleCatalogue } from "@/lib/domain/findings";
import type { NhiId } from "@/lib/domain/nhi";
import { signerFilterWhere } from "@/lib/db/inventory/common";
import { dialectOf, inJsonList, isPostgres, Prisma, sqlDate } from "@/lib/db/sql";

// The findings list's where as SQL: one condition on "Finding" that the list's page, its count,
// the overview's breakdown (a grouped count), the "Today" details and the export all read, so a
// number and the list it opens cannot disagree. As SQL because the owner's scope is a semi-join
// (lib/db/scope.ts findingScopeSql) that Prisma's where cannot state on "Finding" (it has no
// relations): the ids it resolves to (22,000 for a team lead of 2,000 signers) cost more to bind,
// and to probe, than the statements that read them (seconds per overview).

/** The rules the NHI filter selects: a rule belongs to its primary NHI category and to the related ones it is tagged with. */
export function nhiRuleIds(nhi: NhiId): string[] {
  return ruleCatalogue()
    .filter((r) => r.nhi === nhi || r.relatedNhi.includes(nhi))
    .map((r) => r.id);
}

/**
 * The state columns, as conditions that may lead an index ("resolvedAt" leads the open lists'
 * indexes) or, for an owner's scope on SQLite, that may not: there the scope's three index lookups
 * (about 22,000 findings for a team lead) must drive the statement, and SQLite's planner otherwise
 * walks every open finding (280,000) in the open index and tests the scope on each (seconds).
 * A unary + keeps a column out of index selection; PostgreSQL plans the semi-joins itself.
 */
type StateColumns = { resolvedAt: Prisma.Sql; state: Prisma.Sql; acceptedUntil: Prisma.Sql };

function stateColumns(isScopeDriving: boolean): StateColumns {
  const col = (name: string) => Prisma.raw(isScopeDriving ? `+"${name}"` : `"${name}"`);
  return { resolvedAt: col("resolvedAt"), state: col("state"), acceptedUntil: col("acceptedUntil") };
}

/** Open = open or acknowledged, or a risk acceptance whose end date has passed (lib/domain/finding-lifecycle countsAsOpen). */
export function openFindingSql(db: DbOrTx, now: Date, c: StateColumns = stateColumns(false)): Prisma.Sql {
  return Prisma.sql`${c.resolvedAt} IS NULL AND (${c.state} IN ('open', 'acknowledged') OR (${c.state} = 'risk-accepted' AND ${c.acceptedUntil} < ${sqlDate(db, now)}))`;
}

function stateSql(db: DbOrTx, state: FindingFilters["state"], now: Date, c: StateColumns): Prisma.Sql {
  switch (state) {
    case "open":
      return openFindingSql(db, now, c);
    case "acknowledged":
      return Prisma.sql`${c.resolvedAt} IS NULL AND ${c.state} = 'acknowledged'`;
    case "risk-accepted":
      return Prisma.sql`${c.resolvedAt} IS NULL AND ${c.state} = 'risk-accepted' AND ${c.acceptedUntil} >= ${sqlDate(db, now)}`;
    case "false-positive":
      return Prisma.sql`${c.resolvedAt} IS NULL AND ${c.state} = 'false-positive'`;
    case "resolved":
      return Prisma.sql`${c.resolvedAt} IS NOT NULL`;
    case "all":
      return Prisma.sql`1 = 1`;
  }
}

/** A term for LIKE with a backslash as its escape: its %, _ and backslashes match themselves. */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Prisma's `contains` as lib/db/sql.ts `contains` asks for it: SQLite's LIKE (ASCII case ignored,
 * % and _ wildcards as Prisma passed them), PostgreSQL's ILIKE with the term's wildcards escaped.
 */
function containsSql(db: DbOrTx, column: string, q: string): Prisma.Sql {
  const col = Prisma.raw(`"${column}"`);
  return isPostgres(db) ? Prisma.sql`${col} ILIKE ${`%${escapeLike(q)}%`}` : Prisma.sql`${col} LIKE ${`%${q}%`}`;
}

/**
 * The findings a user sees with these filters, as a condition on "Finding". The scope binds only the
 * person; a signer filter (team, owner, platform, environment, signer) travels as one JSON list of
 * the matching signers' ids.
 */
export async function findingWhereSql(db: DbOrTx, user: ScopeUser, f: FindingFilters, now: Date): Promise<Prisma.Sql> {
  const scope = findingScopeSql(user, dialectOf(db));
  const and: Prisma.Sql[] = [stateSql(db, f.state, now, stateColumns(scope !== null && !isPostgres(db)))];
  if (scope) and.push(scope);
  if (f.severity) and.push(Prisma.sql`"severity" = ${f.severity}`);
  if (f.rule) and.push(Prisma.sql`"ruleId" = ${f.rule}`);
  if (f.nhi) {
    const rules = nhiRuleIds(f.nhi);
    and.push(rules.length ? Prisma.sql`"ruleId" IN (${Prisma.join(rules)})` : Prisma.sql`1 = 0`);
  }
  if (f.subjectType) and.push(Prisma.sql`"subjectType" = ${f.subjectType}`);
  if (f.certificate) and.push(Prisma.sql`"certificateId" = ${f.certificate}`);
  if (f.key) and.push(Prisma.sql`"keyId" = ${f.key}`);
  const signer = signerFilterWhere(db, f);
  if (signer) {
    const ids = (await db.signer.findMany({ where: signer, select: { id: true } })).map((s) => s.id);
    and.push(inJsonList(db, '"signerId"', ids));
  }
  if (f.q) and.push(Prisma.sql`(${containsSql(db, "message", f.q)} OR ${containsSql(db, "ruleId", f.q)})`);
  return Prisma.join(
    and.map((c) => Prisma.sql`(${c})`),
    " AND ",
  );
}

/** The list's order (findingOrderBy in list.ts) as SQL; every sort column is NOT NULL. */
export function findingOrderSql(f: Pick<FindingFilters, "sort" | "dir">): Prisma.Sql {
  const sort = f.sort ?? "severity";
  const dir = (f.dir ?? (sort === "rule" ? "asc" : "desc")) === "asc" ? "ASC" : "DESC";
  const terms =
    sort === "severity"
      ? [`"severityRank" ${dir}`, `"lastSeenAt" DESC`, `"id" ASC`]
      : sort === "rule"
        ? [`"ruleId" ${dir}`, `"severityRank" DESC`, `"id" ASC`]
        : [`"${sort === "firstSeenAt" ? "firstSeenAt" : "lastSeenAt"}" ${dir}`, `"id" ASC`];
  return Prisma.raw(terms.join(", "));
}

/** The ids of the findings matching `where` in the list's order: one window of them, or all (the export). */
export async function findingIdsInOrder(
  db: DbOrTx,
  where: Prisma.Sql,
  order: Prisma.Sql,
  window?: { skip: number; take: number },
): Promise<string[]> {
  const limit = window ? Prisma.sql`LIMIT ${window.take} OFFSET ${window.skip}` : Prisma.empty;
  const rows = await db.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "Finding" WHERE ${where} ORDER BY ${order} ${limit}`;
  return rows.map((r) => r.id);
}

/**
 * One window of the ids matching `where` in the list's order, and how many match in all (null when
 * the window is past the last row), from one statement: for an owner's scope, which SQLite and
 * PostgreSQL resolve to every matching finding and sort (a team lead: 22,000), the page and its
 * count read the scope once instead of twice. Not for the unscoped lists: the open index yields
 * their first page without reading the other 280,000 rows, which a count over the window would.
 */
export async function findingIdsInOrderCounted(
  db: DbOrTx,
  where: Prisma.Sql,
  order: Prisma.Sql,
  window: { skip: number; take: number },
): Promise<{ ids: string[]; count: number | null }> {
  const rows = await db.$queryRaw<{ id: string; n: unknown }[]>`SELECT "id", COUNT(*) OVER () AS "n" FROM "Finding"
    WHERE ${where} ORDER BY ${order} LIMIT ${window.take} OFFSET ${window.skip}`;
  return { ids: rows.map((r) => r.id), count: rows.length ? Number(rows[0].n) : null };
}

/** How many findings match `where`, counting at most `take` (the list's capped total). */
export async function countFindingsWhere(db: DbOrTx, where: Prisma.Sql, cap?: { take: number }): Promise<number> {
  const limit = cap ? Prisma.sql`LIMIT ${cap.take}` : Prisma.empty;
  const [row] = await db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM (
    SELECT 1 AS "one" FROM "Finding" WHERE ${where} ${limit}) AS "matching"`;
  return Number(row?.n ?? 0);
}
