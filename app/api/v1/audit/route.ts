import { route } from "@/lib/api/handler";
import { listAuditPage } from "@/lib/db/audit/list";
import { auditFiltersSchema } from "@/lib/domain/inventory-filters";
import { auditPage } from "@/lib/api/responses/inventory";

export const GET = route(
  {
    summary: "The audit log, filtered and paged",
    responses: { 200: auditPage },
    permission: "audit:read",
    query: auditFiltersSchema,
  },
  async ({ db, query }) => listAuditPage(db, query),
);
