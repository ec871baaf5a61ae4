// Roles and what they may do. Pure: the server checks these for every page, route handler and
// server action (lib/api/handler.ts, lib/auth/guard.ts); the UI only uses them to hide
// controls a user could not use anyway.

export const ROLES = ["admin", "analyst", "owner", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** see the inventory; owners see only the signers they own and what hangs off them */
  "inventory:read": ["admin", "analyst", "owner", "auditor"],
  /** triage findings (acknowledge, accept a risk, mark false positives, resolve, reopen), record revocations, run checks */
  "findings:triage": ["admin", "analyst"],
  /** create and edit signers, people, teams; import certificates */
  "inventory:write": ["admin", "analyst"],
  /** start and manage attestation campaigns */
  "campaigns:manage": ["admin", "analyst"],
  /** read campaigns, their progress and the decisions on their change requests (auditors review them) */
  "campaigns:read": ["admin", "analyst", "auditor"],
  /** answer attestation tasks assigned to you */
  "attestations:answer": ["admin", "analyst", "owner", "auditor"],
  /** mute alerts of a certificate (owners: their own) */
  "alerts:mute": ["admin", "analyst", "owner"],
  /** alert policy, outbox, job status, webhook subscriptions */
  "alerts:manage": ["admin"],
  "audit:read": ["admin", "auditor"],
  "users:manage": ["admin"],
  "tokens:manage": ["admin"],
  /** edit the findings and gate policy, record gate exceptions */
  "policy:manage": ["admin"],
  /** see key-compromise incidents and drills and export drill reports (owners: those of their signers) */
  "incidents:read": ["admin", "analyst", "owner", "auditor"],
  /** declare a key compromised, run drills, waive or confirm recovery tasks */
  "incidents:manage": ["admin", "analyst"],
  /** see requests for just-in-time signing windows (owners: those of their signers) */
  "approvals:read": ["admin", "analyst", "owner", "auditor"],
  /** ask for a window on a just-in-time grant (owners: for their signers) */
  "approvals:request": ["admin", "analyst", "owner"],
  /** approve or refuse a window: never the requester or the pipeline's triggering human */
  "approvals:decide": ["admin", "analyst", "owner"],
  "demo:load": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Owners only see what they own; every other role sees the whole inventory. */
/** What decides which part of the inventory a user sees (a signed-in user has both). */
export type ScopeUser = { role: Role; personId: string | null };

export function isOwnerScoped(role: Role): boolean {
  return role === "owner";
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  analyst: "Security analyst",
  owner: "Signer owner",
  auditor: "Auditor",
};

/** The roles that hold a permission, by their labels: "Administrator or Security analyst". */
export function rolesAllowed(permission: Permission): string {
  const labels = (PERMISSIONS[permission] as readonly Role[]).map((r) => ROLE_LABELS[r]);
  return labels.length > 1
    ? `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`
    : (labels[0] ?? "nobody");
}

/** Why a page refused a user: which roles may open it and which role they have. */
export function refusalReason(permission: Permission, role: Role): string {
  return `This page is open to the ${rolesAllowed(permission)} roles; you are signed in as ${ROLE_LABELS[role]}.`;
}
