import { listPeopleWithCounts, listTeamsWithCounts } from "@/lib/db/people/people-admin";
import { can, isOwnerScoped } from "@/lib/domain/authz";
import { personFiltersSchema } from "@/lib/domain/inventory-filters";
import { personListQuery } from "@/lib/queries/people";
import { Card } from "@/components/ui/card";
import { inventoryListPage } from "@/components/inventory/list-page";
import { CreatePersonForm, CreateTeamForm } from "@/components/people/people-forms";
import { PeopleList, TeamTable } from "@/components/people/people-list";
import { createPersonAction, createTeamAction } from "./actions";

export const metadata = { title: "People and teams" };

export default inventoryListPage({
  title: "People and teams",
  description:
    "The owners of signers. Someone who leaves stays listed as “left”, so the signers they owned show as orphaned until they are handed over.",
  schema: personFiltersSchema,
  list: { query: personListQuery, load: (db, _user, filters) => listPeopleWithCounts(db, filters) },
  // the directory is for the security team and auditors (GET /api/v1/people says the same)
  access: { isAllowed: (user) => !isOwnerScoped(user.role) },
  choices: (db) => listTeamsWithCounts(db),
  render: (teams, user) => {
    const mayWrite = can(user.role, "inventory:write");
    return (
      <div className="space-y-6">
        <PeopleList />
        {mayWrite ? (
          <Card title="Add a person">
            <CreatePersonForm action={createPersonAction} teams={teams} />
          </Card>
        ) : null}
        <TeamTable teams={teams} />
        {mayWrite ? (
          <Card title="Add a team">
            <CreateTeamForm action={createTeamAction} />
          </Card>
        ) : null}
      </div>
    );
  },
});
