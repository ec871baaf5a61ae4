import type { AuditRow } from "@/lib/db/audit/list";
import { auditFiltersSchema } from "@/lib/domain/inventory-filters";
import { apiList } from "./list-query";

export const { keys: auditKeys, query: auditListQuery } = apiList<AuditRow, typeof auditFiltersSchema>(
  "audit",
  auditFiltersSchema,
);
