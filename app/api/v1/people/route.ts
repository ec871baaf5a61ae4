import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { listPeopleWithCounts } from "@/lib/db/people/people-admin";
import { addPerson, personCreateSchema } from "@/lib/services/manage-people";
import { personCreated, personPage } from "@/lib/api/responses/inventory";

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(["active", "left", "all"]).default("all"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = route(
  {
    summary: "People, paged",
    responses: { 200: personPage },
    permission: "inventory:read",
    tokenScopes: ["read"],
    query: listQuery,
  },
  async ({ db, user, query }) => {
    assertMaySeePeople(user);
    return listPeopleWithCounts(db, query);
  },
);

export const POST = route(
  {
    summary: "Add a person",
    responses: { 201: personCreated },
    permission: "inventory:write",
    tokenScopes: ["people:write"],
    body: personCreateSchema,
  },
  async ({ db, actor, body }) => {
    return NextResponse.json(await addPerson(db, body, { actor, now: new Date() }), { status: 201 });
  },
);
