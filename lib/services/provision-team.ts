import { AppError, notFound } from "@/lib/api/errors";
import { type Db, withTransaction } from "@/lib/db/client";
import { createTeam } from "@/lib/db/people/people";
import { findProvisionedPeople, findProvisionedTeams, renameTeam, setTeamMembers } from "@/lib/db/people/provisioning";
import { recordAuditBy, type Actor } from "./audit";

// The identity provider's groups, pushed over SCIM (lib/api/scim.ts), are Signet's teams: its name,
// and its members as the team's people (a person is in one team at most, so joining one group moves
// them out of another). Created or replaced whole; audited with who joined and who left.

export type ProvisionedTeamInput = { name: string; memberIds: string[] };

export async function provisionTeam(
  db: Db,
  teamId: string | null,
  input: ProvisionedTeamInput,
  options: { actor: Actor; now: Date },
) {
  const memberIds = [...new Set(input.memberIds)];
  const known = new Set((await findProvisionedPeople(db)).map((p) => p.id));
  const unknown = memberIds.filter((m) => !known.has(m));
  if (unknown.length) throw new AppError("validation", `No person with the id ${unknown.join(", ")}`);
  return withTransaction(db, async (tx) => {
    let before = { name: input.name, memberIds: [] as string[] };
    let id = teamId;
    if (id) {
      const [team] = await findProvisionedTeams(tx, { id });
      if (!team) throw notFound("Team");
      before = { name: team.name, memberIds: team.members.map((m) => m.id) };
      if (team.name !== input.name) await renameTeam(tx, id, input.name);
    } else {
      id = (await createTeam(tx, { name: input.name })).id;
    }
    await setTeamMembers(tx, id, memberIds);
    const joined = memberIds.filter((m) => !before.memberIds.includes(m));
    const left = before.memberIds.filter((m) => !memberIds.includes(m));
    if (teamId && before.name === input.name && !joined.length && !left.length) return id;
    await recordAuditBy(tx, options, {
      action: teamId ? "team.updated" : "team.created",
      targetType: "team",
      targetId: id,
      summary: `Team ${input.name} ${teamId ? "updated" : "added"} by the identity provider: ${joined.length} joined, ${left.length} left`,
      details: { before: { name: before.name }, after: { name: input.name }, joined, left, via: "scim" },
    });
    return id;
  });
}
