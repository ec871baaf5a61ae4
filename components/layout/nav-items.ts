import type { Permission } from "@/lib/domain/authz";

export type NavItem = { href: string; label: string; permission: Permission };

// The sidebar; each page still enforces its own permission on the server.
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", permission: "inventory:read" },
  { href: "/signers", label: "Signers", permission: "inventory:read" },
  { href: "/certificates", label: "Certificates", permission: "inventory:read" },
  { href: "/import/certificates", label: "Import certificates", permission: "inventory:write" },
  { href: "/keys", label: "Keys", permission: "inventory:read" },
  { href: "/findings", label: "Findings", permission: "inventory:read" },
  { href: "/revocation", label: "Revocation", permission: "inventory:read" },
  { href: "/gate", label: "Gate decisions", permission: "inventory:read" },
  { href: "/owners", label: "Owners", permission: "inventory:read" },
  { href: "/tasks", label: "My tasks", permission: "attestations:answer" },
  { href: "/campaigns", label: "Campaigns", permission: "campaigns:manage" },
  { href: "/people", label: "People and teams", permission: "inventory:write" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
  { href: "/admin", label: "Administration", permission: "users:manage" },
  { href: "/admin/tokens", label: "API tokens", permission: "tokens:manage" },
  { href: "/admin/policy", label: "Policy", permission: "policy:manage" },
  { href: "/admin/jobs", label: "Alerts & jobs", permission: "alerts:manage" },
];
