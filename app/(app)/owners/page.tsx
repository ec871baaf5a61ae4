import { listOwnerPage } from "@/lib/db/people/owners";
import { can } from "@/lib/domain/authz";
import { ownerFiltersSchema } from "@/lib/domain/inventory-filters";
import { ownerListQuery } from "@/lib/queries/owners";
import { inventoryListPage } from "@/components/inventory/list-page";
import { teamChoices } from "@/components/inventory/page-data";
import { OwnerList } from "@/components/inventory/owner-list";
import { Card } from "@/components/ui/card";
import { CreatePersonForm, CreateTeamForm } from "@/components/people/people-forms";
import { createPersonAction, createTeamAction } from "../people/actions";

export const metadata = { title: "People and teams" };

// The one people directory (issue 17 merged "Owners" and "People and teams"): the list of people
// and teams with what they own, and for those who edit the inventory the forms to add them.
export default inventoryListPage({
  page: "/owners",
  title: "People and teams",
  description:
    "The people and teams accountable for signers. People who left still appear, so the signers they owned show up as orphaned until they are handed over.",
  schema: ownerFiltersSchema,
  list: { query: ownerListQuery, load: listOwnerPage },
  choices: teamChoices,
  render: (teams, user) => (
    <>
      <OwnerList teams={teams} />
      {can(user.role, "inventory:write") ? (
        <div className="mt-6 grid grid-cols-1 gap-6 2xl:grid-cols-2">
          <Card title="Add a person">
            <CreatePersonForm action={createPersonAction} teams={teams} />
          </Card>
          <Card title="Add a team">
            <CreateTeamForm action={createTeamAction} />
          </Card>
        </div>
      ) : null}
    </>
  ),
});
