import { z } from "@/lib/domain/zod";
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, type Tx, withTransaction } from "@/lib/db/client";
import {
  createPerson,
  createTeam,
  findPeopleByCiIdentity,
  findPerson,
  findPersonCiHandles,
  findTeam,
  setPersonCiHandles,
  setPersonTeam,
} from "@/lib/db/people/people";
import { ciHandlesSchema } from "@/lib/domain/ci-handles";
import { recordAuditBy, type Actor } from "./audit";
import { resolveTeamId } from "./signer-references";

// Adds people and teams (the owners of signers), audited. Deactivation and ownership hand-over
// are their own use cases (deactivate-person.ts, reassign-ownership.ts).

export const personCreateSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(120),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
    /** team id, name or email */
    team: z.string().trim().max(320).nullable().optional(),
    /** the accounts they run pipelines as (GitHub login, GitLab username…): lib/domain/ci-handles.ts */
    ciHandles: ciHandlesSchema.optional(),
  })
  .strict();

export const ciHandlesChangeSchema = z.strictObject({ ciHandles: ciHandlesSchema });

/** PATCH /api/v1/people/{id}: the CI accounts, the team (id, name or email; null for none), or both. */
export const personChangeSchema = z
  .strictObject({
    ciHandles: ciHandlesSchema.optional(),
    team: z.string().trim().min(1, "Name a team, or null for none").max(320).nullable().optional(),
  })
  .refine((b) => b.ciHandles !== undefined || b.team !== undefined, "Give ciHandles, team or both");

export const teamCreateSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(120),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320).nullable().optional(),
    description: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();

export type PersonCreateInput = z.infer<typeof personCreateSchema>;
export type TeamCreateInput = z.infer<typeof teamCreateSchema>;

export async function addPerson(db: Db, input: PersonCreateInput, options: { actor: Actor; now: Date }) {
  const teamId = input.team ? await resolveTeamId(db, input.team) : null;
  const ciHandles = input.ciHandles ?? [];
  await refuseCiHandlesOfOthers(db, ciHandles, null);
  return withTransaction(db, async (tx) => {
    const person = await createPerson(tx, { name: input.name, email: input.email, teamId, ciHandles });
    await recordAuditBy(tx, options, {
      action: "person.created",
      targetType: "person",
      targetId: person.id,
      summary: `Person ${input.name} <${input.email}> added`,
      details: { teamId, ciHandles },
    });
    return person;
  });
}

export async function addTeam(db: Db, input: TeamCreateInput, options: { actor: Actor; now: Date }) {
  return withTransaction(db, async (tx) => {
    const team = await createTeam(tx, {
      name: input.name,
      email: input.email ?? null,
      description: input.description ?? null,
    });
    await recordAuditBy(tx, options, {
      action: "team.created",
      targetType: "team",
      targetId: team.id,
      summary: `Team ${input.name} added`,
    });
    return team;
  });
}

/** Moves a person to another team (id, name or email), or to none; audited with both teams. */
export async function changePersonTeam(
  db: Db,
  personId: string,
  team: string | null,
  options: { actor: Actor; now: Date },
): Promise<{ team: { id: string; name: string } | null }> {
  const person = await findPerson(db, personId);
  if (!person) throw notFound("Person");
  const teamId = team ? await resolveTeamId(db, team) : null;
  const to = teamId ? await findTeam(db, teamId) : null;
  if (teamId !== person.teamId)
    await changePerson(db, personId, options, (tx) => setPersonTeam(tx, personId, teamId), {
      action: "person.team-changed",
      summary: `${person.name} moved to ${to ? `team ${to.name}` : "no team"}`,
      details: { from: person.teamId, to: teamId },
    });
  return { team: to ?? null };
}

/**
 * An account names one person: a pipeline's "triggered by" must resolve to one person for
 * separation of duties to hold, so an account another person (or their email) already has is refused.
 */
async function refuseCiHandlesOfOthers(db: Db, handles: readonly string[], personId: string | null) {
  for (const handle of handles) {
    const other = (await findPeopleByCiIdentity(db, handle)).find((p) => p.id !== personId);
    if (other)
      throw new AppError("conflict", `The account ${handle} already names ${other.name} <${other.email}>`, {
        issues: [{ path: "ciHandles", message: `${handle} already names ${other.name}` }],
      });
  }
}

/** Replaces the accounts a person runs pipelines as; audited with the before and after lists. */
export async function changePersonCiHandles(
  db: Db,
  personId: string,
  raw: unknown,
  options: { actor: Actor; now: Date },
): Promise<{ ciHandles: string[] }> {
  const parsed = ciHandlesSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("validation", "Check the CI accounts", {
      issues: parsed.error.issues.map((i) => ({ path: ["ciHandles", ...i.path].join("."), message: i.message })),
    });
  const ciHandles = parsed.data;
  const person = await findPersonCiHandles(db, personId);
  if (!person) throw notFound("Person");
  await refuseCiHandlesOfOthers(db, ciHandles, personId);
  await changePerson(db, personId, options, (tx) => setPersonCiHandles(tx, personId, ciHandles), {
    action: "person.ci-accounts-changed",
    summary: `${person.name}'s CI accounts: ${ciHandles.join(", ") || "none"}`.slice(0, 500),
    details: { from: person.ciHandles, to: ciHandles },
  });
  return { ciHandles };
}

/** One change to a person and its audit event, in one transaction. */
async function changePerson(
  db: Db,
  personId: string,
  options: { actor: Actor; now: Date },
  write: (tx: Tx) => Promise<void>,
  audit: { action: string; summary: string; details: Record<string, unknown> },
) {
  await withTransaction(db, async (tx) => {
    await write(tx);
    await recordAuditBy(tx, options, {
      targetType: "person",
      targetId: personId,
      ...audit,
    });
  });
}
