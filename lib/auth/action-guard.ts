import { AppError } from "@/lib/api/errors";
import { can, type Permission } from "@/lib/domain/authz";
import { getCurrentUser, type CurrentUser } from "./session";

/** Server actions are public endpoints: each one authenticates and authorises itself. */
export async function requireActionUser(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Your session has ended: sign in again");
  if (!can(user.role, permission)) throw new AppError("forbidden", `Your role (${user.role}) may not do this`);
  return user;
}
