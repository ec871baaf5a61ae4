import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { inventoryWrite } from "@/lib/api/route-presets";
import { listRoute } from "@/lib/api/list-route";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { listPeopleWithCounts } from "@/lib/db/people/people-admin";
import { personFiltersSchema } from "@/lib/domain/inventory-filters";
import { addPerson, personCreateSchema } from "@/lib/services/manage-people";
import { personCreated, personPage } from "@/lib/api/responses/inventory";

export const GET = listRoute(
  "People, paged",
  { filters: personFiltersSchema, page: personPage, permission: "inventory:read", tokenScopes: ["read"] },
  async ({ db, user, query }) => {
    assertMaySeePeople(user);
    return listPeopleWithCounts(db, query);
  },
);

export const POST = route(
  inventoryWrite("Add a person", ["people:write"], { 201: personCreated }, personCreateSchema),
  async ({ db, actor, body }) => {
    return NextResponse.json(await addPerson(db, body, { actor, now: new Date() }), { status: 201 });
  },
);
