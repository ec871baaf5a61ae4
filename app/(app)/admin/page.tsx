import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/users/users";
import { ROLE_LABELS } from "@/lib/domain/authz";
import { PageHeader, Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { DateText } from "@/components/ui/date-text";
import { Badge } from "@/components/ui/badge";
import { UserAccessControls } from "@/components/users/user-access-controls";
import { changeUserAccessAction } from "./actions";
import { CreateUserForm } from "./create-user-form";

export const metadata = { title: "Administration" };

export default async function AdminPage() {
  await requirePageUser("users:manage");
  const users = await listUsers(getDb());
  return (
    <>
      <PageHeader
        title="Administration"
        description="Users and their roles. Administrators manage everything; analysts triage; owners see and act on their own signers; auditors read everything including the audit log. The last active administrator cannot be demoted or disabled."
      />
      <div className="space-y-6">
        <Table caption="Users" columns={["User", "Role", "Linked person", "Sign-in", "Change role or access"]}>
          {users.map((u) => (
            <tr key={u.id}>
              <Td>
                <div>{u.name}</div>
                <div className="text-xs text-slate-500">{u.email}</div>
                <div className="text-xs text-slate-500">
                  created <DateText date={u.createdAt} />
                </div>
              </Td>
              <Td>{ROLE_LABELS[u.role] ?? u.role}</Td>
              <Td>
                {u.personId ? u.isPersonLeft ? "yes, has left" : "yes" : <span className="text-slate-500">no</span>}
              </Td>
              <Td className="whitespace-normal">
                {u.isDisabled ? (
                  <>
                    <Badge tone="slate">disabled</Badge>
                    {u.banReason ? <div className="max-w-48 text-xs text-slate-500">{u.banReason}</div> : null}
                  </>
                ) : (
                  <Badge tone="green">active</Badge>
                )}
              </Td>
              <Td className="min-w-80 whitespace-normal">
                <UserAccessControls user={u} action={changeUserAccessAction} />
              </Td>
            </tr>
          ))}
        </Table>
        <Card title="Create a user">
          <CreateUserForm />
        </Card>
      </div>
    </>
  );
}
