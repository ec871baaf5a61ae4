import { listRoute } from "@/lib/api/list-route";
import { listUsers } from "@/lib/db/users/users";
import { userList } from "@/lib/api/responses/admin";
import { pageOnlySchema } from "@/lib/domain/inventory-filters";

// Users, their roles and whether they can sign in: administrators, or a token with users:write.
// { rows, total, page, pageSize }: the /admin list's read model (rows was the whole answer before)
export const GET = listRoute(
  "Users, their roles and whether they can sign in",
  { filters: pageOnlySchema, page: userList, permission: "users:manage", tokenScopes: ["users:write"] },
  async ({ db, query }) => listUsers(db, query),
);
