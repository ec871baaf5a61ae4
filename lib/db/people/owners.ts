import type { DbOrTx } from "@/lib/db/client";
import { isOwnerScoped } from "@/lib/domain/authz";
import type { ScopeUser } from "@/lib/db/scope";
import type { OwnerFilters } from "@/lib/domain/inventory-filters";
import { findingClock, findingRow, findingRowSelect, subjectLabels, type FindingListRow } from "@/lib/db/findings/list";
import { openFindingWhere, readPage, type Page, type Prisma } from "@/lib/db/inventory/common";
import { contains } from "@/lib/db/sql";
import { personRefSelect, personSearchWhere, personSummarySelect } from "@/lib/db/people/people";

// People and teams that own signers, with what they own and the open findings behind it.
// Owners see only themselves and their own team.

export type PersonRow = {
  kind: "person";
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  team: { id: string; name: string } | null;
  primaryCount: number;
  backupCount: number;
  openFindings: number;
};

export type TeamRow = {
  kind: "team";
  id: string;
  name: string;
  email: string | null;
  peopleCount: number;
  signerCount: number;
  openFindings: number;
};

export type OwnerRow = PersonRow | TeamRow;

async function ownTeamIds(db: DbOrTx, user: ScopeUser): Promise<string[]> {
  if (!user.personId) return [];
  const p = await db.person.findUnique({ where: { id: user.personId }, select: { teamId: true } });
  return p?.teamId ? [p.teamId] : [];
}

async function personWhere(
  db: DbOrTx,
  user: ScopeUser,
  f: Pick<OwnerFilters, "q" | "team" | "active">,
): Promise<Prisma.PersonWhereInput> {
  const and: Prisma.PersonWhereInput[] = [];
  if (isOwnerScoped(user.role)) and.push({ id: user.personId ?? "__none__" });
  if (f.q) and.push(await personSearchWhere(db, f.q));
  if (f.team) and.push({ teamId: f.team });
  if (f.active) and.push({ isActive: f.active === "yes" });
  return { AND: and };
}

async function teamWhere(db: DbOrTx, user: ScopeUser, f: Pick<OwnerFilters, "q">): Promise<Prisma.TeamWhereInput> {
  const and: Prisma.TeamWhereInput[] = [];
  if (isOwnerScoped(user.role)) and.push({ id: { in: await ownTeamIds(db, user) } });
  if (f.q) and.push({ name: contains(db, f.q) });
  return { AND: and };
}

/**
 * Each owner's open findings over the signers it owns (a signer it holds twice counts once), read
 * for all the owners given in one statement.
 */
async function openFindingsOf<T>(
  db: DbOrTx,
  owners: T[],
  signerIdsOf: (owner: T) => string[],
  now: Date,
): Promise<(owner: T) => number> {
  const signerIds = owners.flatMap(signerIdsOf);
  const groups =
    signerIds.length === 0
      ? []
      : await db.finding.groupBy({
          by: ["signerId"],
          where: { AND: [{ signerId: { in: signerIds } }, openFindingWhere(now)] },
          _count: { _all: true },
        });
  const counts = new Map(groups.map((g) => [g.signerId ?? "", g._count._all]));
  return (owner) => [...new Set(signerIdsOf(owner))].reduce((n, id) => n + (counts.get(id) ?? 0), 0);
}

const personSelect = {
  ...personRefSelect,
  team: { select: { id: true, name: true } },
  primaryOf: { select: { id: true } },
  backupOf: { select: { id: true } },
} satisfies Prisma.PersonSelect;

/** What a page or an export batch asks of an owner kind's findMany. */
type OwnerQuery<Args extends Prisma.PersonFindManyArgs | Prisma.TeamFindManyArgs> = Pick<
  Args,
  "where" | "orderBy" | "skip" | "take" | "cursor"
>;

