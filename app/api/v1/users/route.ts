import { route } from "@/lib/api/handler";
import { listUsers } from "@/lib/db/users/users";
import { userList } from "@/lib/api/responses/admin";

// Users, their roles and whether they can sign in: administrators, or a token with users:write.
export const GET = route(
  {
    summary: "Users, their roles and whether they can sign in",
    responses: { 200: userList },
    permission: "users:manage",
    tokenScopes: ["users:write"],
  },
  async ({ db }) => ({
    rows: await listUsers(db),
  }),
);
