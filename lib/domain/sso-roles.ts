import { isRole, ROLES, type Role } from "./authz";
import { decideAccessChange } from "./user-access";

// Identity-provider groups → a Signet role, decided again at every single sign-on. Pure: the
// claims, the configured map and the user's current state are parameters (docs/sso.md).
// - The groups come from one claim (SIGNET_OIDC_GROUPS_CLAIM, default "groups"); a dotted name
//   reads a nested claim (Keycloak's "realm_access.roles").
// - SIGNET_OIDC_ROLE_MAP is "group=role,group=role"; a user in several mapped groups gets the
//   strongest role; a user in none gets SIGNET_OIDC_DEFAULT_ROLE (default owner).
// - A user an administrator marked "role managed by hand" keeps their role, and the last active
//   administrator is never demoted (the rule of lib/domain/user-access, applied as the system).

export type SsoRoleMapping = {
  groupsClaim: string;
  /** identity-provider group name → role; names compare exactly (identity providers are case-sensitive) */
  roleByGroup: ReadonlyMap<string, Role>;
  defaultRole: Role;
};

/** Strongest first: a user in two mapped groups gets the earlier role. */
const ROLE_STRENGTH: readonly Role[] = ["admin", "analyst", "auditor", "owner"];

export const DEFAULT_GROUPS_CLAIM = "groups";
export const DEFAULT_SSO_ROLE: Role = "owner";

/** Parses SIGNET_OIDC_ROLE_MAP ("signet-admins=admin,sec-team=analyst"); throws a message naming the bad entry. */
export function parseRoleMap(text: string | undefined): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of (text ?? "").split(",")) {
    if (!entry.trim()) continue;
    const at = entry.lastIndexOf("=");
    const group = at > 0 ? entry.slice(0, at).trim() : "";
    const role = at > 0 ? entry.slice(at + 1).trim() : "";
    if (!group || !isRole(role))
      throw new Error(`"${entry.trim()}" is not group=role with a role of ${ROLES.join(", ")}`);
    if (map.has(group) && map.get(group) !== role) throw new Error(`group "${group}" is mapped twice`);
    map.set(group, role);
  }
  return map;
}

/** The group names in `claims` under `claimName` (dotted for nested claims): an array or one string. */
export function readGroups(claims: Record<string, unknown>, claimName: string): string[] {
  let value: unknown = claimName in claims ? claims[claimName] : claims;
  if (!(claimName in claims)) {
    for (const part of claimName.split(".")) {
      value =
        value && typeof value === "object" && !Array.isArray(value)
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
  }
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return [...new Set(list.filter((g): g is string => typeof g === "string" && g.length > 0))];
}

/** The role the groups map to, and which groups decided it (none: the default role). */
export function mapGroupsToRole(
  groups: readonly string[],
  mapping: Pick<SsoRoleMapping, "roleByGroup" | "defaultRole">,
): { role: Role; matchedGroups: string[] } {
  const matched = groups.filter((g) => mapping.roleByGroup.has(g));
  if (matched.length === 0) return { role: mapping.defaultRole, matchedGroups: [] };
  const role = ROLE_STRENGTH.find((r) => matched.some((g) => mapping.roleByGroup.get(g) === r))!;
  return { role, matchedGroups: matched.filter((g) => mapping.roleByGroup.get(g) === role) };
}

export type SignInRoleDecision =
  | { kind: "unchanged"; role: Role }
  | { kind: "change"; from: Role; to: Role; matchedGroups: string[] }
  | { kind: "kept"; role: Role; mapped: Role; reason: "manual" | "last-admin"; matchedGroups: string[] };

/** What a sign-in does to a user's role, given their groups. */
export function decideSignInRole(input: {
  user: { role: Role; isDisabled: boolean; isRoleManual: boolean };
  groups: readonly string[];
  mapping: Pick<SsoRoleMapping, "roleByGroup" | "defaultRole">;
  /** administrators who can sign in now, counted in the change's transaction */
  activeAdminCount: number;
}): SignInRoleDecision {
  const { user } = input;
  const { role: mapped, matchedGroups } = mapGroupsToRole(input.groups, input.mapping);
  if (mapped === user.role) return { kind: "unchanged", role: user.role };
  if (user.isRoleManual) return { kind: "kept", role: user.role, mapped, reason: "manual", matchedGroups };
  const decision = decideAccessChange({
    actor: { kind: "system" },
    change: { kind: "change-role", to: mapped },
    target: { user: { role: user.role, isDisabled: user.isDisabled } },
    activeAdminCount: input.activeAdminCount,
  });
  if (!decision.isAllowed) return { kind: "kept", role: user.role, mapped, reason: "last-admin", matchedGroups };
  return { kind: "change", from: user.role, to: mapped, matchedGroups };
}
