import { route } from "@/lib/api/handler";
import { listAuditPage } from "@/lib/db/audit/list";
import { auditFiltersSchema } from "@/lib/domain/inventory-filters";

export const GET = route({ permission: "audit:read", query: auditFiltersSchema }, async ({ db, query }) =>
  listAuditPage(db, query),
);
