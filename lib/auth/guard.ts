import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { getCurrentUser, userActor, type CurrentUser } from "./session";
import { can } from "@/lib/domain/authz";
import { reportError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { countUsers } from "@/lib/db/users/users";
import { forwardedClientIp } from "@/lib/http/client-ip";
import {
  FRAME_PERMISSION,
  PAGE_ACCESS,
  refusalFor,
  userRefusalOf,
  type PagePattern,
  type RecordRefusingPage,
} from "./page-access";

/**
 * The signed-in user of this request, looked up once however many of the layout, the page and
 * the 403 page ask, in whichever order they render (each gets the same answer).
 */
const currentUser = cache(() => getCurrentUser());

/** No users yet → the setup page; signed out → sign-in (coming back afterwards). */
async function requireSignedIn(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) {
    if ((await countUsers(getDb())) === 0) redirect("/setup");
    const h = await headers();
    const next = h.get("x-signet-path") ?? "/";
    redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  }
  return user;
}

/** The signed-in frame (app/(app)/layout.tsx): signed in, with the permission every role has. */
export async function requireFrameUser(): Promise<CurrentUser> {
  const user = await requireSignedIn();
  if (!can(user.role, FRAME_PERMISSION)) forbidden();
  return user;
}

/**
 * Every page calls this first, naming its own route pattern (its entry in PAGE_ACCESS): signed in,
 * else setup or sign-in; refused by the entry (the permission, then its rule on the user) → 403.
 */
export async function requirePageUser(page: PagePattern): Promise<CurrentUser> {
  const user = await requireSignedIn();
  if (userRefusalOf(page, user) !== null) forbidden();
  return user;
}

/**
 * Answers 403 for the record `page`'s path names (a task that is not the user's). The 403 page
 * tells the user why from `page`'s recordRefusal, so the page passes nothing else on.
 */
export function refusePage(page: RecordRefusingPage): never {
  if (!PAGE_ACCESS[page].recordRefusal) throw new Error(`${page} has no recordRefusal to explain its refusal`);
  forbidden();
}

/**
 * What the 403 page of the frame (app/(app)/forbidden.tsx) tells the user, derived from this
 * request alone. Next renders that page with every page of the frame, refused or not.
 */
export async function refusalOfThisRequest(): Promise<string | null> {
  const user = await currentUser();
  if (!user) return null;
  const path = (await headers()).get("x-signet-path") ?? "";
  try {
    return await refusalFor(user, path);
  } catch (error) {
    // the 403 page renders with every page of the frame; a failed look-up costs the reason, not the page
    reportError(error, "forbidden page");
    return null;
  }
}

/**
 * An emailed link's page (`path`): signed out, sign in first and come back, so a mail scanner
 * following the link does not use it up. Signed in: who redeems it, as the redeeming services take it.
 */
export async function requireLinkRedeemer(path: string) {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return {
    user: { id: user.id, personId: user.personId },
    actor: userActor(user),
    ip: forwardedClientIp(await headers()),
  };
}
