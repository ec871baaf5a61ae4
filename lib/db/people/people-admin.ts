import type { DbOrTx } from "@/lib/db/client";
import { iso, readPage, type Page } from "@/lib/db/inventory/common";
import { readCiHandles } from "@/lib/domain/ci-handles";
import type { PersonFilters } from "@/lib/domain/inventory-filters";
import { personSearchWhere, personSummarySelect } from "@/lib/db/people/people";

// Reads and writes behind the People & teams pages that lib/db/people.ts does not cover:
// lists with ownership counts, a person's signers, bulk ownership changes, and cutting off the
// sign-in of someone who left.

export type PersonListRow = {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  deactivatedAt: string | null;
  team: { id: string; name: string } | null;
  primaryCount: number;
  backupCount: number;
  hasUser: boolean;
};

/** One page of the people directory: the /people page and GET /api/v1/people. */
export async function listPeopleWithCounts(db: DbOrTx, options: PersonFilters): Promise<Page<PersonListRow>> {
  const q = options.q?.trim();
  const where = {
    ...(options.status === "active" ? { isActive: true } : options.status === "left" ? { isActive: false } : {}),
    ...(q ? await personSearchWhere(db, q) : {}),
  };
  const page = await readPage(options, {
    rows: (window) =>
      db.person.findMany({
        where,
        orderBy: [{ isActive: "asc" }, { name: "asc" }],
        ...window,
        select: {
          ...personSummarySelect,
          user: { select: { id: true } },
          _count: {
            select: {
              primaryOf: { where: { status: { not: "decommissioned" } } },
              backupOf: { where: { status: { not: "decommissioned" } } },
            },
          },
        },
      }),
    count: () => db.person.count({ where }),
  });
  return {
    ...page,
    rows: page.rows.map(({ _count, user, deactivatedAt, ...p }): PersonListRow => ({
      ...p,
      deactivatedAt: iso(deactivatedAt),
      primaryCount: _count.primaryOf,
      backupCount: _count.backupOf,
      hasUser: !!user,
    })),
  };
}

export async function findPersonDetail(db: DbOrTx, id: string) {
  const p = await db.person.findUnique({
    where: { id },
    select: {
      ...personSummarySelect,
      createdAt: true,
      ciHandlesJson: true,
      user: { select: { id: true, email: true, role: true, banned: true } },
    },
  });
  if (!p) return null;
  const { ciHandlesJson, ...rest } = p;
  return { ...rest, ciHandles: readCiHandles(ciHandlesJson) };
}

export type OwnedSignerRow = {
  id: string;
  name: string;
  status: string;
  roles: ("primary" | "backup")[];
  primaryOwner: { id: string; name: string; isActive: boolean } | null;
  backupOwner: { id: string; name: string; isActive: boolean } | null;
  team: { id: string; name: string } | null;
};

const owner = { select: { id: true, name: true, isActive: true } } as const;

/** Every signer this person is primary or backup owner of (decommissioned ones included, last). */
export async function signersOwnedBy(db: DbOrTx, personId: string): Promise<OwnedSignerRow[]> {
  const rows = await db.signer.findMany({
    where: { OR: [{ primaryOwnerId: personId }, { backupOwnerId: personId }] },
    orderBy: [{ status: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      status: true,
      primaryOwnerId: true,
      backupOwnerId: true,
      primaryOwner: owner,
      backupOwner: owner,
      team: { select: { id: true, name: true } },
    },
  });
  return rows.map(({ primaryOwnerId, backupOwnerId, ...r }) => ({
    ...r,
    roles: [
      ...(primaryOwnerId === personId ? (["primary"] as const) : []),
      ...(backupOwnerId === personId ? (["backup"] as const) : []),
    ],
  }));
}

export async function listTeamsWithCounts(db: DbOrTx) {
  const rows = await db.team.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      description: true,
      _count: { select: { people: true, signers: true } },
    },
  });
  return rows.map(({ _count, ...t }) => ({ ...t, peopleCount: _count.people, signerCount: _count.signers }));
}

export async function listActivePeople(db: DbOrTx) {
  return db.person.findMany({
    where: { isActive: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

export async function listTeamOptions(db: DbOrTx) {
  return db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
