import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { inventoryRead, inventoryWrite } from "@/lib/api/route-presets";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { listTeamsWithCounts } from "@/lib/db/people/people-admin";
import { addTeam, teamCreateSchema } from "@/lib/services/manage-people";
import { teamCreated, teamList } from "@/lib/api/responses/inventory";

export const GET = route(inventoryRead("Teams with their people and signer counts", teamList), async ({ db, user }) => {
  assertMaySeePeople(user);
  return { rows: await listTeamsWithCounts(db) };
});

export const POST = route(
  inventoryWrite("Add a team", ["people:write"], { 201: teamCreated }, teamCreateSchema),
  async ({ db, actor, body }) => {
    return NextResponse.json(await addTeam(db, body, { actor, now: new Date() }), { status: 201 });
  },
);
