import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { getCurrentUser, type CurrentUser } from "./session";
import { can, refusalReason, type Permission } from "@/lib/domain/authz";
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
  if (!can(user.role, permission)) refusePage(refusalReason(permission, user.role));
  return user;
}

/**
 * Why this request's page was refused. forbidden.tsx takes no props, so the reason travels in a
 * per-request cache: set by refusePage, read by the forbidden page rendered in the same request.
 */
export const pageRefusal = cache((): { reason: string | null } => ({ reason: null }));

/** Answers 403 with the styled forbidden page, which tells the user `reason`. */
export function refusePage(reason: string): never {
  pageRefusal().reason = reason;
  forbidden();
}