/** The people a query finds, as owner rows with the open findings behind each. */
async function readPersonRows(
  db: DbOrTx,
  query: OwnerQuery<Prisma.PersonFindManyArgs>,
  now: Date,
): Promise<PersonRow[]> {
  const rows = await db.person.findMany({ ...query, select: personSelect });
  const openFindings = await openFindingsOf(db, rows, (p) => [...p.primaryOf, ...p.backupOf].map((s) => s.id), now);
  return rows.map((p) => ({
    kind: "person",
    id: p.id,
    name: p.name,
    email: p.email,
    isActive: p.isActive,
    team: p.team,
    primaryCount: p.primaryOf.length,
    backupCount: p.backupOf.length,
    openFindings: openFindings(p),
  }));
}

const teamSelect = {
  id: true,
  name: true,
  email: true,
  _count: { select: { people: true } },
  signers: { select: { id: true } },
} satisfies Prisma.TeamSelect;

/** The teams a query finds, as owner rows with the open findings behind each. */
async function readTeamRows(db: DbOrTx, query: OwnerQuery<Prisma.TeamFindManyArgs>, now: Date): Promise<TeamRow[]> {
  const rows = await db.team.findMany({ ...query, select: teamSelect });
  const openFindings = await openFindingsOf(db, rows, (t) => t.signers.map((s) => s.id), now);
  return rows.map((t) => ({
    kind: "team",
    id: t.id,
    name: t.name,
    email: t.email,
    peopleCount: t._count.people,
    signerCount: t.signers.length,
    openFindings: openFindings(t),
  }));
}

type OwnerOrder = { by: "name" | "signers"; dir: "asc" | "desc" };
type Paging = { skip?: number; take?: number; cursor?: { id: string } };
type OwnerSource = {
  rows: (order: OwnerOrder, paging: Paging) => Promise<OwnerRow[]>;
  count: () => Promise<number>;
};

/** How one kind of owner is read: its key for "by signers", its rows in an orderBy and window, its count. */
function ownerKind<O>(kind: {
  bySigners: (dir: OwnerOrder["dir"]) => O;
  read: (orderBy: (O | { name: OwnerOrder["dir"] } | { id: "asc" })[], paging: Paging) => Promise<OwnerRow[]>;
  count: () => Promise<number>;
}): OwnerSource {
  return {
    rows: ({ by, dir }, paging) =>
      kind.read([by === "signers" ? kind.bySigners(dir) : { name: dir }, { id: "asc" }], paging),
    count: kind.count,
  };
}

/**
 * The owners of the kind `f.kind` names (people or teams) that the user may see, filtered: read as
 * OwnerRows in an order (by the signers an owner holds, a person's as primary owner, or by name;
 * the id settles ties), a window or a cursor's batch at a time, and counted. The owners list and
 * its export both read through it.
 */
export async function ownerSource(
  db: DbOrTx,
  user: ScopeUser,
  f: Pick<OwnerFilters, "kind" | "q" | "team" | "active">,
  now: Date,
): Promise<OwnerSource> {
  if (f.kind === "teams") {
    const where = await teamWhere(db, user, f);
    return ownerKind({
      bySigners: (dir) => ({ signers: { _count: dir } }),
      read: (orderBy, paging) => readTeamRows(db, { where, orderBy, ...paging }, now),
      count: () => db.team.count({ where }),
    });
  }
  const where = await personWhere(db, user, f);
  return ownerKind({
    bySigners: (dir) => ({ primaryOf: { _count: dir } }),
    read: (orderBy, paging) => readPersonRows(db, { where, orderBy, ...paging }, now),
    count: () => db.person.count({ where }),
  });
}

/** The order the owners list shows and its export writes: by name, A first, or by signers, most first, unless `dir` says. */
export function ownerOrder(f: Pick<OwnerFilters, "sort" | "dir">): OwnerOrder {
  const by = f.sort === "signers" ? "signers" : "name";
  return { by, dir: f.dir ?? (by === "signers" ? "desc" : "asc") };
}

export async function listOwnerPage(db: DbOrTx, user: ScopeUser, f: OwnerFilters, now: Date): Promise<Page<OwnerRow>> {
  const owners = await ownerSource(db, user, f, now);
  return readPage(f, { rows: (window) => owners.rows(ownerOrder(f), window), count: owners.count });
}

