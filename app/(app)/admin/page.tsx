import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/users/users";
import { ROLE_LABELS } from "@/lib/domain/authz";
import { PageHeader, Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { DateText } from "@/components/ui/date-text";
import { CreateUserForm } from "./create-user-form";

export const metadata = { title: "Administration" };

export default async function AdminPage() {
  await requirePageUser("users:manage");
  const users = await listUsers(getDb());
  return (
    <>
      <PageHeader
        title="Administration"
        description="Users and their roles. Administrators manage everything; analysts triage; owners see and act on their own signers; auditors read everything including the audit log."
      />
      <div className="space-y-6">
        <Table caption="Users" columns={["Name", "Email", "Role", "Linked person", "Created"]}>
          {users.map((u) => (
            <tr key={u.id}>
              <Td>{u.name}</Td>
              <Td>{u.email}</Td>
              <Td>{ROLE_LABELS[u.role] ?? u.role}</Td>
              <Td>{u.personId ? "yes" : <span className="text-slate-400">no</span>}</Td>
              <Td>
                <DateText date={u.createdAt} />
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
