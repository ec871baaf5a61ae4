import { signerCredentialsInclude } from "./credentials";
import type { DbOrTx } from "@/lib/db/client";
import { signerScopeWhere, type ScopeUser } from "@/lib/db/scope";
import { personRefSelect } from "@/lib/db/people/people";
import { iso, LINKED_IDS_BUDGET, openFindingWhere, readPage, type Page, type Prisma } from "@/lib/db/inventory/common";
import { contains, textSearchIds } from "@/lib/db/sql";
import type { SignerFilters } from "@/lib/domain/inventory-filters";

// The signer list with filters, owner-scoped (owners see only signers they own). Used by the
// /signers page and GET /api/v1/signers, so both always show the same rows.

export type SignerListFilters = {
  q?: string;
  status?: string;
  kind?: string;
  platform?: string;
  credentialType?: string;
  teamId?: string;
  /** primary or backup owner */
  ownerId?: string;
  environment?: string;
  isOrphaned?: boolean;
};

export type SignerListRow = {
  id: string;
  name: string;
  kind: string;
  platform: string;
  status: string;
  environments: string[];
  credentialType: string;
  primaryOwner: { id: string; name: string; email: string; isActive: boolean } | null;
  backupOwner: { id: string; name: string; email: string; isActive: boolean } | null;
  team: { id: string; name: string } | null;
  certificateCount: number;
  openFindings: number;
  worstSeverity: string | null;
  lastUsedAt: string | null;
  /** what and where each credential is and when it expires (never a value) */
  credentials: {
    id: string;
    kind: string;
    name: string;
    location: string | null;
    expiresAt: string | null;
    lastRotatedAt: string | null;
    isPipeline: boolean;
  }[];
};

/** The list's URL filters (lib/domain/inventory-filters.ts) as repository filters. */
export function signerListFilters(f: Partial<SignerFilters>): SignerListFilters {
  return {
    q: f.q,
    status: f.status,
    kind: f.kind,
    platform: f.platform,
    credentialType: f.credentialType,
    teamId: f.team,
    ownerId: f.owner,
    environment: f.environment,
    isOrphaned: f.orphaned === "1" || f.orphaned === "true",
  };
}

/** One page of the signers list: the /signers page and GET /api/v1/signers. */
export function listSignerPage(db: DbOrTx, user: ScopeUser, f: SignerFilters): Promise<Page<SignerListRow>> {
  return listSignersFiltered(db, user, signerListFilters(f), f);
}

export async function signerFilterWhere(
  db: DbOrTx,
  user: ScopeUser,
  f: SignerListFilters,
): Promise<Prisma.SignerWhereInput> {
  const and: Prisma.SignerWhereInput[] = [signerScopeWhere(user)];
  const q = f.q?.trim();
  if (q) {
    const ids = await textSearchIds(db, "Signer", q, { limit: LINKED_IDS_BUDGET });
    and.push(ids ? { id: { in: ids } } : { name: contains(db, q) });
  }
  if (f.status) and.push({ status: f.status });
  if (f.kind) and.push({ kind: f.kind });
  if (f.platform) and.push({ platform: f.platform });
  if (f.credentialType) and.push({ credentialType: f.credentialType });
  if (f.teamId) and.push({ teamId: f.teamId });
  if (f.ownerId) and.push({ OR: [{ primaryOwnerId: f.ownerId }, { backupOwnerId: f.ownerId }] });
  // environments are a JSON text column: match the quoted name
  if (f.environment) and.push({ environmentsJson: { contains: JSON.stringify(f.environment.toLowerCase()) } });
  // orphaned: nobody accountable for a signer that still matters (decommissioned ones do not)
  if (f.isOrphaned)
    and.push(
      { status: { not: "decommissioned" } },
      { OR: [{ primaryOwnerId: null }, { primaryOwner: { isActive: false } }] },
    );
  return { AND: and };
}

const person = { select: personRefSelect } as const;

/** By name unless the list sorts otherwise; never-used signers last when sorted by last use. */
function signerOrderBy(f: Pick<Partial<SignerFilters>, "sort" | "dir">): Prisma.SignerOrderByWithRelationInput[] {
  const dir = f.dir ?? "asc";
  const sort = f.sort ?? "name";
  return [sort === "lastUsedAt" ? { lastUsedAt: { sort: dir, nulls: "last" } } : { [sort]: dir }, { id: dir }];
}

/** How many signers the list shows for these filters: the overview's numbers. */
export async function countSigners(db: DbOrTx, user: ScopeUser, filters: SignerListFilters): Promise<number> {
  return db.signer.count({ where: await signerFilterWhere(db, user, filters) });
}

export async function listSignersFiltered(
  db: DbOrTx,
  user: ScopeUser,
  filters: SignerListFilters,
  page: { page: number; pageSize: number } & Pick<Partial<SignerFilters>, "sort" | "dir">,
): Promise<Page<SignerListRow>> {
  const where = await signerFilterWhere(db, user, filters);
  const { rows, ...found } = await readPage(page, {
    count: () => db.signer.count({ where }),
    rows: (window) =>
      db.signer.findMany({
        where,
        orderBy: signerOrderBy(page),
        ...window,
        select: {
          id: true,
          name: true,
          kind: true,
          platform: true,
          status: true,
          environmentsJson: true,
          credentialType: true,
          lastUsedAt: true,
          primaryOwner: person,
          backupOwner: person,
          team: { select: { id: true, name: true } },
          credentials: signerCredentialsInclude,
        },
      }),
  });
  // counted for this page's signers: a relation `_count` in the page's read joins Prisma's GROUP BY
  // over every link (250,000: ~200 ms of the list's ~240 ms on PostgreSQL)
  const ids = rows.map((r) => r.id);
  // (one after the other: on a transaction's single connection, queries do not run side by side)
  const findings = ids.length
    ? await db.finding.groupBy({
        by: ["signerId", "severityRank", "severity"],
        where: { signerId: { in: ids }, subjectType: "signer", ...openFindingWhere(new Date()) },
        _count: { _all: true },
      })
    : [];
  const links = ids.length
    ? await db.signerCertificate.groupBy({ by: ["signerId"], where: { signerId: { in: ids } }, _count: { _all: true } })
    : [];
  const certificateCounts = new Map(links.map((l) => [l.signerId, l._count._all]));
  const bySigner = new Map<string, { count: number; rank: number; severity: string }>();
  for (const f of findings) {
    const cur = bySigner.get(f.signerId!) ?? { count: 0, rank: Number.NEGATIVE_INFINITY, severity: "" };
    cur.count += f._count._all;
    if (f.severityRank > cur.rank) Object.assign(cur, { rank: f.severityRank, severity: f.severity });
    bySigner.set(f.signerId!, cur);
  }
  return {
    ...found,
    rows: rows.map(({ environmentsJson, lastUsedAt, credentials, ...r }): SignerListRow => ({
      ...r,
      lastUsedAt: iso(lastUsedAt),
      credentials: credentials.map((c) => ({ ...c, expiresAt: iso(c.expiresAt), lastRotatedAt: iso(c.lastRotatedAt) })),
      environments: JSON.parse(environmentsJson) as string[],
      certificateCount: certificateCounts.get(r.id) ?? 0,
      openFindings: bySigner.get(r.id)?.count ?? 0,
      worstSeverity: bySigner.get(r.id)?.severity ?? null,
    })),
  };
}
