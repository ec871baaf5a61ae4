import type { ApprovalView } from "@/lib/db/approvals/approvals";
import { approvalFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

/** The /approvals list (GET /api/v1/approvals). */
export const { keys: approvalKeys, query: approvalListQuery } = apiList<ApprovalView, typeof approvalFiltersSchema>(
  "approvals",
  approvalFiltersSchema,
);
