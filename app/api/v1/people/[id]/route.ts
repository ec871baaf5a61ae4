import { found } from "@/lib/api/errors";
import { inventoryRead } from "@/lib/api/route-presets";
import { route } from "@/lib/api/handler";
import { assertMaySeePeople } from "@/lib/api/people-access";
import { findPersonDetail, signersOwnedBy } from "@/lib/db/people/people-admin";
import { personDetail } from "@/lib/api/responses/inventory";

export const GET = route(
  inventoryRead("One person with the signers they own", personDetail),
  async ({ db, user, params }) => {
    assertMaySeePeople(user);
    const person = found(await findPersonDetail(db, params.id), "Person");
    return { ...person, signers: await signersOwnedBy(db, person.id) };
  },
);
