import type { CurrentUser } from "./session";
import { getDb } from "@/lib/db/client";
import { findTask } from "@/lib/db/attestations/attestations";
import { taskRefusal } from "@/lib/domain/attestation";
import { can, isOwnerScoped, refusalReason, type Permission, type ScopeUser } from "@/lib/domain/authz";
import { matchRoute } from "@/lib/domain/route-pattern";

// Who may open each page of the signed-in frame (app/(app)), by route pattern: the one table the
// pages are guarded by (requirePageUser, refusePage in ./guard.ts) and the 403 page explains a
// refusal from. The 403 page is rendered alongside the page, not after it, so it cannot be told
// why the page refused; it derives the reason again from this table, the signed-in user and the
// request's path, and so gives the same answer whatever the render order.
// page-access.test.ts checks that every page under app/(app) has its entry and names it.

export type PageAccess = {
  /** the permission the user's role needs */
  permission: Permission;
  /** refused for who the user is, whatever record the path names: why, or null (requirePageUser decides) */
  userRefusal?: (user: ScopeUser) => string | null;
  /**
   * refused for the record the path names, decided by the page (whose service audits the refusal)
   * before it calls refusePage: why, read again here for the 403 page, or null
   */
  recordRefusal?: (user: CurrentUser, params: Record<string, string>) => Promise<string | null>;
};

/** Every role may enter the signed-in frame (app/(app)/layout.tsx) with this. */
export const FRAME_PERMISSION: Permission = "inventory:read";

const forRole = (permission: Permission) => ({ permission }) as const;
const securityTeamOnly = (reason: string) => (user: ScopeUser) => (isOwnerScoped(user.role) ? reason : null);

const table = {
  "/": forRole("inventory:read"),
  "/admin": forRole("users:manage"),
  "/admin/alert-policy": forRole("alerts:manage"),
  "/admin/jobs": forRole("alerts:manage"),
  "/admin/outbox": forRole("alerts:manage"),
  "/admin/outbox/[id]": forRole("alerts:manage"),
  "/admin/policy": forRole("policy:manage"),
  "/admin/tokens": forRole("tokens:manage"),
  "/admin/webhooks": forRole("alerts:manage"),
  "/api-reference": forRole("inventory:read"),
  "/approvals": forRole("approvals:read"),
  "/approvals/[id]": forRole("approvals:read"),
  "/artifacts/[sha256]": {
    permission: "inventory:read",
    // an artifact names signers across the whole inventory: not for owners, who see their own only
    userRefusal: securityTeamOnly("Artifact look-ups are for analysts, auditors and administrators."),
  },
  "/audit": forRole("audit:read"),
  "/campaigns": forRole("campaigns:read"),
  "/campaigns/[id]": forRole("campaigns:read"),
  "/certificates": forRole("inventory:read"),
  "/certificates/[id]": forRole("inventory:read"),
  "/discovery": forRole("inventory:write"),
  "/findings": forRole("inventory:read"),
  "/findings/[id]": forRole("inventory:read"),
  "/gate": forRole("inventory:read"),
  "/import/certificates": forRole("inventory:write"),
  "/incidents": forRole("incidents:read"),
  "/incidents/[id]": forRole("incidents:read"),
  "/incidents/new": forRole("incidents:manage"),
  "/keys": forRole("inventory:read"),
  "/keys/[id]": forRole("inventory:read"),
  "/owners": forRole("inventory:read"),
  "/owners/people/[id]": forRole("inventory:read"),
  "/owners/teams/[id]": forRole("inventory:read"),
  "/people": forRole("inventory:read"),
  "/people/[id]": {
    permission: "inventory:read",
    userRefusal: securityTeamOnly(
      "Managing people is for the security team; as a Signer owner you see the owners of your own signers on each signer's page.",
    ),
  },
  "/revocation": forRole("inventory:read"),
  "/scans": forRole("inventory:write"),
  "/signers": forRole("inventory:read"),
  "/signers/[id]": forRole("inventory:read"),
  "/signers/[id]/edit": forRole("inventory:write"),
  "/signers/import": forRole("inventory:write"),
  "/signers/new": forRole("inventory:write"),
  "/tasks": forRole("attestations:answer"),
  "/tasks/[id]": {
    permission: "attestations:answer",
    // the page refuses through loadOwnTask, which audits it; the same rule (taskRefusal) says why here
    recordRefusal: async (user, { id }) => {
      const task = await findTask(getDb(), id);
      const refusal = task && taskRefusal(task, user.personId);
      return refusal ? `${refusal.message}. Your own open tasks are under My tasks.` : null;
    },
  },
} satisfies Record<string, PageAccess>;

/** A page of the signed-in frame, by its route pattern (its folder under app/(app)). */
export type PagePattern = keyof typeof table;
/** The pages that refuse for the record their path names (and call refusePage). */
export type RecordRefusingPage = {
  [P in PagePattern]: (typeof table)[P] extends { recordRefusal: unknown } ? P : never;
}[PagePattern];

export const PAGE_ACCESS: Readonly<Record<PagePattern, PageAccess>> = table;
export const PAGE_PATTERNS = Object.keys(table) as PagePattern[];

/** Why `user` may not open `page` whatever record it names (the role's permission, then the page's rule), or null. */
export function userRefusalOf(page: PagePattern, user: ScopeUser): string | null {
  const access = PAGE_ACCESS[page];
  if (!can(user.role, access.permission)) return refusalReason(access.permission, user.role);
  return access.userRefusal?.(user) ?? null;
}

/**
 * What the 403 page tells `user` about the page at `path` (as proxy.ts passes it on, query
 * included): the first refusal that applies, or null when none does (the page's generic text).
 */
export async function refusalFor(user: CurrentUser, path: string): Promise<string | null> {
  const match = matchRoute(path, PAGE_PATTERNS);
  if (!match) return null;
  const recordRefusal = PAGE_ACCESS[match.pattern].recordRefusal;
  return userRefusalOf(match.pattern, user) ?? (recordRefusal ? await recordRefusal(user, match.params) : null);
}