export type OwnedSigner = {
  id: string;
  name: string;
  status: string;
  platform: string;
  role: "primary" | "backup" | "team";
  primaryOwner: { id: string; name: string; isActive: boolean } | null;
  lastUsedAt: string | null;
};

export type OwnerDetail = {
  kind: "person" | "team";
  id: string;
  name: string;
  email: string | null;
  isActive: boolean;
  deactivatedAt: string | null;
  team: { id: string; name: string } | null;
  people: { id: string; name: string; email: string; isActive: boolean }[];
  signers: OwnedSigner[];
  findings: FindingListRow[];
  openFindingTotal: number;
};

const signerSelect = {
  id: true,
  name: true,
  status: true,
  platform: true,
  lastUsedAt: true,
  primaryOwner: { select: { id: true, name: true, isActive: true } },
} satisfies Prisma.SignerSelect;

async function findingsOfSigners(db: DbOrTx, signerIds: string[], now: Date) {
  if (signerIds.length === 0) return { rows: [] as FindingListRow[], total: 0 };
  const certIds = (
    await db.signerCertificate.findMany({ where: { signerId: { in: signerIds } }, select: { certificateId: true } })
  ).map((l) => l.certificateId);
  const where: Prisma.FindingWhereInput = {
    AND: [{ OR: [{ signerId: { in: signerIds } }, { certificateId: { in: certIds } }] }, openFindingWhere(now)],
  };
  const [rows, total] = await Promise.all([
    db.finding.findMany({
      where,
      orderBy: [{ severityRank: "desc" }, { lastSeenAt: "desc" }, { id: "asc" }],
      take: 100,
      select: findingRowSelect,
    }),
    db.finding.count({ where }),
  ]);
  const [labels, clock] = await Promise.all([subjectLabels(db, rows), findingClock(db, now)]);
  return { rows: rows.map((r) => findingRow(r, clock, labels)), total };
}

export async function getPersonDetail(db: DbOrTx, user: ScopeUser, id: string, now: Date): Promise<OwnerDetail | null> {
  if (isOwnerScoped(user.role) && user.personId !== id) return null;
  const p = await db.person.findUnique({
    where: { id },
    select: {
      ...personSummarySelect,
      primaryOf: { select: signerSelect, orderBy: { name: "asc" } },
      backupOf: { select: signerSelect, orderBy: { name: "asc" } },
    },
  });
  if (!p) return null;
  const signers: OwnedSigner[] = [
    ...p.primaryOf.map((s) => ({ ...s, lastUsedAt: s.lastUsedAt?.toISOString() ?? null, role: "primary" as const })),
    ...p.backupOf.map((s) => ({ ...s, lastUsedAt: s.lastUsedAt?.toISOString() ?? null, role: "backup" as const })),
  ];
  const findings = await findingsOfSigners(db, [...new Set(signers.map((s) => s.id))], now);
  return {
    kind: "person",
    id: p.id,
    name: p.name,
    email: p.email,
    isActive: p.isActive,
    deactivatedAt: p.deactivatedAt?.toISOString() ?? null,
    team: p.team,
    people: [],
    signers,
    findings: findings.rows,
    openFindingTotal: findings.total,
  };
}

export async function getTeamDetail(db: DbOrTx, user: ScopeUser, id: string, now: Date): Promise<OwnerDetail | null> {
  if (isOwnerScoped(user.role) && !(await ownTeamIds(db, user)).includes(id)) return null;
  const t = await db.team.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      people: { select: personRefSelect, orderBy: { name: "asc" } },
      signers: { select: signerSelect, orderBy: { name: "asc" } },
    },
  });
  if (!t) return null;
  const signers = t.signers.map((s) => ({
    ...s,
    lastUsedAt: s.lastUsedAt?.toISOString() ?? null,
    role: "team" as const,
  }));
  const findings = await findingsOfSigners(
    db,
    signers.map((s) => s.id),
    now,
  );
  return {
    kind: "team",
    id: t.id,
    name: t.name,
    email: t.email,
    isActive: true,
    deactivatedAt: null,
    team: null,
    people: t.people,
    signers,
    findings: findings.rows,
    openFindingTotal: findings.total,
  };
}
