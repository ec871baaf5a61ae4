import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { listTeamsWithCounts } from "@/lib/db/people/people-admin";
import { addTeam, teamCreateSchema } from "@/lib/services/manage-people";
import { teamCreated, teamList } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "Teams with their people and signer counts",
    responses: { 200: teamList },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db, user }) => {
    assertMaySeePeople(user);
    return { rows: await listTeamsWithCounts(db) };
  },
);

export const POST = route(
  {
    summary: "Add a team",
    responses: { 201: teamCreated },
    permission: "inventory:write",
    tokenScopes: ["people:write"],
    body: teamCreateSchema,
  },
  async ({ db, actor, body }) => {
    return NextResponse.json(await addTeam(db, body, { actor, now: new Date() }), { status: 201 });
  },
);
