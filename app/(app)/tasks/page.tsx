import { listTaskPage } from "@/lib/db/attestations/task-list";
import { taskListQuery } from "@/lib/queries/tasks";
import { EmptyState } from "@/components/ui/card";
import { inventoryListPage } from "@/components/inventory/list-page";
import { TaskList } from "@/components/attestation/bulk-attest";
import { TaskNotice } from "@/components/attestation/task-notice";

export const metadata = { title: "My attestation tasks" };

export default inventoryListPage({
  title: "My attestation tasks",
  description:
    "For each signer you own: is it still needed, which privileges should it keep, and is its key held as recorded? Answers are final; you can submit a correction, which keeps the original on record.",
  list: { query: taskListQuery, load: (db, user, filters, now) => listTaskPage(db, user.personId, filters, now) },
  page: "/tasks",
  render: (_choices, user) => (
    <>
      <TaskNotice />
      {user.personId ? (
        <TaskList />
      ) : (
        <EmptyState title="You are not linked to a person in the inventory">
          Attestation tasks go to signer owners, matched by email. Ask an administrator to check your email address.
        </EmptyState>
      )}
    </>
  ),
});
