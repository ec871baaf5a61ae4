import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { getCurrentUser, type CurrentUser } from "./session";
import { can, type Permission } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { countUsers } from "@/lib/db/users/users";

/**
 * Every page calls this first: no users yet → the setup page; signed out → sign-in (coming back
 * afterwards); signed in without the permission → 403.
 */
export async function requirePageUser(permission: Permission = "inventory:read"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    if ((await countUsers(getDb())) === 0) redirect("/setup");
    const h = await headers();
    const next = h.get("x-signet-path") ?? "/";
    redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  }
  if (!can(user.role, permission)) forbidden();
  return user;
}
