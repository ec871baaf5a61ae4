import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { getCurrentUser, userActor, type CurrentUser } from "./session";
import { can, refusalReason, type Permission } from "@/lib/domain/authz";
import { getDb } from "@/lib/db/client";
import { countUsers } from "@/lib/db/users/users";
import { forwardedClientIp } from "@/lib/http/client-ip";

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

/**
 * An emailed link's page (`path`): signed out, sign in first and come back, so a mail scanner
 * following the link does not use it up. Signed in: who redeems it, as the redeeming services take it.
 */
export async function requireLinkRedeemer(path: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return {
    user: { id: user.id, personId: user.personId },
    actor: userActor(user),
    ip: forwardedClientIp(await headers()),
  };
}
