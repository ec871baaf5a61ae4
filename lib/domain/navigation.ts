import { can, type Permission, type ScopeUser } from "./authz";

// The main navigation, grouped. Each page still enforces its own permission on the server; the
// navigation only hides what a user could not open.

export type NavItem = {
  href: string;
  label: string;
  permission: Permission;
  /** other path prefixes that belong to this item (its detail pages, its sub-pages) */
  alsoMatches?: readonly string[];
  /** shown only to users linked to a person of the inventory (tasks go to people) */
  isForPeopleOnly?: boolean;
};
export type NavGroup = { label: string; items: readonly NavItem[] };

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    label: "Inventory",
    items: [
      { href: "/", label: "Overview", permission: "inventory:read" },
      { href: "/signers", label: "Signers", permission: "inventory:read" },
      { href: "/certificates", label: "Certificates", permission: "inventory:read" },
      { href: "/keys", label: "Keys", permission: "inventory:read" },
      { href: "/findings", label: "Findings", permission: "inventory:read" },
      { href: "/revocation", label: "Revocation", permission: "inventory:read" },
      { href: "/gate", label: "Gate decisions", permission: "inventory:read" },
      { href: "/import/certificates", label: "Import certificates", permission: "inventory:write" },
      { href: "/scans", label: "Scan artifacts", permission: "inventory:write", alsoMatches: ["/artifacts"] },
      { href: "/discovery", label: "Discovery queue", permission: "inventory:write" },
      // beside the import: how pipelines bring data in (every reader may look it up)
      { href: "/api-reference", label: "API reference", permission: "inventory:read" },
    ],
  },
  {
    label: "Governance",
    items: [
      { href: "/tasks", label: "My tasks", permission: "attestations:answer", isForPeopleOnly: true },
      { href: "/campaigns", label: "Campaigns", permission: "campaigns:read" },
      { href: "/incidents", label: "Incidents and drills", permission: "incidents:read" },
      { href: "/approvals", label: "Approvals", permission: "approvals:read" },
      { href: "/owners", label: "People and teams", permission: "inventory:read", alsoMatches: ["/people"] },
      { href: "/audit", label: "Audit log", permission: "audit:read" },
    ],
  },
  {
    label: "Administration",
    items: [
      { href: "/admin", label: "Users", permission: "users:manage" },
      { href: "/admin/tokens", label: "API tokens", permission: "tokens:manage" },
      { href: "/admin/policy", label: "Policy", permission: "policy:manage" },
      {
        href: "/admin/jobs",
        label: "Alerts & jobs",
        permission: "alerts:manage",
        alsoMatches: ["/admin/outbox", "/admin/alert-policy"],
      },
      { href: "/admin/webhooks", label: "Webhooks", permission: "alerts:manage" },
    ],
  },
];

/** The groups and items this user may open; empty groups are left out. */
export function navFor(user: ScopeUser, groups: readonly NavGroup[] = NAV_GROUPS): NavGroup[] {
  return groups
    .map((g) => ({
      label: g.label,
      items: g.items.filter((i) => can(user.role, i.permission) && (!i.isForPeopleOnly || user.personId !== null)),
    }))
    .filter((g) => g.items.length > 0);
}

const isUnder = (pathname: string, prefix: string) =>
  prefix === "/" ? pathname === "/" : pathname === prefix || pathname.startsWith(`${prefix}/`);

/**
 * The item to highlight on `pathname`: the one with the longest matching prefix, so /admin/tokens
 * lights up "API tokens" and not "Users", and /admin/outbox/… lights up "Alerts & jobs".
 */
export function currentNavHref(groups: readonly NavGroup[], pathname: string): string | null {
  let best: { href: string; length: number } | null = null;
  for (const item of groups.flatMap((g) => g.items)) {
    for (const prefix of [item.href, ...(item.alsoMatches ?? [])]) {
      if (isUnder(pathname, prefix) && (!best || prefix.length > best.length))
        best = { href: item.href, length: prefix.length };
    }
  }
  return best?.href ?? null;
}
