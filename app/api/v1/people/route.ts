import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { listPeopleWithCounts } from "@/lib/db/people/people-admin";
import { apiListQuery, personFiltersSchema } from "@/lib/domain/inventory-filters";
import { addPerson, personCreateSchema } from "@/lib/services/manage-people";

export const GET = route(
  { permission: "inventory:read", tokenScopes: ["read"], query: apiListQuery(personFiltersSchema) },
  async ({ db, user, query }) => {
    assertMaySeePeople(user);
    return listPeopleWithCounts(db, query);
  },
);

export const POST = route(
  { permission: "inventory:write", tokenScopes: ["people:write"], body: personCreateSchema },
  async ({ db, actor, body }) => {
    return NextResponse.json(await addPerson(db, body, { actor, now: new Date() }), { status: 201 });
  },
);
