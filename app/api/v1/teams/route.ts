import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { listTeamsWithCounts } from "@/lib/db/people/people-admin";
import { addTeam, teamCreateSchema } from "@/lib/services/manage-people";

export const GET = route({ permission: "inventory:read", tokenScopes: ["read"] }, async ({ db, user }) => {
  assertMaySeePeople(user);
  return { rows: await listTeamsWithCounts(db) };
});

export const POST = route(
  { permission: "inventory:write", tokenScopes: ["people:write"], body: teamCreateSchema },
  async ({ db, actor, body }) => {
    return NextResponse.json(await addTeam(db, body, { actor, now: new Date() }), { status: 201 });
  },
);
