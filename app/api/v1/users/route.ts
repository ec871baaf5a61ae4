import { route } from "@/lib/api/handler";
import { listUsers } from "@/lib/db/users/users";

// Users, their roles and whether they can sign in: administrators, or a token with users:write.
export const GET = route({ permission: "users:manage", tokenScopes: ["users:write"] }, async ({ db }) => ({
  rows: await listUsers(db),
}));
