import { notFound } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { findPersonDetail, signersOwnedBy } from "@/lib/db/people/people-admin";
import { personDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "One person with the signers they own",
    responses: { 200: personDetail },
    permission: "inventory:read",
    tokenScopes: ["read"],
  },
  async ({ db, user, params }) => {
    assertMaySeePeople(user);
    const person = await findPersonDetail(db, params.id);
    if (!person) throw notFound("Person");
    return { ...person, signers: await signersOwnedBy(db, person.id) };
  },
);
