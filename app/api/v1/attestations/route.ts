import { listRoute } from "@/lib/api/list-route";
import { listTaskPage } from "@/lib/db/attestations/task-list";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { taskList } from "@/lib/api/responses/admin";

// The signed-in person's own attestation tasks (never anyone else's): the /tasks page's read model,
// { rows, total, page, pageSize, openCount }; `tasks` (the page's rows) stays for older callers.
export const GET = listRoute(
  "The signed-in person's attestation tasks, paged",
  { filters: pageOnlySchema, page: taskList, permission: "attestations:answer" },
  async ({ db, user, query }) => {
    const page = await listTaskPage(db, user?.personId ?? null, query, new Date());
    return { ...page, tasks: page.rows };
  },
);
