import type { TaskListRow, TaskPage } from "@/lib/db/attestations/task-list";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

/** The signed-in person's attestation tasks (/tasks), read from GET /api/v1/attestations. */
export const { keys: taskKeys, query: taskListQuery } = apiList<TaskListRow, typeof pageOnlySchema, TaskPage>(
  "tasks",
  pageOnlySchema,
  "/api/v1/attestations",
);
