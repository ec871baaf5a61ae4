import { route } from "@/lib/api/handler";
import { listTaskPage } from "@/lib/db/attestations/task-list";
import { apiListQuery, pageOnlySchema } from "@/lib/domain/inventory-filters";
import { taskList } from "@/lib/api/responses/admin";

// The signed-in person's own attestation tasks (never anyone else's): the /tasks page's read model,
// { rows, total, page, pageSize, openCount }; `tasks` (the page's rows) stays for older callers.
export const GET = route(
  {
    summary: "The signed-in person's attestation tasks, paged",
    responses: { 200: taskList },
    permission: "attestations:answer",
    query: apiListQuery(pageOnlySchema),
  },
  async ({ db, user, query }) => {
    const page = await listTaskPage(db, user?.personId ?? null, query, new Date());
    return { ...page, tasks: page.rows };
  },
);
