import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { isOwnerScoped } from "@/lib/domain/authz";
import { findingScopeSql, signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { contains, dialectOf } from "@/lib/db/sql";

// Shared pieces of the inventory read models (lists, details, exports). Everything these modules
// return is JSON-safe (dates as ISO strings) so that server prefetch and API refetch give the
// TanStack Query cache the same shape.

export type { Prisma };

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; isTotalCapped?: boolean };

/**
 * Lists count at most this many matches: counting every one of 280,000 open findings on each
 * page view costs more than the page itself. Beyond it the list says "10,000+" and exports
 * still return every row.
 */
export const COUNT_CAP = 10_000;

function cappedTotal(count: number): { total: number; isTotalCapped: boolean } {
  return count > COUNT_CAP ? { total: COUNT_CAP, isTotalCapped: true } : { total: count, isTotalCapped: false };
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The window of rows page `f.page` shows. */
export function paging(f: { page: number; pageSize: number }) {
  return { skip: (f.page - 1) * f.pageSize, take: f.pageSize };
}

/** How a list reads one page: its rows in a window, and how many rows match. */
export type PageQuery<R, C = void> = {
  rows: (window: { skip: number; take: number }) => Promise<R[]>;
  count: (cap: C) => Promise<number>;
};

/** The rows of page `f.page` and the number of all matches, read side by side. */
export async function readPage<R>(f: { page: number; pageSize: number }, query: PageQuery<R>): Promise<Page<R>> {
  const [rows, total] = await Promise.all([query.rows(paging(f)), query.count()]);
  return { rows, total, page: f.page, pageSize: f.pageSize };
}

/** readPage for the large lists: `count` is given `take` so it stops one past COUNT_CAP. */
export async function readCappedPage<R>(
  f: { page: number; pageSize: number },
  query: PageQuery<R, { take: number }>,
): Promise<Page<R>> {
  const page = await readPage(f, { rows: query.rows, count: () => query.count({ take: COUNT_CAP + 1 }) });
  return { ...page, ...cappedTotal(page.total) };
}

/** Signer conditions shared by the certificate, key and finding filters. */
export function signerFilterWhere(
  db: DbOrTx,
  f: { team?: string; owner?: string; environment?: string; platform?: string; signer?: string },
): Prisma.SignerWhereInput | null {
  const and: Prisma.SignerWhereInput[] = [];
  if (f.team) and.push({ teamId: f.team });
  if (f.owner) and.push({ OR: [{ primaryOwnerId: f.owner }, { backupOwnerId: f.owner }] });
  if (f.platform) and.push({ platform: f.platform });
  // environments are a JSON array of strings: match the quoted value
  if (f.environment) and.push({ environmentsJson: contains(db, JSON.stringify(f.environment)) });
  if (f.signer) and.push({ id: f.signer });
  return and.length ? { AND: and } : null;
}

/**
 * How many ids the id lists below may add to one query's where. Both databases bind 32,766 values
 * per statement (SQLite as better-sqlite3 builds it: lib/db/adapters.ts tells Prisma so), which
 * leaves room for the rest of the where; beyond 10,000 a list costs more than it saves.
 */
export const LINKED_IDS_BUDGET = 10_000;

/**
 * Certificates linked to a signer matching `signer`, for a certificate where. A relation filter
 * (`signers: { some: … }`) is an EXISTS per certificate: SQLite scans all 250,000 certificates
 * with a probe each (0.3–2 s) however few signers match. Looked up from the signers' side
 * instead (their ids, then their links), it is an id list the certificate table is read by. Above
 * `budget` ids the relation filter stays; `size` is how many of the budget the list used.
 */
export async function linkedCertificateWhere(
  db: DbOrTx,
  signer: Prisma.SignerWhereInput,
  budget: number,
): Promise<{ where: Prisma.CertificateWhereInput; size: number }> {
  const fallback = { where: { signers: { some: { signer } } }, size: 0 };
  if (budget <= 0) return fallback;
  const signers = await db.signer.findMany({ where: signer, select: { id: true }, take: budget + 1 });
  if (signers.length > budget) return fallback;
  if (signers.length === 0) return { where: { id: { in: [] } }, size: 0 };
  const links = await db.signerCertificate.findMany({
    where: { signerId: { in: signers.map((s) => s.id) } },
    select: { certificateId: true },
    take: budget + 1,
  });
  const ids = [...new Set(links.map((l) => l.certificateId))];
  return links.length > budget ? fallback : { where: { id: { in: ids } }, size: ids.length };
}

/** The ids of the signers an owner owns; null for roles that see everything. */
export async function ownerSignerIds(db: DbOrTx, user: ScopeUser): Promise<string[] | null> {
  if (!isOwnerScoped(user.role)) return null;
  const signers = await db.signer.findMany({ where: signerScopeWhere(user), select: { id: true } });
  return signers.map((s) => s.id);
}

/** Whether a user may see this finding (the findings list's scope, lib/db/scope.ts findingScopeSql, for one id). */
export async function isFindingVisible(db: DbOrTx, user: ScopeUser, id: string): Promise<boolean> {
  const scope = findingScopeSql(user, dialectOf(db));
  if (!scope) return true;
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 AS "ok" FROM "Finding" WHERE "id" = ${id} AND ${scope}`;
  return rows.length > 0;
}

/**
 * Open = open or acknowledged, or a risk acceptance whose end date has passed (the findings job
 * ends it; until then it counts as open already): lib/domain/finding-lifecycle countsAsOpen.
 */
export function openFindingWhere(now: Date): Prisma.FindingWhereInput {
  return {
    resolvedAt: null,
    OR: [{ state: { in: ["open", "acknowledged"] } }, { state: "risk-accepted", acceptedUntil: { lt: now } }],
  };
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
