import { found } from "@/lib/api/errors";
import { inventoryRead } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { findPersonDetail, signersOwnedBy } from "@/lib/db/people/people-admin";
import { personCiHandles, personDetail } from "@/lib/api/responses/inventory";
import { changePersonCiHandles, ciHandlesChangeSchema } from "@/lib/services/manage-people";

export const GET = route(
  inventoryRead("One person with the signers they own", personDetail),
  async ({ db, user, params }) => {
    assertMaySeePeople(user);
    const person = found(await findPersonDetail(db, params.id), "Person");
    return { ...person, signers: await signersOwnedBy(db, person.id) };
  },
);

// The accounts the person runs pipelines as: how "triggered by" on a gate request, signing event
// or approval request is matched to them (separation of duties, docs in the README's Approvals).
export const PATCH = route(
  {
    summary: "Set the CI accounts a person runs pipelines as",
    responses: { 200: personCiHandles },
    permission: "inventory:write",
    tokenScopes: ["people:write"],
    body: ciHandlesChangeSchema,
  },
  async ({ db, actor, body, params }) =>
    changePersonCiHandles(db, params.id, body.ciHandles, { actor, now: new Date() }),
);
