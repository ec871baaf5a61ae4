import type { DbOrTx } from "@/lib/db/client";
import { LINKED_IDS_BUDGET, type Prisma } from "@/lib/db/inventory/common";
import { contains, textSearchIds } from "@/lib/db/sql";
import { readCiHandles } from "@/lib/domain/ci-handles";

// Teams and people: the owners of signers. A person who leaves stays in the table with
// isActive false, so the signers they still own show up as orphaned instead of vanishing.

/** A person as other records show them (owner, assignee, recipient): name, address, still here or not. */
export const personRefSelect = { id: true, name: true, email: true, isActive: true } as const;

/** A person as the people lists and pages show them: the reference, when they left, their team. */
export const personSummarySelect = {
  ...personRefSelect,
  deactivatedAt: true,
  team: { select: { id: true, name: true } },
} as const;

export type TeamRecord = { id: string; name: string; email: string | null; description: string | null };

export type PersonRecord = {
  id: string;
  name: string;
  email: string;
  teamId: string | null;
  isActive: boolean;
  deactivatedAt: Date | null;
};

const personSelect = { ...personRefSelect, teamId: true, deactivatedAt: true } as const;
const teamSelect = { id: true, name: true, email: true, description: true } as const;

export type NewTeam = { name: string; email?: string | null; description?: string | null };

export async function createTeam(db: DbOrTx, input: NewTeam): Promise<TeamRecord> {
  return db.team.create({
    data: { name: input.name, email: input.email ?? null, description: input.description ?? null },
    select: teamSelect,
  });
}

export type NewPerson = {
  name: string;
  email: string;
  teamId?: string | null;
  /** false: the person has left; deactivatedAt records when */
  isActive?: boolean;
  /** the accounts they run pipelines as, normalised */
  ciHandles?: readonly string[];
  deactivatedAt?: Date | null;
};

export async function createPerson(db: DbOrTx, input: NewPerson): Promise<PersonRecord> {
  const isActive = input.isActive ?? true;
  return db.person.create({
    data: {
      name: input.name,
      // emails are compared case-insensitively when users sign in (lib/db/users.ts)
      email: input.email.toLowerCase(),
      teamId: input.teamId ?? null,
      ciHandlesJson: JSON.stringify(input.ciHandles ?? []),
      isActive,
      deactivatedAt: isActive ? null : (input.deactivatedAt ?? null),
    },
    select: personSelect,
  });
}

export async function deactivatePerson(db: DbOrTx, id: string, options: { at: Date }): Promise<PersonRecord> {
  return db.person.update({
    where: { id },
    data: { isActive: false, deactivatedAt: options.at },
    select: personSelect,
  });
}

/** The person is back (marked as having left by mistake, or rehired). */
export async function reactivatePerson(db: DbOrTx, id: string): Promise<PersonRecord> {
  return db.person.update({ where: { id }, data: { isActive: true, deactivatedAt: null }, select: personSelect });
}

export async function findPerson(db: DbOrTx, id: string) {
  return db.person.findUnique({
    where: { id },
    select: { ...personRefSelect, teamId: true },
  });
}

export async function setPersonTeam(tx: DbOrTx, personId: string, teamId: string | null): Promise<void> {
  await tx.person.update({ where: { id: personId }, data: { teamId } });
}

export async function findPersonCiHandles(db: DbOrTx, id: string) {
  const p = await db.person.findUnique({ where: { id }, select: { id: true, name: true, ciHandlesJson: true } });
  return p ? { id: p.id, name: p.name, ciHandles: readCiHandles(p.ciHandlesJson) } : null;
}

/** Replaces the person's CI accounts (already normalised: lib/domain/ci-handles.ts). */
export async function setPersonCiHandles(tx: DbOrTx, personId: string, handles: readonly string[]): Promise<void> {
  await tx.person.update({ where: { id: personId }, data: { ciHandlesJson: JSON.stringify(handles) } });
}

/**
 * The people a CI actor name denotes exactly: by email, or by a declared CI account. Handles are
 * stored lower-case and never contain a quote (ciHandleSchema), so a quoted substring match is exact.
 */
export async function findPeopleByCiIdentity(db: DbOrTx, normalized: string) {
  if (!normalized || normalized.includes('"')) return [];
  return db.person.findMany({
    where: { OR: [{ email: normalized }, { ciHandlesJson: { contains: JSON.stringify(normalized) } }] },
    select: personRefSelect,
    orderBy: { name: "asc" },
    take: 10,
  });
}

export async function findTeam(db: DbOrTx, id: string) {
  return db.team.findUnique({ where: { id }, select: { id: true, name: true } });
}

export async function listTeams(db: DbOrTx): Promise<TeamRecord[]> {
  return db.team.findMany({ select: teamSelect, orderBy: { name: "asc" } });
}

/** Active people for an owner picker (the discovery queue's create-a-signer form). */
export async function listPersonOptions(db: DbOrTx): Promise<{ id: string; name: string; email: string }[]> {
  return db.person.findMany({
    where: { isActive: true },
    orderBy: { name: "asc" },
    take: 1000,
    select: { id: true, name: true, email: true },
  });
}

/**
 * People whose name or email contains `q` (any case; % and _ literal where the text-search index
 * answers): the owners list and the people directory.
 */
export async function personSearchWhere(db: DbOrTx, q: string): Promise<Prisma.PersonWhereInput> {
  const ids = await textSearchIds(db, "Person", q, { limit: LINKED_IDS_BUDGET });
  return ids ? { id: { in: ids } } : { OR: [{ name: contains(db, q) }, { email: contains(db, q) }] };
}
