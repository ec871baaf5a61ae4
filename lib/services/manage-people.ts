import { z } from "zod";
import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { createPerson, createTeam, findPerson, setPersonTeam } from "@/lib/db/people/people";
import { resolveTeams } from "@/lib/db/signers/signer-admin";
import { recordAudit, type Actor } from "./audit";
import { resolveTeamId } from "./signer-references";

// Adds people and teams (the owners of signers), audited. Deactivation and ownership hand-over
// are their own use cases (deactivate-person.ts, reassign-ownership.ts).

export const personCreateSchema = z
  .object({
    name: z.string().trim().min(1, "Name is required").max(120),
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
    /** team id, name or email */
    team: z.string().trim().max(320).nullable().optional(),
  })
  .strict();

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
  return withTransaction(db, async (tx) => {
    const person = await createPerson(tx, { name: input.name, email: input.email, teamId });
    await recordAudit(tx, {
      actor: options.actor,
      action: "person.created",
      targetType: "person",
      targetId: person.id,
      summary: `Person ${input.name} <${input.email}> added`,
      details: { teamId },
      at: options.now,
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
    await recordAudit(tx, {
      actor: options.actor,
      action: "team.created",
      targetType: "team",
      targetId: team.id,
      summary: `Team ${input.name} added`,
      at: options.now,
    });
    return team;
  });
}

/** Moves a person to another team (or none). */
export async function changePersonTeam(
  db: Db,
  personId: string,
  team: string | null,
  options: { actor: Actor; now: Date },
) {
  const person = await findPerson(db, personId);
  if (!person) throw notFound("Person");
  let teamId: string | null = null;
  if (team) {
    const t = (await resolveTeams(db, [team])).get(team.toLowerCase());
    if (!t) throw new AppError("validation", `No team ${team}`);
    teamId = t.id;
  }
  await withTransaction(db, async (tx) => {
    await setPersonTeam(tx, personId, teamId);
    await recordAudit(tx, {
      actor: options.actor,
      action: "person.team-changed",
      targetType: "person",
      targetId: personId,
      summary: `${person.name} moved to another team`,
      details: { from: person.teamId, to: teamId },
      at: options.now,
    });
  });
}
