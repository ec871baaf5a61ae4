import { listUsers } from "@/lib/db/users/users";
import { userListQuery } from "@/lib/queries/admin";
import { Card } from "@/components/ui/card";
import { inventoryListPage } from "@/components/inventory/list-page";
import { UserList } from "@/components/users/user-list";
import { changeUserAccessAction } from "./actions";
import { CreateUserForm } from "./create-user-form";

export const metadata = { title: "Administration" };

export default inventoryListPage({
  title: "Administration",
  description:
    "Users and their roles. Administrators manage everything; analysts triage; owners see and act on their own signers; auditors read everything including the audit log. The last active administrator cannot be demoted or disabled.",
  list: { query: userListQuery, load: (db, _user, filters) => listUsers(db, filters) },
  page: "/admin",
  render: () => (
    <div className="space-y-6">
      <UserList changeAccess={changeUserAccessAction} />
      <Card title="Create a user">
        <CreateUserForm />
      </Card>
    </div>
  ),
});
