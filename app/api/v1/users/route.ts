import { route } from "@/lib/api/handler";
import { listUsers } from "@/lib/db/users/users";
import { userList } from "@/lib/api/responses/admin";
import { apiListQuery, pageOnlySchema } from "@/lib/domain/inventory-filters";

// Users, their roles and whether they can sign in: administrators, or a token with users:write.
// { rows, total, page, pageSize }: the /admin list's read model (rows was the whole answer before)
export const GET = route(
  {
    summary: "Users, their roles and whether they can sign in",
    responses: { 200: userList },
    permission: "users:manage",
    tokenScopes: ["users:write"],
    query: apiListQuery(pageOnlySchema),
  },
  async ({ db, query }) => listUsers(db, query),
);
