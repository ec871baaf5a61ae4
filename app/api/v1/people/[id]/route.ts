import { found } from "@/lib/api/errors";
import { inventoryRead, inventoryWrite } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { findPersonDetail, signersOwnedBy } from "@/lib/db/people/people-admin";
import { personCiAccountsOrTeam, personDetail } from "@/lib/api/responses/inventory";
import { changePersonCiHandles, changePersonTeam, personChangeSchema } from "@/lib/services/manage-people";

export const GET = route(
  inventoryRead("One person with the signers they own", personDetail),
  async ({ db, user, params }) => {
    assertMaySeePeople(user);
    const person = found(await findPersonDetail(db, params.id), "Person");
    return { ...person, signers: await signersOwnedBy(db, person.id) };
  },
);

// The accounts the person runs pipelines as (how "triggered by" on a gate request, signing event
// or approval request is matched to them: separation of duties, docs in the README's Approvals),
// and the team they belong to. Each given part is changed and audited on its own.
export const PATCH = route(
  inventoryWrite(
    "Change the CI accounts a person runs pipelines as, or their team",
    ["people:write"],
    { 200: personCiAccountsOrTeam },
    personChangeSchema,
  ),
  async ({ db, actor, body, params }) => {
    const options = { actor, now: new Date() };
    const team = body.team === undefined ? {} : await changePersonTeam(db, params.id, body.team, options);
    const ciHandles =
      body.ciHandles === undefined ? {} : await changePersonCiHandles(db, params.id, body.ciHandles, options);
    return { ...team, ...ciHandles };
  },
);
