import { route } from "@/lib/api/handler";
import { listUsers } from "@/lib/db/users/users";
import { apiListQuery, pageOnlySchema } from "@/lib/domain/inventory-filters";

// Users, their roles and whether they can sign in: administrators, or a token with users:write.
// { rows, total, page, pageSize }: the /admin list's read model (rows was the whole answer before)
export const GET = route(
  { permission: "users:manage", tokenScopes: ["users:write"], query: apiListQuery(pageOnlySchema) },
  async ({ db, query }) => listUsers(db, query),
);
