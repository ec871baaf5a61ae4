import type { DbOrTx } from "@/lib/db/client";

// What the identity provider's SCIM client reads and writes of people and teams
// (lib/api/scim.ts): a person with their externalId and team, a team with its members.

export type ProvisionedPerson = {
  id: string;
  name: string;
  email: string;
  externalId: string | null;
  isActive: boolean;
  team: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ProvisionedTeam = {
  id: string;
  name: string;
  members: { id: string; name: string }[];
  createdAt: Date;
  updatedAt: Date;
};

const personSelect = {
  id: true,
  name: true,
  email: true,
  externalId: true,
  isActive: true,
  team: { select: { id: true, name: true } },
  createdAt: true,
  updatedAt: true,
} as const;

const teamSelect = {
  id: true,
  name: true,
  createdAt: true,
  updatedAt: true,
  people: { select: { id: true, name: true }, orderBy: { name: "asc" } },
} as const;

/** The cap on one SCIM read: a list answer pages through these (ServiceProviderConfig says so). */
export const PROVISIONING_READ_CAP = 10_000;

/**
 * People for a SCIM read: one by id, those with an email or externalId (the lookups identity
 * providers make before creating someone), or all up to the cap; the SCIM filter is applied after.
 */
export async function findProvisionedPeople(
  db: DbOrTx,
  where: { id?: string; email?: string; externalId?: string } = {},
): Promise<ProvisionedPerson[]> {
  return db.person.findMany({
    where: {
      ...(where.id !== undefined ? { id: where.id } : {}),
      ...(where.email !== undefined ? { email: where.email.toLowerCase() } : {}),
      ...(where.externalId !== undefined ? { externalId: where.externalId } : {}),
    },
    select: personSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: PROVISIONING_READ_CAP,
  });
}

export async function findProvisionedTeams(db: DbOrTx, where: { id?: string } = {}): Promise<ProvisionedTeam[]> {
  const teams = await db.team.findMany({
    where: where.id !== undefined ? { id: where.id } : {},
    select: teamSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: PROVISIONING_READ_CAP,
  });
  return teams.map(({ people, ...t }) => ({ ...t, members: people }));
}

/** Name, email and externalId of a person, as the identity provider has them. */
export async function updatePersonIdentity(
  tx: DbOrTx,
  id: string,
  data: { name: string; email: string; externalId: string | null },
): Promise<void> {
  await tx.person.update({ where: { id }, data: { ...data, email: data.email.toLowerCase() } });
}

export async function setPersonExternalId(tx: DbOrTx, id: string, externalId: string | null): Promise<void> {
  await tx.person.update({ where: { id }, data: { externalId } });
}

export async function renameTeam(tx: DbOrTx, id: string, name: string): Promise<void> {
  await tx.team.update({ where: { id }, data: { name } });
}

/** Makes `memberIds` the team's people: others leave it (a person is in one team at most). */
export async function setTeamMembers(tx: DbOrTx, teamId: string, memberIds: readonly string[]): Promise<void> {
  await tx.person.updateMany({ where: { teamId, id: { notIn: [...memberIds] } }, data: { teamId: null } });
  if (memberIds.length) await tx.person.updateMany({ where: { id: { in: [...memberIds] } }, data: { teamId } });
}
